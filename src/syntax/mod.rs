//! Stage 1: text → [`ast::Module`]. Only `parser` knows pest's types.

pub mod ast;
pub mod comments;
mod limits;
mod parser;
pub mod walk;

pub use limits::{MAX_DEPTH, MAX_FILE_BYTES, MAX_OPERATORS};
pub use parser::{is_name, parse};
