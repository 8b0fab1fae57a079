//! `check --format github|gitlab|sarif|junit`: the diagnostics as review tools read
//! them — GitHub's workflow commands (annotations on the changed lines), GitLab's Code
//! Quality report, SARIF 2.1.0 (GitHub code scanning and most review tools), and JUnit XML
//! (a test per file, for CI dashboards). Each is written from the JSON form of a
//! diagnostic ([`metodika::diag::JsonDiagnostic`]), so the places are the same.

use metodika::diag::{JsonDiagnostic, Severity};
use metodika::i18n::t;
use serde_json::json;

/// The checked files: each file's name and its diagnostics (the files a revision extends
/// included, each under its own name).
pub struct Checked<'a> {
    pub files: Vec<String>,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The message and its help, on lines of their own.
fn text(d: &JsonDiagnostic) -> String {
    match d.help {
        Some(h) => format!(
            "{}\n{}: {h}",
            d.message,
            metodika::i18n::t("diag-help", &[])
        ),
        None => d.message.to_string(),
    }
}

/// GitHub's workflow commands, one line each: `::error file=…,line=…,col=…::message`.
/// Values are escaped as the runner reads them (`%`, line breaks; in properties also `:`
/// and `,`).
pub fn github(c: &Checked) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in &c.diagnostics {
        let mut props = vec![format!("file={}", prop(d.file))];
        if let Some(s) = &d.span {
            props.push(format!("line={}", s.line));
            props.push(format!("col={}", s.column));
            props.push(format!("endLine={}", s.end_line));
            props.push(format!("endColumn={}", s.end_column));
        }
        props.push(format!("title={}", prop(d.code)));
        out.push_str(&format!(
            "::{} {}::{}\n",
            level(d.severity),
            props.join(","),
            data(&format!("[{}] {}", d.code, text(d)))
        ));
    }
    out
}

/// A stable fingerprint of a diagnostic (GitLab matches findings between pipelines by it):
/// the SHA-256 of its code, file, line and message.
fn fingerprint(d: &JsonDiagnostic) -> String {
    use sha2::Digest;
    let line = d.span.as_ref().map_or(0, |s| s.line);
    let digest = sha2::Sha256::digest(format!("{}\0{}\0{line}\0{}", d.code, d.file, d.message));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// GitLab's Code Quality report: a JSON array of findings.
pub fn gitlab(c: &Checked) -> String {
    let findings: Vec<_> = c
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "description": format!("[{}] {}", d.code, text(d)),
                "check_name": d.code,
                "fingerprint": fingerprint(d),
                "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor" },
                "location": {
                    "path": d.file,
                    "lines": { "begin": d.span.as_ref().map_or(1, |s| s.line) },
                },
            })
        })
        .collect();
    format!(
        "{}\n",
        serde_json::to_string_pretty(&findings).unwrap_or_default()
    )
}

/// SARIF 2.1.0: one run of the tool `metodika`, a rule per code, a result per diagnostic;
/// columns counted in characters (`columnKind: unicodeCodePoints`), as the JSON's are.
pub fn sarif(c: &Checked) -> String {
    let mut codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<_> = codes.iter().map(|code| json!({ "id": code })).collect();
    let results: Vec<_> = c
        .diagnostics
        .iter()
        .map(|d| {
            let mut location = json!({
                "physicalLocation": { "artifactLocation": { "uri": d.file } }
            });
            if let Some(s) = &d.span {
                location["physicalLocation"]["region"] = json!({
                    "startLine": s.line,
                    "startColumn": s.column,
                    "endLine": s.end_line,
                    "endColumn": s.end_column,
                    "byteOffset": s.start,
                    "byteLength": s.end - s.start,
                });
            }
            let related: Vec<_> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i + 1,
                        "message": { "text": r.label },
                        "physicalLocation": {
                            "artifactLocation": { "uri": r.file.unwrap_or(d.file) },
                            "region": {
                                "startLine": r.span.line,
                                "startColumn": r.span.column,
                                "endLine": r.span.end_line,
                                "endColumn": r.span.end_column,
                            },
                        },
                    })
                })
                .collect();
            json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": text(d) },
                "locations": [location],
                "relatedLocations": related,
            })
        })
        .collect();
    let mut run = sarif_run(json!(rules), results);
    run["columnKind"] = json!("unicodeCodePoints");
    sarif_log(run)
}

/// A SARIF run of metodika with its rules and results.
fn sarif_run(rules: serde_json::Value, results: Vec<serde_json::Value>) -> serde_json::Value {
    json!({
        "tool": { "driver": {
            "name": "metodika",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "results": results,
    })
}

/// A SARIF 2.1.0 log of one run, as written.
fn sarif_log(run: serde_json::Value) -> String {
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    )
}

/// `&`, `<`, `>` and `"` as XML writes them in text and attributes.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// JUnit XML: a test case per file checked, failed by its errors (its warnings in its
/// output).
pub fn junit(c: &Checked) -> String {
    let errors = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error);
    let failed_files: std::collections::BTreeSet<&str> = errors.map(|d| d.file).collect();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"metodika check\" tests=\"{}\" failures=\"{}\">\n",
        c.files.len(),
        c.files.iter().filter(|f| failed_files.contains(f.as_str())).count()
    );
    for f in &c.files {
        out.push_str(&format!(
            "  <testcase classname=\"metodika.check\" name=\"{}\">\n",
            xml(f)
        ));
        let place = |d: &JsonDiagnostic| match &d.span {
            Some(s) => format!("{}:{}:{}", d.file, s.line, s.column),
            None => d.file.to_string(),
        };
        for d in c
            .diagnostics
            .iter()
            .filter(|d| d.file == f && d.severity == Severity::Error)
        {
            out.push_str(&format!(
                "    <failure type=\"{}\" message=\"{}\">{}: {}</failure>\n",
                d.code,
                xml(d.message),
                xml(&place(d)),
                xml(&text(d))
            ));
        }
        let warnings: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.file == f && d.severity == Severity::Warning)
            .map(|d| format!("{}: [{}] {}", place(d), d.code, text(d)))
            .collect();
        if !warnings.is_empty() {
            out.push_str(&format!(
                "    <system-out>{}</system-out>\n",
                xml(&warnings.join("\n"))
            ));
        }
        out.push_str("  </testcase>\n");
    }
    out.push_str("</testsuite>\n");
    out
}

/// A comparison (`diff --format sarif`, `review --format sarif`) as SARIF 2.1.0 for review
/// tools: each change of a methodology on the line it is written,
/// with what the change did to the ranking (level `note`, or `warning` where its
/// methodology's gate failed), and each failed gate on the methodology's first line.
pub(super) fn diff_sarif(diffs: &[(String, &metodika::diff::Diff)]) -> String {
    let mut results = Vec::new();
    for (path, d) in diffs {
        let s = &d.summary;
        let effect = t(
            "review-effect",
            &[
                ("moved", (s.up + s.down).into()),
                (
                    "max",
                    metodika::i18n::count("count-places", s.max_move).into(),
                ),
                ("zones", s.zone_changes.len().into()),
            ],
        );
        let failed = d.gate.as_ref().is_some_and(|g| !g.passed);
        for c in &d.changes {
            let (area, name, what) = metodika::report::diff::change_words(c);
            let file = match c.file.is_empty() {
                true => path.clone(),
                false => c.file.clone(),
            };
            let mut location = serde_json::json!({
                "physicalLocation": { "artifactLocation": { "uri": file } }
            });
            if let Some(line) = c.line {
                location["physicalLocation"]["region"] = serde_json::json!({ "startLine": line });
            }
            results.push(serde_json::json!({
                "ruleId": "methodology-change",
                "level": if failed { "warning" } else { "note" },
                "message": { "text": format!("{area} {name}: {what}. {effect}") },
                "locations": [location],
            }));
        }
        if let Some(g) = d.gate.as_ref().filter(|g| !g.passed) {
            results.push(serde_json::json!({
                "ruleId": "gate",
                "level": "error",
                "message": { "text": format!("{}: {}", t("gate-failed", &[("rules", g.rules.join(" ").into())]), g.reasons.join("; ")) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": path },
                    "region": { "startLine": 1 },
                }}],
            }));
        }
    }
    sarif_log(sarif_run(
        json!([{ "id": "methodology-change" }, { "id": "gate" }]),
        results,
    ))
}
