//! What `--help` shows after each command's options: real examples (each runs as written
//! from the repository's root: `tests/it/cli.rs` runs every one) and the exit statuses.

/// After the top-level help.
pub const MAIN: &str = "\
Examples:
  $ metodika check methodologies/pos/pos-2025.metodika
  $ metodika run methodologies/pos/pos-2025.metodika
  $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika

Exit status: 0 success; 1 the methodology or the data has errors (or `fmt --check` would \
change a file); 2 the command line is wrong, or a file may not be read or written; 3 \
`diff --fail-on-move N` saw a larger move.

Docs: docs/language.md (the language), docs/cli.md (this tool).";

pub const CHECK: &str = "\
Examples:
  $ metodika check methodologies/pos/pos-2025.metodika
  $ metodika check --format json methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika
  $ metodika check methodologies/pos/pos-2025-tables.metodika --input current=methodologies/pos/data/2025-q4.csv

Exit status: 0 no errors (warnings may be printed); 1 errors, each with its code, place \
and help; 2 the command line is wrong.";

pub const EXPAND: &str = "\
Examples:
  $ metodika expand methodologies/pos/pos-2026.metodika
  $ metodika expand methodologies/asem/asem.metodika

Exit status: 0 printed; 1 the file, or a file it extends, has errors (each reported in \
its file); 2 the command line is wrong.";

pub const FMT: &str = "\
Examples:
  $ metodika fmt --check methodologies/pos/pos-2025.metodika
  $ metodika fmt methodologies/pos/pos-2026.metodika

Exit status: 0 done (or, with --check, nothing would change); 1 a file has syntax errors, \
or would change under --check; 2 the command line is wrong.";

pub const RUN: &str = "\
Examples:
  $ metodika run methodologies/pos/pos-2025.metodika
  $ metodika run methodologies/pos/pos-2025.metodika --period 2025-Q3 --format html --output q3.html
  $ metodika run methodologies/pos/pos-2025.metodika --periods 2025-Q1..2025-Q4

Exit status: 0 the ranking was printed; 1 the methodology or the data has errors (every \
one reported, with file, line, column and region); 2 the command line is wrong, or an \
input or --output may not be read or written.";

pub const EXPLAIN: &str = "\
Examples:
  $ metodika explain methodologies/pos/pos-2025.metodika --region 28
  $ metodika explain methodologies/pos/pos-2025-tables.metodika --region 77

Exit status: 0 explained; 1 the methodology or the data has errors, or the region is not \
in the data; 2 the command line is wrong.";

pub const DIFF: &str = "\
Examples:
  $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika --format html --output diff.html
  $ metodika diff methodologies/pos/pos-2025-tables.metodika --new-input current=methodologies/pos/data/2025-q4.csv
  $ metodika diff git:HEAD:methodologies/pos/pos-2025.metodika methodologies/pos/pos-2025.metodika --fail-on-move 5

Exit status: 0 compared; 1 either methodology or its data has errors; 2 the command line \
is wrong, or a git: source cannot be read; 3 with --fail-on-move N, a region moved more \
than N places.";

pub const UNCERTAINTY: &str = "\
Examples:
  $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika
  $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --runs 2000 --seed 7 --top 5
  $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --format html --output places.html

Exit status: 0 done; 1 the methodology or the data has errors; 2 the command line is \
wrong, or the methodology has no uncertainty block.";

pub const SENSITIVITY: &str = "\
Examples:
  $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500
  $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500 --region 28

Exit status: 0 done; 1 the methodology or the data has errors, or the region is not \
ranked; 2 the command line is wrong, or the methodology has no uncertainty block.";

pub const INIT: &str = "\
Examples:
  $ metodika init methodologies/pos/data/2025-q4.csv --output starter.metodika
  $ metodika init methodologies/pos/data/2025-q4.csv --key region_code --label region_name --output rating.metodika

Exit status: 0 written (it checks clean; read its comments next); 2 refused, with a code: \
I001 the file exists, I002 no key-like column, I003 no numeric column, I004 no such \
column, I005 the data outside the methodology's directory, I006 the file cannot be \
written, I007 a workbook, an unreadable Parquet file, or a file too large for a regional table.";

pub const COMPLETIONS: &str = "\
Examples:
  $ metodika completions bash > metodika.bash
  $ metodika completions zsh > _metodika
  $ metodika completions fish > metodika.fish

Bash: put the script in ~/.local/share/bash-completion/completions/metodika; zsh: `_metodika` \
in a directory of $fpath; fish: ~/.config/fish/completions/metodika.fish.

Exit status: 0 printed; 2 the command line is wrong.";

pub const MAN: &str = "\
Examples:
  $ metodika man > metodika.1
  $ metodika man --dir man

`man ./metodika.1` reads it; with --dir, one page for the tool and one for each command \
(metodika-run.1, …).

Exit status: 0 written; 2 the command line is wrong, or a page cannot be written.";

pub const LSP: &str = "\
Examples:
  $ metodika lsp
  $ metodika lsp --stdio

An editor starts it (docs/editors.md shows how for VS Code, Neovim and Helix). It answers in JSON-RPC on stdout and never writes there otherwise; problems of its own go \
to stderr. The files' inputs are found from each file's folder, as `metodika check` finds them.

Exit status: 0 the editor shut it down (`shutdown`, then `exit`); 1 the connection ended \
otherwise; 2 the command line is wrong.";
