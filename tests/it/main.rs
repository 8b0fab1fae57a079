//! The one integration-test binary (every test binary links polars, so there is one).

mod browser;
mod cli;
mod compact;
mod corpus;
mod diagnostics;
mod diff;
mod editors;
mod engine;
mod example;
mod fmt;
mod hostile;
mod html;
mod language_docs;
mod large;
mod lsp;
mod ranking;
mod records;
mod reliability;
mod revisions;
mod robustness;
mod sensitivity;
mod uncertainty;
mod util;
mod workbooks;
mod workflow;
mod xlsx;
