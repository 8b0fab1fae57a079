//! metodika: a declarative language for regional rating methodologies.
//!
//! The pipeline, each stage a module with its own representation (docs/architecture.md
//! tells what each guarantees and where each kind of change goes):
//!
//! ```text
//!  text ──parse──▶ ast::Module ──check──▶ check::Methodology ─┐
//!        (syntax)  as written,  (check)   names resolved,    │
//!                  byte spans             validated          │
//!  data files ──(data)──▶ data::Table ──load──▶ LoadedInputs ┤
//!                                                            ▼
//!              stages::Stages: what each stage computes       │
//!      engine::run: evaluated on vectors (a regional run) or as  │
//!      one polars lazy plan (a large one) — the same numbers     │
//!                                   engine::Ranking ◀────────┘
//!                                          │
//!              report: table, CSV, JSON, Markdown, explain · diff: two rankings
//! ```
//!
//! * [`parse`]: text to a typed syntax tree with byte spans (only `syntax::parser`
//!   knows pest);
//! * [`check()`]: resolves names and refuses what cannot be run, every problem of a file at
//!   once, as [`diag::Diagnostic`]s with codes;
//! * [`load_file`]: both at once from a file, with the inputs' headers checked;
//! * [`fmt::format`]: the canonical text of a module, comments kept;
//! * [`run`]: reads the regional data, lowers the checked methodology's [`stages`] —
//!   directly on vectors for a regional run, to one polars lazy plan for a large one —
//!   runs them and ranks the regions (only `engine` imports polars);
//! * [`report`] and [`diff()`]: the results as text, and what a revision changes.
//!
//! From text to a ranking:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! std::fs::write(
//!     dir.path().join("regions.csv"),
//!     "code,name,answered,messages\n01,Адыгея,90,100\n02,Башкортостан,45,50\n03,Бурятия,30,60\n",
//! )?;
//! let text = r#"
//! methodology "Ответы" { key code  label name }
//! input data "regions.csv"
//! indicator answered "Доля отвеченных сообщений" {
//!     value     = data.answered / data.messages
//!     better    higher
//!     normalize minmax
//! }
//! score "Итог" { answered points 100 }
//! "#;
//! let module = metodika::parse(text).map_err(|d| d[0].message.clone())?;
//! let checked = metodika::check(&module, &metodika::check::NoHeaders);
//! let methodology = checked.methodology.ok_or("the methodology has errors")?;
//! let opts = metodika::engine::RunOptions {
//!     base_dir: dir.path().to_path_buf(),
//!     ..Default::default()
//! };
//! let ranking = metodika::run(&methodology, &opts)?;
//! let first = &ranking.rows[0];
//! // 0.9 answered of 0.5..0.9: the best, 100 points; Адыгея and Башкортостан share it
//! assert_eq!((first.place, first.score), (Some(1.0), Some(100.0)));
//! assert_eq!(ranking.rows[2].label, "Бурятия");
//! assert_eq!(ranking.rows[2].score, Some(0.0));
//! print!("{}", metodika::report::table(&ranking, false));
//! # Ok(())
//! # }
//! ```
//!
//! The library returns values and errors; only the CLI prints. Polars is behind the
//! default feature `engine`, and the command line's own crates (clap, the language
//! server's protocol, the progress bar) behind the default feature `cli`: without them
//! (`default-features = false`) the crate parses, checks and formats methodologies and
//! reads CSV headers, and builds in seconds.

#![warn(missing_docs)]

#[cfg(feature = "engine")]
pub mod audit;
pub mod builtins;
pub mod check;
pub mod data;
pub mod diag;
#[cfg(feature = "engine")]
pub mod diff;
#[cfg(feature = "engine")]
pub mod engine;
pub mod fmt;
pub mod i18n;
pub mod ide;
pub mod load;
pub mod notes;
pub mod paths;
pub mod periods;
#[cfg(feature = "engine")]
pub mod report;
pub mod revision;
pub mod sensitivity;
pub mod source;
pub mod sql;
pub mod stages;
pub mod syntax;
pub mod timing;
pub mod words;

pub use check::check;
#[cfg(feature = "engine")]
pub use diff::diff;
#[cfg(feature = "engine")]
pub use engine::run;
pub use load::load_file;
pub use syntax::parse;
