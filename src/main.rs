//! The `metodika` command: the CLI is the only part that prints.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
