//! `metodika man`: the manual page, made by clap_mangen from the very definitions that
//! parse the command line (so it cannot drift from `--help`).

use std::path::Path;

/// Print `metodika.1`, or write it and one page per command into `dir`; the exit status.
pub fn man(dir: Option<&Path>) -> i32 {
    let cmd = super::command();
    let page = |c: clap::Command| -> Result<Vec<u8>, std::io::Error> {
        let mut out = Vec::new();
        clap_mangen::Man::new(c).render(&mut out)?;
        Ok(out)
    };
    let Some(dir) = dir else {
        return match page(cmd) {
            Ok(bytes) => {
                super::commands::out(&String::from_utf8_lossy(&bytes));
                0
            }
            Err(e) => super::commands::fail(&metodika::i18n::t(
                "cli-manual-failed",
                &[("why", e.to_string().into())],
            )),
        };
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return super::commands::fail(&metodika::i18n::t(
            "file-unwritable",
            &[
                ("file", dir.display().to_string().into()),
                ("why", e.to_string().into()),
            ],
        ));
    }
    let mut pages = vec![("metodika.1".to_string(), cmd.clone())];
    // (`help` prints the others' help: no page of its own, as clap's own had none)
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("metodika-{}", sub.get_name());
        // (each page titled by its command's whole name, as `man metodika-run` finds it;
        // its synopsis as it is typed)
        let typed = format!("metodika {}", sub.get_name());
        let sub = sub
            .clone()
            .name(name.clone())
            .display_name(name.clone())
            .bin_name(typed)
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), sub));
    }
    for (file, c) in pages {
        let path = dir.join(&file);
        let written = page(c)
            .and_then(|bytes| super::output::write_whole(&path, false, |w| w.write_all(&bytes)));
        if let Err(e) = written {
            return super::commands::fail(&metodika::i18n::t(
                "file-unwritable",
                &[
                    ("file", path.display().to_string().into()),
                    ("why", e.to_string().into()),
                ],
            ));
        }
    }
    eprintln!(
        "{}",
        metodika::i18n::t(
            "cli-wrote-manual",
            &[("dir", dir.display().to_string().into())]
        )
    );
    0
}
