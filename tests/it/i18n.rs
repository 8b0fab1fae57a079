//! The Russian and English interface: the two catalogues hold the same messages with the
//! same placeables; the language comes from `--lang`, then METODIKA_LANG, then the locale;
//! tables, explanations and counts read in it; codes and CSV/JSON column names do not
//! change.

use crate::util::{bin, root};
use metodika::i18n::{catalogue, Lang};
use std::collections::{BTreeMap, BTreeSet};

/// Each message id of a catalogue with the names of its placeables.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let starts = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if starts {
            let (id, _) = line.split_once(" =").expect("an id = message");
            current = Some(id.trim().to_string());
            out.entry(id.trim().to_string()).or_default();
        }
        let id = current.clone().expect("a message");
        let mut rest = line;
        while let Some(at) = rest.find("{ $") {
            let name: String = rest[at + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            out.get_mut(&id).unwrap().insert(name);
            rest = &rest[at + 3..];
        }
    }
    out
}

#[test]
fn every_message_has_both_languages_with_the_same_placeables() {
    let en = messages(catalogue(Lang::En));
    let ru = messages(catalogue(Lang::Ru));
    assert!(en.len() >= 30, "{}", en.len());
    let ids = |m: &BTreeMap<String, BTreeSet<String>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(ids(&en), ids(&ru), "the same messages in both");
    for (id, places) in &en {
        assert_eq!(places, &ru[id], "`{id}`: the same placeables in both");
    }
    // and every message is used by the program
    let source: String = crate::util::rust_sources()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    // (the help's ids are made from the commands' and options' names: tested below)
    for id in en.keys().filter(|id| !id.starts_with("help-")) {
        assert!(
            source.contains(&format!("\"{id}\"")),
            "`{id}` is never used"
        );
    }
}

/// Every quoted word of the program's sources shaped like a message id (`e501-in`,
/// `count-places`) whose first part names a family of the catalogue's ids.
fn ids_in_sources(families: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, text) in crate::util::rust_sources() {
        for piece in text.split('"').skip(1).step_by(1) {
            let id_like = piece.contains('-')
                && piece.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !piece.ends_with('-');
            let family = piece.split('-').next().unwrap_or("");
            if id_like && families.contains(family) {
                out.insert(piece.to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_the_program_asks_for_is_in_the_catalogue() {
    let en = messages(catalogue(Lang::En));
    // the families of ids (`e501`, `count`, `d006`…), those of the help (made from the
    // commands' names) left out
    let families: BTreeSet<&str> = en
        .keys()
        .filter(|id| !id.starts_with("help-"))
        .filter_map(|id| id.split('-').next())
        .collect();
    let asked = ids_in_sources(&families);
    assert!(asked.len() >= 400, "{}", asked.len());
    let missing: Vec<&String> = asked.iter().filter(|id| !en.contains_key(*id)).collect();
    assert!(
        missing.is_empty(),
        "asked for but not in the catalogue: {missing:?}"
    );
}

fn run(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = bin();
    c.args(args).current_dir(root()).env_remove("METODIKA_LANG");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

const POS: &str = "methodologies/pos/pos-2025-tables.metodika";

#[test]
fn the_ranking_and_its_explanation_read_in_russian() {
    let ru = run(&["run", POS, "--lang", "ru"], &[]);
    assert_eq!(ru.status.code(), Some(0));
    let table = String::from_utf8(ru.stdout).unwrap();
    let header = table.lines().nth(1).unwrap();
    assert!(header.starts_with("место  код  регион"), "{header}");
    assert!(
        header.contains("балл") && header.contains("зона"),
        "{header}"
    );
    // the blocks by their titles, the indicators' steps by title and «исх. / норм. / баллы»
    assert!(header.contains("Подключение к платформе"), "{header}");
    let detail = run(&["run", POS, "--lang", "ru", "--detail"], &[]);
    let detail = String::from_utf8(detail.stdout).unwrap();
    let header = detail.lines().nth(1).unwrap();
    assert!(
        header.contains("Доля подключённых региональных органов власти, исх.")
            && header.contains("Доля подключённых региональных органов власти, баллы")
            && !header.contains(".raw"),
        "{header}"
    );
    // the same from the environment: METODIKA_LANG, then the locale
    for env in [
        &[("METODIKA_LANG", "ru")][..],
        &[("LANG", "ru_RU.UTF-8")],
        &[("LC_ALL", "ru_RU.UTF-8"), ("LANG", "en_US.UTF-8")],
    ] {
        let o = run(&["run", POS], env);
        assert_eq!(String::from_utf8(o.stdout).unwrap(), table, "{env:?}");
    }
    // the flag wins, and English is the default
    let en = run(&["run", POS, "--lang", "en"], &[("METODIKA_LANG", "ru")]);
    assert!(String::from_utf8(en.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("place  key  region"));
    let plain = run(&["run", POS], &[]);
    assert!(String::from_utf8(plain.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("place  key  region"));
    // explain
    let e = run(&["explain", POS, "--region", "77", "--lang", "ru"], &[]);
    let text = String::from_utf8(e.stdout).unwrap();
    for want in [
        "место ",
        " из 85 (равные баллы — одно место, следующее место без пропуска), балл",
        "исходное ",
        // numbers with a decimal comma, as in the tables
        "исходное 0,9623 → нормирование по целевым значениям от 0,5 до 1: 0,9245 → вес 60 баллов, вклад 55,4717",
        "вклад ",
        "этот регион:",
        "ниже:",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    let e = run(&["explain", POS, "--region", "77"], &[]);
    let text = String::from_utf8(e.stdout).unwrap();
    for want in [
        " of 85 (dense ties), score",
        "raw ",
        "contributes ",
        "this:",
        "below:",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    // an unknown language is refused, naming the two
    let o = run(&["run", POS, "--lang", "de"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the languages are `ru` and `en`"));
    let o = run(&["run", POS], &[("METODIKA_LANG", "klingon")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn counts_take_the_russian_plural_and_csv_keeps_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    let o = run(
        &[
            "run",
            POS,
            "--lang",
            "ru",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(": 85 регионов") && err.contains("записан "),
        "{err}"
    );
    // the CSV's column names are the interface: the same in both languages
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("place,key,label,score,zone"), "{csv}");
    // places in explanations' weights: points in the right form
    let e = run(&["explain", POS, "--region", "77", "--lang", "ru"], &[]);
    let text = String::from_utf8(e.stdout).unwrap();
    assert!(
        text.contains("60 баллов") || text.contains("50 баллов"),
        "{text}"
    );
}

#[test]
fn a_diff_reads_in_russian() {
    let args = [
        "diff",
        "methodologies/pos/pos-2025.metodika",
        "methodologies/pos/pos-2026.metodika",
        "--lang",
        "ru",
    ];
    let o = run(&args, &[]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    for want in [
        "изменения методики (20):",
        "85 регионов: поднялись 36, опустились 37, без изменений 12",
        "ρ Спирмена = 0,983",
        "больше всего поднялись: 87 Чукотский автономный округ (+13)",
        "смена зон (7):",
        "перемещение  было  стало  код  регион",
        // what moved a region, with decimal commas
        "[«Работа с сообщениями» +39,73], «Участники публичных слушаний на 1000 жителей» +24,6",
        // the methodology's changes in the glossary's words
        "заголовок",
        "редакция",
        "добавлен в блок: «Участники публичных слушаний на 1000 жителей» (30 баллов)",
        "«Доля сообщений, отработанных в срок»: 100 баллов → 120 баллов",
        // normalizations and the uncertainty block in words, not code
        "нормирование: пороговая шкала → нормирование по целевым значениям от 0,5 до 0,9",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    // the notes of the run, in Russian too
    let notes = String::from_utf8_lossy(&o.stderr);
    assert!(
        notes.contains("примечание: период 2025-Q4 (2025-01-01 … 2025-12-31): по последней записи"),
        "{notes}"
    );
    let md = run(&[&args[..], &["--format", "markdown"]].concat(), &[]);
    let md = String::from_utf8(md.stdout).unwrap();
    for want in [
        "**Изменения методики**",
        "**Последствия**",
        "<details><summary>Регионы: перемещения, смена зоны, выход из рейтинга и вход в него (",
        "- **Сравниваются: methodologies/pos/pos-2025.metodika, 2025-Q4",
        "- **Данные обеих сторон одинаковы: все изменения вызваны методикой.**",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
}

/// Every command's help, in Russian: its description, options, examples and exit statuses
/// from the catalogue, none missing (a missing message would show its id); the examples
/// are the English help's, word for word.
#[test]
fn every_commands_help_reads_in_russian() {
    let commands = crate::workflow::COMMANDS;
    let top = run(&["--help", "--lang", "ru"], &[]);
    let top = String::from_utf8(top.stdout).unwrap();
    assert!(top.contains("рассчитывает по данным регионов"), "{top}");
    for c in commands {
        let ru = run(&[c, "--help", "--lang", "ru"], &[]);
        assert_eq!(ru.status.code(), Some(0), "{c}");
        let ru = String::from_utf8(ru.stdout).unwrap();
        let en = String::from_utf8(run(&[c, "--help"], &[]).stdout).unwrap();
        assert!(
            ru.contains("Примеры:") && ru.contains("Коды выхода: 0"),
            "{c}: {ru}"
        );
        assert!(
            !ru.contains("help-") && !ru.contains("Unknown localization"),
            "{c}: {ru}"
        );
        assert!(
            !ru.contains("Exit status") && !ru.contains("Use another file"),
            "{c}: {ru}"
        );
        // clap's own words too, in the long help and the short
        let short = String::from_utf8(run(&[c, "-h", "--lang", "ru"], &[]).stdout).unwrap();
        for help in [&ru, &short] {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Print help",
                "[default:",
            ] {
                assert!(!help.contains(english), "{c}: {english}\n{help}");
            }
            assert!(
                help.contains("Использование: metodika") && help.contains("Параметры:"),
                "{c}: {help}"
            );
        }
        let examples = |h: &str| {
            h.lines()
                .filter(|l| l.trim_start().starts_with("$ "))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(examples(&ru), examples(&en), "{c}");
        assert!(examples(&en).len() >= 2, "{c}");
    }
}

/// The Russian diagnostic the README shows, as `check --lang ru` prints it.
#[test]
fn the_readmes_russian_diagnostic_is_what_check_prints() {
    let o = run(
        &[
            "check",
            "tests/diagnostics/E301-weights-sum.metodika",
            "--lang",
            "ru",
            "--color",
            "never",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let printed = String::from_utf8(o.stderr).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("$ cargo run -- check tests/diagnostics/E301-weights-sum.metodika --lang ru")
        .unwrap();
    let block: Vec<&str> = readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| *l != "```")
        .collect();
    for line in &block {
        assert!(
            printed.contains(line.trim_end()),
            "README line not printed: {line}\n{printed}"
        );
    }
    assert!(block.len() >= 10);
}

/// The diagnostics corpus as `check --lang ru` prints it, one snapshot per file
/// (tests/diagnostics/ru/), beside the English ones: what is translated reads in Russian,
/// and the codes are the English snapshots' codes.
#[test]
fn the_diagnostics_corpus_in_russian() {
    let dir = root().join("tests/diagnostics");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "metodika"))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let shown = format!("tests/diagnostics/{name}");
        let o = run(&["check", &shown, "--lang", "ru", "--color", "never"], &[]);
        let printed = String::from_utf8_lossy(&o.stderr).into_owned();
        crate::util::snapshot(
            &dir.join("ru").join(name.replace(".metodika", ".txt")),
            &printed,
        );
        // the same codes as in English, in the same order
        let english = std::fs::read_to_string(f.with_extension("txt")).unwrap();
        let codes = |s: &str| {
            s.lines()
                .filter(|l| l.len() == 4 && (l.starts_with('E') || l.starts_with('W')))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&printed), codes(&english), "{name}");
    }
    // the groups' and weights' messages are translated
    let e301 = std::fs::read_to_string(dir.join("ru/E301-weights-sum.txt")).unwrap();
    assert!(
        e301.contains("веса `score` в сумме дают 90%, а не 100%"),
        "{e301}"
    );
    let e103 = std::fs::read_to_string(dir.join("ru/E103-unknown-member.txt")).unwrap();
    assert!(e103.contains("неизвестный показатель или блок"), "{e103}");
}

/// `check`'s summary and counts, a CSV file's problems and the run's missing values read
/// in Russian, with the same codes.
#[test]
fn the_summary_and_the_data_errors_in_russian() {
    let o = run(
        &[
            "check",
            "--lang",
            "ru",
            "methodologies/pos/pos-2026-tables.metodika",
        ],
        &[],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "pos-2026-tables.metodika: ошибок нет: 22 показателя, 3 блока; максимум 1000 баллов"
        ),
        "{out}"
    );
    let o = run(
        &[
            "check",
            "--lang",
            "ru",
            "tests/diagnostics/many-errors.metodika",
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.ends_with(" ошибок") || last.ends_with(" ошибки"),
        "{err}"
    );

    let m = "methodology \"М\" { key code label name }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.a better higher normalize minmax }\n\
             indicator b \"B\" { value = t.b better higher normalize minmax }\n\
             score \"S\" { a  b }\n";
    let data = "code,name,a,b\n\
                01,Адыгея,1,2\n\
                02,Башкортостан,двенадцать,3\n\
                02,Башкортостан,6,7\n\
                04,Алтай,8\n";
    let dir = crate::util::temp_with(&[("m.metodika", m), ("d.csv", data)]);
    let f = dir.path().join("m.metodika");
    let o = run(&["run", "--lang", "ru", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for want in [
        "ошибка[D006]: файл данных `t` (",
        "регион 02 (Башкортостан), столбец `a` (строка 3): `двенадцать` — не число",
        "  подсказка: в числах можно писать десятичную запятую или точку",
        "ошибка[D007]: файл данных `t` (",
        "регион 02 (Башкортостан) встречается дважды (строки 3 и 4)",
        "строка 5 содержит 3 поля, а заголовок — 4",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }

    // many problems: the rest counted in words
    let mut many = String::from("code,name,a,b\n");
    for i in 0..35 {
        many.push_str(&format!("{i:02},Р{i},плохо,1\n"));
    }
    std::fs::write(dir.path().join("d.csv"), many).unwrap();
    let o = run(&["run", "--lang", "ru", f.to_str().unwrap()], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("… и ещё 15 ошибок (всего 35)"), "{err}");

    // a value missing under `missing error`: R001
    let m = m.replace(
        "normalize minmax }\nindicator b",
        "normalize minmax missing error }\nindicator b",
    );
    std::fs::write(dir.path().join("m.metodika"), &m).unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "code,name,a,b\n01,Адыгея,1,2\n02,Башкортостан,,3\n",
    )
    .unwrap();
    let o = run(&["run", "--lang", "ru", f.to_str().unwrap()], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "ошибка[R001]: 1 пропущенное значение для показателей, где пропуски не допускаются (`missing error`, по умолчанию)"
        ) && err.contains("регион 02 (Башкортостан), показатель `a`: нет значения в `t.a`"),
        "{err}"
    );
}

/// `init` in Russian: the starter's comments and titles, its summary and its refusal; the
/// file is canonical, checks clean and runs as the English one does.
#[test]
fn init_writes_a_russian_starter() {
    let dir = crate::util::temp_with(&[(
        "регионы.csv",
        "код;название;доля;охват\n01;Адыгея;0,5;10\n02;Башкортостан;0,7;\n03;Бурятия;0,6;30\n",
    )]);
    let at = |args: &[&str]| {
        let mut c = bin();
        c.args(args).current_dir(dir.path());
        c.output().unwrap()
    };
    let o = at(&["init", "--lang", "ru", "регионы.csv"]);
    let said = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{said}");
    assert!(
        said.contains(
            "записан регионы.metodika: 2 показателя из 4 столбцов; ключ `код`, названия `название`"
        ) && said.contains("дальше: прочтите его комментарии"),
        "{said}"
    );
    let m = std::fs::read_to_string(dir.path().join("регионы.metodika")).unwrap();
    for want in [
        "# Начальная методика, сделанная `metodika init` из регионы.csv.",
        "#   2. для каждого — лучше больше (`better higher`) или меньше (`better lower`);",
        "# РЕШИТЕ: у 1 региона здесь нет значения; `missing median` даст им медиану.\nindicator охват",
        "score \"Итоговый балл\"",
        "top    \"Верхняя треть\" top 1",
    ] {
        assert!(m.contains(want), "{want}\n{m}");
    }
    for args in [
        &["fmt", "--check", "регионы.metodika"][..],
        &["check", "регионы.metodika"],
        &["run", "регионы.metodika"],
    ] {
        let o = at(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let again = at(&["init", "--lang", "ru", "регионы.csv"]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("ошибка[I001]: регионы.metodika уже существует")
            && err.contains("подсказка: init никогда не перезаписывает файл"),
        "{err}"
    );
}

/// clap's own words: the help's headings, defaults and values, `help COMMAND`, and the
/// command line's errors, in Russian; the English ones as clap writes them.
#[test]
fn the_command_lines_own_words_in_russian() {
    let o = run(&["run", "-h", "--lang", "ru"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Использование: metodika run",
        "\nАргументы:\n",
        "\nПараметры:\n",
        "[по умолчанию: table] [значения: table, csv, csv-excel, xlsx, html, json, markdown]",
        "-h, --help                   Показать справку (подробнее — '--help')",
    ] {
        assert!(help.contains(want), "{want}\n{help}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Print help",
        "possible values",
    ] {
        assert!(!help.contains(english), "{english}\n{help}");
    }
    let o = run(&["run", "--help", "--lang", "ru"], &[]);
    let long = String::from_utf8_lossy(&o.stdout);
    assert!(
        long.contains("Значения:\n")
            && long.contains("- csv-excel: CSV для Excel с русскими настройками"),
        "{long}"
    );
    let o = run(&["help", "run", "--lang", "ru"], &[]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Использование: metodika run"));
    let o = run(&["--help", "--lang", "ru"], &[]);
    let root = String::from_utf8_lossy(&o.stdout);
    assert!(
        root.contains("\nКоманды:\n")
            && root.contains("Показать эту справку или справку по названным командам")
            && root.contains("-V, --version")
            && root.contains("Показать версию"),
        "{root}"
    );

    let o = run(&["run", "--bogus", "--lang", "ru"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ошибка: неизвестный аргумент '--bogus'")
            && err.contains("совет: чтобы передать '--bogus' как значение, напишите '-- --bogus'")
            && err.contains("Использование: metodika run [ПАРАМЕТРЫ] <ФАЙЛ>")
            && err.contains("Подробнее: '--help'."),
        "{err}"
    );
    let o = run(
        &["run", "x.metodika", "--format", "xls", "--lang", "ru"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ошибка: недопустимое значение 'xls' для '--format <FORMAT>'")
            && err.contains("[значения: table, csv, csv-excel, xlsx, html, json, markdown]"),
        "{err}"
    );
    let o = run(&["rnu", "--lang", "ru"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ошибка: неизвестная команда 'rnu'")
            && err.contains("Использование: metodika [ПАРАМЕТРЫ] <КОМАНДА>"),
        "{err}"
    );
    let o = run(&["run", "--lang", "ru"], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ошибка: не указаны обязательные аргументы:\n  <ФАЙЛ>"),
        "{err}"
    );
    // in English, clap's words
    let o = run(&["run", "--formt", "csv", "x", "--lang", "en"], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: unexpected argument '--formt' found")
            && err.contains("tip: a similar argument exists: '--format'")
            && err.contains("Usage: metodika run")
            && err.contains("For more information, try '--help'."),
        "{err}"
    );
}

/// The panel of periods, the uncertainty table and the sensitivity table in Russian: their
/// headings, captions and decimal commas.
#[test]
fn the_analyses_read_in_russian() {
    let o = run(
        &[
            "run",
            "methodologies/pos/pos-2025.metodika",
            "--periods",
            "2025-Q3..2025-Q4",
            "--lang",
            "ru",
        ],
        &[],
    );
    let panel = String::from_utf8_lossy(&o.stdout);
    assert!(
        panel.contains("код  регион")
            // the quarters in words, the change, the last score with one decimal, the zone
            && panel.contains("III кв.  IV кв.  изменение мест  IV кв. балл  зона")
            && panel.contains(", 2025 г.")
            && panel.contains("734,1  Зелёная зона"),
        "{panel}"
    );
    let tables = "methodologies/pos/pos-2025-tables.metodika";
    let o = run(
        &["uncertainty", tables, "--runs", "20", "--lang", "ru"],
        &[],
    );
    let u = String::from_utf8_lossy(&o.stdout);
    assert!(
        u.contains(": 20 прогонов (начальное значение генератора 2025); места: медиана и интервал 5–95 %")
            && u.contains("место  код  регион")
            // the zones by their titles
            && u.contains("Зелёная зона  Жёлтая зона  Красная зона")
            && u.contains("медиана")
            && u.contains("801,5"),
        "{u}"
    );
    let o = run(&["sensitivity", tables, "--runs", "4", "--lang", "ru"], &[]);
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains(
            "как среднее перемещение по местам относительно исходного рейтинга зависит от 3 варьируемых допущений"
        ) && s.contains("варьируемое допущение")
            && s.contains("95-процентные доверительные интервалы (бутстреп)")
            && s.contains("первого порядка")
            && s.contains(" ± "),
        "{s}"
    );
    let first = s.lines().nth(3).unwrap_or("");
    assert!(first.contains(',') && !first.contains('.'), "{first}");
}

/// Every Russian message that puts a number before a noun that counts (`{ $n } регионов`)
/// says it through a plural selector (1 регион, 2 региона, 5 регионов), never with the
/// one form for every number (issue 31). The exceptions are listed with why.
#[test]
fn a_number_before_a_noun_takes_its_plural() {
    // (placeables that are not counts, or forms that do not change with the number)
    const NOT_COUNTS: &[(&str, &str)] = &[
        ("e702-spread", "a verb follows"),
        ("d003-empty-row", "a row number: «строка 5 листа»"),
        (
            "d003-no-header",
            "«в первых 30 строках»: the same for every number above 1",
        ),
        ("template-no-file", "a year: «2026 год»"),
        ("col-period-place", "a period's heading: «2025-Q1 место»"),
        ("col-period-score", "a period's heading: «2025-Q1 балл»"),
        ("people-quarter", "a quarter's number: «III квартал»"),
    ];
    let stems = [
        "регион",
        "запис",
        "строк",
        "мест",
        "балл",
        "значени",
        "показател",
        "ошиб",
        "предупрежд",
        "файл",
        "столб",
        "период",
        "прогон",
        "повтор",
        "член",
        "блок",
        "агрегат",
        "ячейк",
        "лист",
        "байт",
        "дн",
        "ден",
        "раз",
        "символ",
        "год",
        "месяц",
        "квартал",
        "пол",
        "знак",
    ];
    let text =
        std::fs::read_to_string(crate::util::root().join("src/i18n/locales/ru/metodika.ftl"))
            .unwrap();
    let mut messages: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line
            .split_once(" = ")
            .or_else(|| line.strip_suffix(" =").map(|k| (k, "")))
        {
            Some((id, value))
                if !line.starts_with(' ') && !line.starts_with('}') && !id.contains(' ') =>
            {
                messages.push((id.to_string(), value.to_string()))
            }
            // (a selector's lines, and its closing brace with the text after it)
            _ if line.starts_with(' ') || line.starts_with('}') => {
                if let Some(last) = messages.last_mut() {
                    last.1.push('\n');
                    last.1.push_str(line);
                }
            }
            _ => {}
        }
    }
    assert!(messages.len() > 500, "{}", messages.len());
    let mut bare = Vec::new();
    for (id, value) in &messages {
        if NOT_COUNTS.iter().any(|(n, _)| n == id) {
            continue;
        }
        let mut rest = value.as_str();
        while let Some(at) = rest.find("{ $") {
            let after = &rest[at + 3..];
            let var: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            rest = &after[var.len()..];
            // a placeable (`{ $n }`), not a selector (`{ $n ->`), followed by a word
            let Some(next) = rest.strip_prefix(" }") else {
                continue;
            };
            rest = next;
            if !next.starts_with(' ') {
                continue;
            }
            let word: String = next[1..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            // a selector on the same variable around it chooses the form
            let selected = value.contains(&format!("{{ ${var} ->"));
            if !selected && stems.iter().any(|s| word.starts_with(s)) {
                bare.push(format!("{id}: {{ ${var} }} {word}"));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "numbers before nouns without a plural: {bare:#?}"
    );
}
