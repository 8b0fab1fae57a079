//! Every methodology under methodologies/ and every valid file under tests/ goes
//! through every stage: parse, check, fmt (idempotent, same tree), run, explain.

use crate::util::root;
use metodika::{engine, fmt, load, report, syntax};
use std::path::PathBuf;

pub fn methodology_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("methodologies")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "metodika") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn there_are_methodologies() {
    assert!(methodology_files().len() >= 2);
}

#[test]
fn every_methodology_goes_through_every_stage() {
    for path in methodology_files() {
        let name = path.display().to_string();
        let opts = load::options_for(&path);
        let loaded = load::load_file(&path, &opts).unwrap();
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(
            loaded.diagnostics.is_empty(),
            "{name} has warnings: {:?}",
            loaded.diagnostics
        );
        // fmt: canonical already, idempotent, same tree
        let module = loaded.module.as_ref().unwrap();
        let formatted = fmt::format(module, &loaded.file.text);
        assert_eq!(
            &*loaded.file.text, formatted,
            "{name} is not in canonical form (run `metodika fmt`)"
        );
        let again = syntax::parse(&formatted).unwrap();
        assert_eq!(
            serde_json::to_value(module).unwrap(),
            serde_json::to_value(&again).unwrap()
        );
        // run and explain
        let m = loaded.methodology.unwrap();
        // every evaluator gives the same
        let ranking = crate::util::same_by_every_evaluator(&m, &opts)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!ranking.rows.is_empty());
        let first = &ranking.rows[0];
        let text = report::explain(&m, &ranking, &first.key).unwrap();
        assert!(text.contains(&first.label));
        // the page: every region once in the table, and its explanation
        let page = report::html::ranking_html(&m, &ranking, None, &[]).unwrap();
        for row in &ranking.rows {
            let tr = format!("<tr data-key=\"{}\"", report::html::escape(&row.key));
            assert_eq!(page.matches(&tr).count(), 1, "{name}: {}", row.key);
        }
        // the plan can be shown
        let plan = engine::describe_plan(&m, &opts).unwrap();
        assert!(!plan.is_empty());
    }
}
