//! Any text: parse, check, and for what parses, format and parse again. Nothing may
//! panic, and formatting must keep the tree.
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::check::{check, NoHeaders};
use metodika::syntax;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(module) = syntax::parse(text) {
        let _ = check(&module, &NoHeaders);
        let formatted = metodika::fmt::format(&module, text);
        let again = syntax::parse(&formatted).expect("formatted text parses");
        assert_eq!(
            serde_json::to_string(&module).unwrap(),
            serde_json::to_string(&again).unwrap(),
            "fmt changed the tree"
        );
    }
});
