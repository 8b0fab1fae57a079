//! Commands: check, fmt, run, explain.

mod analysis;
mod annotate;
mod checking;
mod commands;
mod database;
mod emit;
mod init;
mod lsp;
mod manual;
mod output;
mod review;
mod summary;
mod words;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "metodika",
    version,
    about = "Check, format and run regional rating methodologies",
    long_about = "metodika reads a rating methodology written as a *.metodika file, checks it, \
                  runs it over regional data and ranks the regions."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour in diagnostics: auto, always or never.
    #[arg(long, global = true, default_value = "auto")]
    pub color: ColorChoice,
    /// Let a methodology's input paths leave its directory (absolute paths, `..`, links).
    #[arg(long, global = true)]
    pub allow_outside: bool,
    /// The language of tables and explanations: `ru` or `en` (by default METODIKA_LANG,
    /// then the locale: LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, global = true, value_name = "ru|en")]
    pub lang: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The gates of a comparison for CI (`diff`, `review`), and the size of its region table.
#[derive(clap::Args, Clone, Copy)]
pub struct GateFlags {
    /// Exit with status 3 when any region moves more than N places, or leaves or enters
    /// the ranking (for CI gates).
    #[arg(long, value_name = "N")]
    fail_on_move: Option<f64>,
    /// Exit with status 3 when a region leaves or enters the ranking.
    #[arg(long)]
    fail_on_exclusion: bool,
    /// Exit with status 3 when a region changes zone.
    #[arg(long)]
    fail_on_zone_change: bool,
    /// In the text and Markdown, list only the N largest of the regions that moved,
    /// changed zone, left or entered.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
}

impl GateFlags {
    fn rules(&self) -> metodika::diff::GateRules {
        metodika::diff::GateRules {
            max_move: self.fail_on_move,
            exclusion: self.fail_on_exclusion,
            zone_change: self.fail_on_zone_change,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    Text,
    Json,
    /// GitHub's workflow commands: annotations on the lines of a pull request.
    Github,
    /// GitLab's Code Quality report (JSON).
    Gitlab,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
    /// JUnit XML: a test case per file.
    Junit,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    /// CSV for a Russian-locale Excel: `;`, decimal commas, UTF-8 with a BOM, CRLF.
    CsvExcel,
    /// An Excel workbook (to a file, or to standard output that is not a terminal).
    Xlsx,
    /// A self-contained HTML report: charts, a map, every region's explanation (run,
    /// diff, uncertainty and audit).
    Html,
    Json,
    Markdown,
    /// SARIF 2.1.0, for code scanning and review tools
    Sarif,
}

/// The `--format` values of a command: every output format, `sarif` only where a
/// comparison is written (`diff`), so that each command's help lists what it takes.
fn out_formats(sarif: bool) -> impl clap::builder::TypedValueParser<Value = OutFormat> {
    let values = OutFormat::value_variants()
        .iter()
        .filter(move |f| sarif || **f != OutFormat::Sarif)
        .filter_map(|f| f.to_possible_value());
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(values),
        |s: String| OutFormat::from_str(&s, false).unwrap_or(OutFormat::Table),
    )
}

/// The formats `audit` writes.
const AUDIT_FORMATS: &[OutFormat] = &[
    OutFormat::Table,
    OutFormat::Csv,
    OutFormat::CsvExcel,
    OutFormat::Xlsx,
    OutFormat::Html,
    OutFormat::Json,
    OutFormat::Markdown,
];

/// The `--format` values of a command that writes only `allowed`.
fn formats_of(
    allowed: &'static [OutFormat],
) -> impl clap::builder::TypedValueParser<Value = OutFormat> {
    let values = allowed.iter().filter_map(|f| f.to_possible_value());
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(values),
        |s: String| OutFormat::from_str(&s, false).unwrap_or(OutFormat::Table),
    )
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SqlDialect {
    Postgres,
    Duckdb,
    Clickhouse,
}

impl From<SqlDialect> for metodika::sql::Dialect {
    fn from(d: SqlDialect) -> Self {
        match d {
            SqlDialect::Postgres => metodika::sql::Dialect::Postgres,
            SqlDialect::Duckdb => metodika::sql::Dialect::DuckDb,
            SqlDialect::Clickhouse => metodika::sql::Dialect::ClickHouse,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Emit {
    /// The ranking (the default).
    Ranking,
    /// The optimized polars plan, without running it.
    Plan,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check methodology files and report every problem in them.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `text` for people, `json` for editors and CI, `github`, `gitlab`, `sarif` or
        /// `junit` for review tools.
        #[arg(long, default_value = "text")]
        format: DiagFormat,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        /// Leave out a warning: its code, such as W007 (repeatable).
        #[arg(long = "allow", value_name = "CODE")]
        allow: Vec<String>,
        /// Treat warnings as errors: `warnings` for every one, or a code (repeatable).
        #[arg(long = "deny", value_name = "CODE")]
        deny: Vec<String>,
    },
    /// Print the whole methodology a file amounts to, in canonical form: a revision that
    /// `extends` another merged with it, compact forms written out.
    Expand {
        file: PathBuf,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
    },
    /// Print the methodology as one SQL query for a warehouse.
    Sql {
        file: PathBuf,
        /// The SQL dialect.
        #[arg(long, value_enum)]
        dialect: SqlDialect,
        /// The table that holds an input: INPUT=schema.table (repeatable).
        #[arg(long = "table", value_name = "INPUT=TABLE")]
        tables: Vec<String>,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        /// Count only the records of this period, as `run --period` does.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// The columns of `run --detail`.
        #[arg(long)]
        detail: bool,
    },
    /// Rewrite methodology files in canonical form (comments kept).
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 naming the files that would change.
        #[arg(long)]
        check: bool,
        /// With --check: print what would change, as a unified diff.
        #[arg(long, requires = "check")]
        diff: bool,
    },
    /// Run a methodology over its data and print the ranking.
    Run {
        file: PathBuf,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        #[arg(long, default_value = "table", value_parser = out_formats(false))]
        format: OutFormat,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Add each indicator's raw value, normalized value and contribution.
        #[arg(long)]
        detail: bool,
        /// What to print.
        #[arg(long, default_value = "ranking")]
        emit: Emit,
        /// Count only the records of this period (`2025-Q3`, `2025-07`, `2025`), as the
        /// header's `period` says.
        #[arg(long, value_name = "PERIOD", conflicts_with = "periods")]
        period: Option<String>,
        /// A panel: the place in each period from FIRST to LAST (`2025-Q1..2025-Q4`), the
        /// change between the first and the last, the last score and zone (with --detail,
        /// the score in every period too).
        #[arg(long, value_name = "FIRST..LAST", conflicts_with = "emit")]
        periods: Option<String>,
        /// Run the methodology's query on a PostgreSQL server whose tables hold the inputs.
        #[arg(long, value_name = "URL", conflicts_with_all = ["periods", "emit", "inputs"])]
        database: Option<String>,
        /// With --database: the table that holds an input: INPUT=schema.table (repeatable).
        #[arg(long = "table", value_name = "INPUT=TABLE", requires = "database")]
        tables: Vec<String>,
    },
    /// What a change does to the methodologies of a repository: the ones it affects
    /// (changed, extending a changed one, or whose data changed), each checked and compared
    /// with its edition at the base, in one review with the summary first.
    Review {
        /// The revision the change is compared with (`origin/main`, a merge base).
        #[arg(long, value_name = "REV")]
        base: String,
        /// The revision of the change (the working tree when left out).
        #[arg(long, value_name = "REV", conflicts_with = "staged")]
        head: Option<String>,
        /// Review what is staged (the index): what a commit would hold.
        #[arg(long)]
        staged: bool,
        /// Only the methodologies under these paths.
        paths: Vec<String>,
        /// The output's format.
        #[arg(long, default_value = "markdown")]
        format: review::ReviewFormat,
        #[command(flatten)]
        gates: GateFlags,
    },
    /// Compare two methodologies (or one methodology on two data sets): who moves, by how
    /// much, and why.
    Diff {
        /// The old methodology: a path, or `git:REV:PATH` (its inputs from the same revision).
        old: String,
        /// The new methodology (the old one when left out, for comparing periods).
        new: Option<String>,
        /// Use another file for an input of both: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        /// Use another file for an input of the old run only.
        #[arg(long = "old-input", value_name = "NAME=PATH")]
        old_inputs: Vec<String>,
        /// Use another file for an input of the new run only.
        #[arg(long = "new-input", value_name = "NAME=PATH")]
        new_inputs: Vec<String>,
        #[arg(long, default_value = "table", value_parser = out_formats(true))]
        format: OutFormat,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        gates: GateFlags,
        /// Count only the records of this period, on both sides.
        #[arg(long, value_name = "PERIOD", conflicts_with_all = ["old_period", "new_period"])]
        period: Option<String>,
        /// The period of the old side (`--old-period 2025-Q2 --new-period 2025-Q3` compares
        /// two quarters under one methodology).
        #[arg(long, value_name = "PERIOD")]
        old_period: Option<String>,
        /// The period of the new side.
        #[arg(long, value_name = "PERIOD")]
        new_period: Option<String>,
    },
    /// How solid is a place: the methodology replicated with the choices of its
    /// `uncertainty` block drawn anew; per region the median place and its 5–95% interval,
    /// the mean score, the probability of each zone and of the top N.
    Uncertainty {
        file: PathBuf,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        #[arg(long, default_value = "table", value_parser = out_formats(false))]
        format: OutFormat,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// How many replications (the block's `runs` by default).
        #[arg(long)]
        runs: Option<usize>,
        /// The seed of the draws (the block's `seed` by default).
        #[arg(long)]
        seed: Option<u64>,
        /// The probability of a place within the top N.
        #[arg(long, default_value = "10")]
        top: usize,
        /// Count only the records of this period, as `run --period` does.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Run each replication as a whole polars run, inputs read again (the naive plan,
        /// for the benchmark; no noise).
        #[arg(long, hide = true)]
        naive: bool,
    },
    /// Which uncertain choice the ranking depends on: first-order and total Sobol'
    /// indices of each line of the `uncertainty` block (Saltelli's design, N·(d + 2) runs).
    Sensitivity {
        file: PathBuf,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        #[arg(long, default_value = "table", value_parser = out_formats(false))]
        format: OutFormat,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// N, the rows of the design: N·(d + 2) runs for d choices.
        #[arg(long, default_value = "1000")]
        runs: usize,
        /// The seed of the design (the block's `seed` by default).
        #[arg(long)]
        seed: Option<u64>,
        /// Explain this region's place instead of the mean shift of places.
        #[arg(long, value_name = "KEY")]
        region: Option<String>,
        /// Count only the records of this period, as `run --period` does.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
    /// Defend the rating: each indicator's statistics (skewness, kurtosis, outliers), the
    /// correlations inside each block, Cronbach's alpha and the first principal component,
    /// effective weights beside nominal ones, and what leaving out each indicator and block
    /// does to the ranking.
    Audit {
        file: PathBuf,
        /// Use another file for an input: NAME=PATH (repeatable).
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        #[arg(long, default_value = "table", value_parser = formats_of(AUDIT_FORMATS))]
        format: OutFormat,
        /// The table `--format csv` writes (every table is in json and xlsx).
        #[arg(long, default_value = "statistics")]
        table: metodika::report::audit::Table,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Count only the records of this period, as `run --period` does.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
    /// Explain one region's score: the tree of groups and indicators, its neighbours, ties.
    Explain {
        file: PathBuf,
        /// The region: its code (`07`, or `7`), its name, or a word of its name (`Москва`).
        #[arg(long)]
        region: String,
        #[arg(long = "input", value_name = "NAME=PATH")]
        inputs: Vec<String>,
        /// Count only the records of this period, as `run --period` does.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
    /// Write a starter methodology from a regional table (CSV, Parquet or .xlsx): its key and
    /// label, one indicator per numeric column, equal weights, ranks and three zones, with
    /// comments saying what to decide next.
    Init {
        /// The regional table: one row per region.
        data: PathBuf,
        /// The column that identifies a region (found from the names and values if left out).
        #[arg(long, value_name = "COLUMN")]
        key: Option<String>,
        /// The column with the regions' names (found if left out).
        #[arg(long, value_name = "COLUMN")]
        label: Option<String>,
        /// The methodology file to write (never over an existing one; DATA with the
        /// extension .metodika by default).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The language server for editors: diagnostics as you type, hover, go to definition,
    /// references, completion, formatting, rename, outline and highlighting (LSP over
    /// stdin and stdout; docs/editors.md sets up VS Code, Neovim and Helix).
    Lsp {
        /// Speak over stdin and stdout: the only transport, and the default (editors'
        /// clients pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Print a completion script for a shell.
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory.
    Man {
        /// Write metodika.1 and metodika-COMMAND.1 here instead of printing metodika.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The value of `--lang` on the command line, read before parsing it (the help is in it).
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
        if a == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
    }
    None
}

/// The command line's definition with its texts — about, options, examples and exit
/// statuses — from the catalogue, in the language chosen.
pub fn command() -> clap::Command {
    use metodika::i18n::t;
    let tr = |id: String| t(&id, &[]);
    let mut cmd = <Cli as clap::CommandFactory>::command()
        .about(tr("help-about".into()))
        .long_about(tr("help-long-about".into()))
        .after_help(tr("help-after-main".into()));
    for id in ["color", "allow_outside", "lang"] {
        cmd = cmd.mut_arg(id, |a| {
            a.help(tr(format!("help-arg-{}", id.replace('_', "-"))))
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for n in names {
        cmd = cmd.mut_subcommand(&n, |s| {
            let args: Vec<String> = s
                .get_arguments()
                .filter(|a| a.get_help().is_some())
                .map(|a| a.get_id().to_string())
                .collect();
            let mut s = s
                .about(tr(format!("help-{n}")))
                .after_help(tr(format!("help-after-{n}")));
            for a in args {
                s = s.mut_arg(&a, |x| {
                    x.help(tr(format!("help-{n}-{}", a.replace('_', "-"))))
                });
            }
            // the methodology's file, which every command takes: said and named too
            for id in ["file", "files"] {
                if s.get_arguments()
                    .any(|a| a.get_id() == id && a.get_help().is_none())
                {
                    s = s.mut_arg(id, |x| {
                        x.help(tr(format!("help-pos-{id}")))
                            .value_name(tr("help-name-file".into()))
                    });
                }
            }
            s
        });
    }
    words::localize(cmd)
}

/// `metodika help [COMMAND]`: the help of the command named, or of metodika; the exit
/// status (2 for a command that does not exist).
fn help_command(m: &clap::ArgMatches) -> i32 {
    let mut cmd = command();
    cmd.build();
    let named: Vec<String> = m
        .get_many::<String>("command")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let mut at = &mut cmd;
    for n in &named {
        match at.find_subcommand_mut(n) {
            Some(sub) => at = sub,
            None => {
                eprint!(
                    "{}: {}\n\n{}\n",
                    metodika::i18n::t("diag-error", &[]),
                    metodika::i18n::t("clap-unknown-command", &[("command", n.into())]),
                    metodika::i18n::t("clap-more", &[])
                );
                return 2;
            }
        }
    }
    print_help(at.render_long_help())
}

/// Help as clap renders it, its usage's placeholders in the chosen language
/// (`[OPTIONS]` → `[ПАРАМЕТРЫ]`), coloured on a terminal.
fn print_help(help: clap::builder::StyledStr) -> i32 {
    use std::io::{IsTerminal, Write};
    let text = match std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        true => help.ansi().to_string(),
        false => help.to_string(),
    };
    let text = text
        .replace(
            "[OPTIONS]",
            &metodika::i18n::t("clap-options-placeholder", &[]),
        )
        .replace(
            "<COMMAND>",
            &metodika::i18n::t("clap-command-placeholder", &[]),
        );
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

pub fn main() -> i32 {
    // the language first: the help itself is in it
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match metodika::i18n::choose(lang_flag(&args).as_deref(), |k| std::env::var(k).ok()) {
        Ok(lang) => metodika::i18n::set(lang),
        Err(e) => {
            eprintln!("{}: {e}", metodika::i18n::t("diag-error", &[]));
            return 2;
        }
    }
    let parsed = command().try_get_matches_from(args).and_then(|m| {
        if let Some(("help", h)) = m.subcommand() {
            return Ok(Err(help_command(h)));
        }
        <Cli as clap::FromArgMatches>::from_arg_matches(&m).map(Ok)
    });
    let cli = match parsed {
        Ok(Ok(c)) => c,
        Ok(Err(code)) => return code,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            // help, to standard output, its placeholders in the chosen language
            print_help(e.render());
            return 0;
        }
        Err(e) if !e.use_stderr() => {
            // version, to standard output
            let _ = e.print();
            return 0;
        }
        Err(e) => {
            eprint!("{}", words::error_text(&e));
            return 2;
        }
    };
    commands::ALLOW_OUTSIDE.store(cli.allow_outside, std::sync::atomic::Ordering::Relaxed);
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            use std::io::IsTerminal;
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    // `git:REV:PATH`, `git::PATH` (the index) and `-` (standard input) as files, kept
    // while the command runs
    let mut chosen = cli.command;
    let _sources = match sourced(&mut chosen) {
        Ok(s) => s,
        Err(e) => return commands::stdout_status(commands::fail(&e)),
    };
    let code = match chosen {
        Command::Check {
            files,
            format,
            inputs,
            allow,
            deny,
        } => checking::check(
            &files,
            format,
            &inputs,
            checking::Rules {
                allow: &allow,
                deny: &deny,
            },
            color,
        ),
        Command::Fmt { files, check, diff } => commands::fmt(&files, (check, diff), color),
        Command::Expand { file, inputs } => commands::expand(&file, &inputs, color),
        Command::Sql {
            file,
            dialect,
            tables,
            inputs,
            period,
            detail,
        } => checking::sql(
            &file,
            dialect,
            &tables,
            &inputs,
            (period.as_deref(), detail),
            color,
        ),
        Command::Run {
            file,
            format,
            output,
            detail,
            period,
            database: Some(url),
            tables,
            ..
        } => database::run(
            database::DatabaseRun {
                file: &file,
                url: &url,
                tables: &tables,
                format,
                output: output.as_deref(),
                detail,
                period: period.as_deref(),
            },
            color,
        ),
        Command::Run {
            file,
            inputs,
            format,
            output,
            detail,
            emit,
            period,
            periods,
            database: None,
            ..
        } => match periods {
            Some(range) => commands::panel(
                &file,
                &inputs,
                format,
                output.as_deref(),
                &range,
                detail,
                color,
            ),
            None => commands::run(
                &file,
                &inputs,
                format,
                output.as_deref(),
                detail,
                emit,
                period.as_deref(),
                color,
            ),
        },
        Command::Explain {
            file,
            region,
            inputs,
            period,
        } => commands::explain(&file, &region, &inputs, period.as_deref(), color),
        Command::Init {
            data,
            key,
            label,
            output,
        } => init::init(init::InitArgs {
            data: &data,
            key: key.as_deref(),
            label: label.as_deref(),
            output: output.as_deref(),
        }),
        Command::Completions { shell } => {
            let mut cmd = command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "metodika", &mut out);
            commands::out(&String::from_utf8_lossy(&out));
            0
        }
        Command::Man { dir } => manual::man(dir.as_deref()),
        Command::Lsp { stdio: _ } => lsp::lsp(),
        Command::Sensitivity {
            file,
            inputs,
            format,
            output,
            runs,
            seed,
            region,
            period,
        } => analysis::sensitivity(
            analysis::SensitivityArgs {
                file: &file,
                inputs: &inputs,
                format,
                output: output.as_deref(),
                runs,
                seed,
                region: region.as_deref(),
                period: period.as_deref(),
            },
            color,
        ),
        Command::Audit {
            file,
            inputs,
            format,
            table,
            output,
            period,
        } => analysis::audit(
            analysis::AuditArgs {
                file: &file,
                inputs: &inputs,
                format,
                table,
                output: output.as_deref(),
                period: period.as_deref(),
            },
            color,
        ),
        Command::Uncertainty {
            file,
            inputs,
            format,
            output,
            runs,
            seed,
            top,
            period,
            naive,
        } => analysis::uncertainty(
            analysis::UncertaintyArgs {
                file: &file,
                inputs: &inputs,
                format,
                output: output.as_deref(),
                runs,
                seed,
                top,
                period: period.as_deref(),
                naive,
            },
            color,
        ),
        Command::Review {
            base,
            head,
            staged,
            paths,
            format,
            gates,
        } => review::review(
            review::ReviewArgs {
                base: &base,
                head: head.as_deref(),
                staged,
                paths: &paths,
                format,
                rules: gates.rules(),
                top: gates.top,
            },
            color,
        ),
        Command::Diff {
            old,
            new,
            inputs,
            old_inputs,
            new_inputs,
            format,
            output,
            gates,
            period,
            old_period,
            new_period,
        } => commands::diff(
            commands::DiffArgs {
                old: &old,
                new: new.as_deref(),
                sides: commands::SideArgs {
                    inputs: &inputs,
                    old_inputs: &old_inputs,
                    new_inputs: &new_inputs,
                    old_period: period.as_deref().or(old_period.as_deref()),
                    new_period: period.as_deref().or(new_period.as_deref()),
                },
                format,
                output: output.as_deref(),
                rules: gates.rules(),
                top: gates.top,
            },
            color,
        ),
    };
    commands::stdout_status(code)
}

/// Replace each methodology file of `command` that is a `git:` source or `-` by the file
/// it was copied to; the sources, to keep their copies while the command runs.
fn sourced(command: &mut Command) -> Result<Vec<metodika::source::Source>, String> {
    let mut files: Vec<&mut PathBuf> = match command {
        Command::Check { files, .. } | Command::Fmt { files, .. } => files.iter_mut().collect(),
        Command::Expand { file, .. }
        | Command::Sql { file, .. }
        | Command::Run { file, .. }
        | Command::Uncertainty { file, .. }
        | Command::Sensitivity { file, .. }
        | Command::Audit { file, .. }
        | Command::Explain { file, .. } => vec![file],
        _ => Vec::new(),
    };
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(metodika::i18n::t("cli-stdin-once", &[]));
    }
    let mut sources = Vec::new();
    for f in files.iter_mut() {
        let spec = f.to_string_lossy().to_string();
        if spec != "-" && metodika::source::parse_git(&spec).is_none() {
            continue;
        }
        let source = metodika::source::open(&spec)?;
        **f = source.path.clone();
        sources.push(source);
    }
    Ok(sources)
}
