//! Formulas in the syntax tree: operators and expressions, as written.

use super::{Ident, Number, Span, Str};
use serde::Serialize;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// As written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
    /// A comparison.
    Cmp(CmpOp),
    /// `and`
    And,
    /// `or`
    Or,
    /// `in`: `x in (a, b)`
    In,
}

impl BinOp {
    /// As written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
            BinOp::Cmp(c) => c.symbol(),
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::In => "in",
        }
    }
    /// Binding power: higher binds tighter. Shared by the parser and the formatter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Cmp(_) | BinOp::In => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
            BinOp::Pow => 8,
        }
    }
}

/// A prefix operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `not x`
    Not,
}

impl UnOp {
    /// `not` binds looser than comparisons, `-` tighter than `*` but looser than `^`.
    pub fn precedence(self) -> u8 {
        match self {
            UnOp::Not => 3,
            UnOp::Neg => 7,
        }
    }
}

/// An expression with its span.
#[derive(Debug, Clone, Serialize)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// The kinds of expressions.
#[derive(Debug, Clone, Serialize)]
pub enum ExprKind {
    /// A number.
    Number(Number),
    /// `name` or `input.column`
    Ref {
        /// A name, or the input of `input.column`.
        first: Ident,
        /// The column of `input.column`.
        second: Option<Ident>,
    },
    /// `f(a, b)`, `count(messages where …)`
    Call {
        /// The function called.
        func: Ident,
        /// Its arguments.
        args: Vec<Expr>,
        /// `where …`: the records an aggregate over records counts.
        filter: Option<Box<Expr>>,
    },
    /// A text: `"answered"` (compared with text columns of records).
    Text(Str),
    /// A date: `2025-03-31`.
    Date(String),
    /// The values of `in`: `("a", "b")`.
    Tuple(Vec<Expr>),
    /// `-x`, `not x`
    Unary {
        /// The operator.
        op: UnOp,
        /// What it applies to.
        operand: Box<Expr>,
    },
    /// `a + b`, `a < b`, `a and b`
    Binary {
        /// The operator.
        op: BinOp,
        /// The left operand.
        lhs: Box<Expr>,
        /// The right operand.
        rhs: Box<Expr>,
    },
    /// `if c then a else b`
    If {
        /// The condition.
        cond: Box<Expr>,
        /// The value where the condition holds.
        then: Box<Expr>,
        /// The value where it does not.
        otherwise: Box<Expr>,
    },
    /// Parentheses as written (kept so that spans and `fmt` stay faithful).
    Paren(Box<Expr>),
}
