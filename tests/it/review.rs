//! `metodika review`, and the CI job and pre-commit hook of docs/review.md run as written
//! in a test repository: Cyrillic paths, an `extends` chain, a data-only change, a new
//! file, data under an LFS-like filter, a shallow clone.

use crate::util::{git, root, temp_with};
use std::path::Path;
use std::process::Command;

/// The ```sh block after `<!-- NAME -->` in docs/review.md.
fn script(name: &str) -> String {
    let text = std::fs::read_to_string(root().join("docs/review.md")).unwrap();
    let at = text
        .find(&format!("<!-- {name} -->"))
        .unwrap_or_else(|| panic!("no {name} in docs/review.md"));
    let rest = &text[at..];
    let start = rest.find("```sh\n").unwrap() + 6;
    let end = rest[start..].find("```").unwrap();
    rest[start..start + end].to_string()
}

/// PATH with the built `metodika` first.
fn path_with_metodika() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_metodika"))
        .parent()
        .unwrap()
        .to_path_buf();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Run a shell script in `dir`; (status, stdout, stderr).
fn sh(dir: &Path, script: &str, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut c = Command::new("sh");
    c.args(["-c", script])
        .current_dir(dir)
        .env("PATH", path_with_metodika())
        .env("METODIKA_LANG", "en")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

const BASE: &str = "methodology \"Работа с обращениями\" {\n    version \"2025\"\n    key     code\n    label   name\n    period  yearly\n}\n\n\
input regions \"данные/регионы.csv\"\n\
records messages \"данные/обращения граждан/сообщения-{year}.csv\" { key code date created }\n\n\
indicator count \"Сообщения на жителя\" {\n    value     = count(messages) / regions.people\n    better    higher\n    normalize minmax\n}\n\n\
indicator people \"Население\" {\n    value     = regions.people\n    better    higher\n    normalize minmax\n}\n\n\
score \"Итоговый балл\" sum {\n    count  points 70\n    people points 30\n}\n\n\
zones {\n    green \"Зелёная зона\"  when score >= 50\n    red   \"Красная зона\"  otherwise\n}\n";

const REVISION: &str = "methodology \"Работа с обращениями\" {\n    extends \"база.metodika\"\n    version \"2026\"\n}\n\n\
change indicator count {\n    normalize goalposts(0, 1)\n}\n";

const REGIONS: &str = "code,name,people\nA,Альфа,10\nB,Бета,20\nC,Гамма,30\nD,Дельта,40\n";
const MESSAGES: &str = "code,created\nA,2025-01-05\nA,2025-02-05\nB,2025-03-05\nC,2025-04-05\nC,2025-05-05\nC,2025-06-05\nD,2025-07-05\n";

/// The repository of a ministry: `main` with the 2025 edition and its 2026 revision, the
/// data under an LFS-like filter (stored with their lines reversed); a branch `feature`
/// with a data-only change, a new methodology, and a change to the base edition.
fn repository() -> tempfile::TempDir {
    let dir = temp_with(&[
        ("методики/база.metodika", BASE),
        ("методики/редакция-2026.metodika", REVISION),
        ("методики/данные/регионы.csv", REGIONS),
        (
            "методики/данные/обращения граждан/сообщения-2025.csv",
            MESSAGES,
        ),
    ]);
    let d = dir.path();
    // canonical, as a repository under review keeps them
    let (code, _, err) = sh(d, "metodika fmt методики/*.metodika", &[]);
    assert_eq!(code, Some(0), "{err}");
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::write(d.join(".gitattributes"), "*.csv filter=reverse\n").unwrap();
    git(d, &["config", "filter.reverse.clean", "tac"]);
    git(d, &["config", "filter.reverse.smudge", "tac"]);
    git(d, &["add", "."]);
    git(
        d,
        &["commit", "-qm", "the 2025 edition and its 2026 revision"],
    );
    git(d, &["checkout", "-q", "-b", "feature"]);
    // the data alone: D's messages of the year
    std::fs::write(
        d.join("методики/данные/обращения граждан/сообщения-2025.csv"),
        format!("{MESSAGES}D,2025-08-05\nD,2025-09-05\nD,2025-10-05\nD,2025-11-05\n"),
    )
    .unwrap();
    git(d, &["commit", "-qam", "a new quarter's messages"]);
    // a new methodology
    std::fs::copy(
        d.join("методики/база.metodika"),
        d.join("методики/новая.metodika"),
    )
    .unwrap();
    let (code, _, err) = sh(
        d,
        "sed -i 's/Работа с обращениями/Новая методика/' методики/новая.metodika",
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "a new methodology"]);
    // the base edition: the population weighs less
    let (code, _, err) = sh(
        d,
        "sed -i 's/points 70/points 80/; s/points 30/points 20/' методики/база.metodika",
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    git(d, &["commit", "-qam", "weights"]);
    dir
}

/// The CI job's script, as docs/review.md writes it, in a shallow clone of the branch.
#[test]
fn the_ci_job_of_the_guide_reviews_a_merge_request() {
    let src = repository();
    let ci = tempfile::tempdir().unwrap();
    let url = format!("file://{}", src.path().display());
    let (code, _, err) = sh(
        ci.path(),
        &format!(
            "git clone -q --no-checkout --depth 1 --branch feature {url} c && cd c && \
             git config filter.reverse.clean tac && git config filter.reverse.smudge tac && \
             git checkout -q feature"
        ),
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    let c = ci.path().join("c");
    let shallow = sh(&c, "git rev-parse --is-shallow-repository", &[]).1;
    assert_eq!(shallow.trim(), "true", "CI's clone is shallow");
    let (code, out, err) = sh(
        &c,
        &script("review-ci-script"),
        &[("TARGET_BRANCH", "main")],
    );
    // the zone gate fails: D's messages move it
    assert_eq!(code, Some(3), "{out}\n{err}");
    let review = std::fs::read_to_string(c.join("review.md")).unwrap();
    assert_eq!(out, review, "the job prints the review");
    // the summary first: every affected methodology, with why
    let summary_end = review.find("<details>").unwrap();
    let summary = &review[..summary_end];
    for want in [
        "## Methodology review: ",
        "| Работа с обращениями (методики/база.metodika) | its file changed; its data changed (методики/данные/обращения граждан/сообщения-2025.csv) |",
        "| Работа с обращениями (методики/редакция-2026.metodika) | the edition it extends is affected (\\`методики/база.metodika\\`) |",
        "| методики/новая.metodika | its file changed; its data changed",
        "| new |",
        "| failed |",
    ] {
        assert!(summary.contains(want), "`{want}` not in the summary:\n{summary}");
    }
    // the details: the periods, the split of the two effects, the verdict
    for want in [
        "Compared: git:",
        "2025 (2025-01-01 … 2025-12-31)",
        "The data differ between the sides (other files): the change is split below",
        "The methodology alone (the new rule on the old data): ",
        "The data alone (the new rule, old data → new data): ",
        "- **Gate failed (--fail-on-move 10 --fail-on-exclusion --fail-on-zone-change)**",
        "changed zone (--fail-on-zone-change): ",
    ] {
        assert!(review.contains(want), "`{want}` not in:\n{review}");
    }
    assert!(
        !review.contains("/tmp/") && !review.contains(".tmp"),
        "no temporary path:\n{review}"
    );
    // in JSON, for scripts
    let base = sh(&c, "git merge-base origin/main HEAD", &[]).1;
    let (_, json, _) = sh(
        &c,
        &format!("metodika review --base {} --format json", base.trim()),
        &[],
    );
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = j["methodologies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "методики/база.metodika",
            "методики/новая.metodika",
            "методики/редакция-2026.metodika"
        ]
    );
    assert_eq!(j["methodologies"][1]["compared"], "new");
    assert_eq!(j["methodologies"][0]["diff"]["data_changed"], true);
    // every change on its line; the revision's inherited change says where it comes from
    let rev = &j["methodologies"][2]["diff"]["changes"];
    let inherited = rev
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["what"]
                .as_str()
                .unwrap()
                .contains("points 70 → points 80")
        })
        .unwrap_or_else(|| panic!("{rev:#}"));
    assert_eq!(inherited["from"], "методики/база.metodika", "{inherited}");
    assert_eq!(inherited["file"], "методики/база.metodika");
    assert!(inherited["line"].as_u64().unwrap() > 1, "{inherited}");
    let (_, md, _) = sh(
        &c,
        &format!(
            "metodika review --base {} методики/редакция-2026.metodika",
            base.trim()
        ),
        &[],
    );
    assert!(
        md.contains("points 70 → points 80 (from `методики/база.metodika`)"),
        "{md}"
    );
    // SARIF: the changes on their lines, the failed gate an error
    let (_, sarif, _) = sh(
        &c,
        &format!(
            "metodika review --base {} --format sarif --fail-on-zone-change",
            base.trim()
        ),
        &[],
    );
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let change = results
        .iter()
        .find(|r| {
            r["ruleId"] == "methodology-change"
                && r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("points 70 → points 80")
        })
        .unwrap_or_else(|| panic!("{sarif}"));
    assert_eq!(
        change["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "методики/база.metodika"
    );
    assert!(
        change["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some()
    );
    assert!(
        change["message"]["text"]
            .as_str()
            .unwrap()
            .contains("The methodology's changes move "),
        "{change}"
    );
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "gate" && r["level"] == "error"),
        "{sarif}"
    );
    // PATHS: only what is under them
    let (_, json, _) = sh(
        &c,
        &format!(
            "metodika review --base {} --format json методики/новая.metodika",
            base.trim()
        ),
        &[],
    );
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["methodologies"].as_array().unwrap().len(), 1);
    // in Russian
    let (_, md, _) = sh(
        &c,
        &format!("metodika --lang ru review --base {}", base.trim()),
        &[],
    );
    assert!(md.contains("## Рецензия методик: "), "{md}");
    assert!(
        md.contains("затронута редакция, которую она дополняет"),
        "{md}"
    );
}

/// The pre-commit hook of docs/review.md checks what is staged — not the working tree —
/// and the files that extend a staged change.
#[test]
fn the_pre_commit_hook_of_the_guide_checks_what_is_staged() {
    let repo = repository();
    let d = repo.path();
    let hook = script("review-pre-commit");
    std::fs::write(d.join(".git/hooks/pre-commit"), &hook).unwrap();
    let (code, _, err) = sh(d, "chmod +x .git/hooks/pre-commit", &[]);
    assert_eq!(code, Some(0), "{err}");
    // a broken base staged, mended in the working tree only: the commit is refused, and
    // the revision built on it is reviewed too
    let broken = BASE.replace(
        "count(messages) / regions.people",
        "count(mesages) / regions.people",
    );
    std::fs::write(d.join("методики/база.metodika"), &broken).unwrap();
    git(d, &["add", "методики/база.metodika"]);
    let (code, _, err) = sh(
        d,
        "git show HEAD:./методики/база.metodika | sed 's/points 80/points 75/; s/points 20/points 25/' > методики/база.metodika",
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = sh(d, "git commit -qm broken", &[]);
    assert_ne!(
        code,
        Some(0),
        "the hook refuses a broken staged edition:\n{out}\n{err}"
    );
    assert!(
        err.contains("git::методики/база.metodika:"),
        "named as staged:\n{err}"
    );
    // (git gives a hook's output to standard error)
    assert!(
        err.contains("методики/редакция-2026.metodika"),
        "the revision on it is reviewed:\n{err}"
    );
    // the mended file staged: the commit goes through
    git(d, &["add", "методики/база.metodika"]);
    let (code, out, err) = sh(d, "git commit -qm mended", &[]);
    assert_eq!(code, Some(0), "{out}\n{err}");
}

/// `review --format html`: the summary table first, each methodology folded below, every
/// text escaped; loaded in Chromium, it runs no script but its own and fetches nothing.
#[test]
fn the_review_page_in_a_browser() {
    let repo = repository();
    let d = repo.path();
    let (code, page, err) = sh(
        d,
        "metodika review --base main --head feature --format html --fail-on-zone-change",
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    let html = d.join("review.html");
    std::fs::write(&html, &page).unwrap();
    assert!(page.contains("<table class=\"review\">"), "{page}");
    assert_eq!(
        page.matches("<details>").count(),
        2,
        "the two compared methodologies"
    );
    assert!(page.contains("data-passed=\"false\""));
    let shown = crate::browser::inspect(&html, &[]);
    let text = shown["bodyText"].as_str().unwrap();
    for want in [
        "Methodology review: main → feature",
        "Not every methodology checks, is canonical and passes the gate",
        "Работа с обращениями (методики/база.metodika)",
        "методики/новая.metodika",
        "the edition it extends is affected (`методики/база.metodika`)",
    ] {
        assert!(text.contains(want), "`{want}` not on the page:\n{text}");
    }
    // in Russian
    let (_, page, _) = sh(
        d,
        "metodika --lang ru review --base main --head feature --format html",
        &[],
    );
    assert!(
        page.contains("<html lang=\"ru\">") && page.contains("Рецензия методик: main → feature"),
        "{page}"
    );
}
