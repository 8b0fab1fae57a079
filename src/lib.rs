//! metodika: a declarative language for regional rating methodologies.
//!
//! The pipeline, each stage a module with its own representation:
//!
//! ```text
//!  text ──parse──▶ syntax::ast::Module ──check──▶ check::Methodology ──lower+run──▶ run::Ranking
//!   (syntax)          what was written        (names resolved, validated)   (engine: polars)
//! ```
//!
//! * [`syntax::parse`]: text to a typed syntax tree with byte spans (only `syntax::parser`
//!   knows pest);
//! * [`check::check`]: resolves names and refuses what cannot be run, every problem of a
//!   file at once, as [`diag::Diagnostic`]s;
//! * [`fmt::format`]: the canonical text of a module, comments kept;
//! * [`engine`]: loads regional data, lowers the checked methodology to one polars lazy
//!   plan, runs it and ranks the regions (only `engine` imports polars).
//!
//! The library returns values and errors; only the CLI prints. Polars is behind the
//! default feature `engine`: without it (`default-features = false`) the crate parses,
//! checks and formats methodologies and reads CSV headers, and builds in seconds.

pub mod builtins;
pub mod check;
pub mod data;
pub mod diag;
#[cfg(feature = "engine")]
pub mod diff;
#[cfg(feature = "engine")]
pub mod engine;
pub mod fmt;
pub mod load;
pub mod paths;
#[cfg(feature = "engine")]
pub mod report;
pub mod source;
pub mod syntax;
pub mod timing;
