//! Any text: parse, check, and for what parses, format and parse again. Nothing may
//! panic, formatting must keep the tree, and the first diagnostic renders (rendering
//! them all took two thirds of each execution).
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::check::{check, NoHeaders};
use metodika::diag::{render_all, RenderOptions, SourceFile};
use metodika::syntax;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("fuzz.metodika", text);
    match syntax::parse(text) {
        Ok(module) => {
            let checked = check(&module, &NoHeaders);
            let _ = render_all(&checked.diagnostics[..checked.diagnostics.len().min(1)], &file, RenderOptions::default());
            let formatted = metodika::fmt::format(&module, text);
            let again = syntax::parse(&formatted).expect("formatted text parses");
            assert_eq!(
                serde_json::to_string(&module).unwrap(),
                serde_json::to_string(&again).unwrap(),
                "fmt changed the tree"
            );
        }
        Err(diags) => {
            let _ = render_all(&diags[..diags.len().min(1)], &file, RenderOptions::default());
        }
    }
});
