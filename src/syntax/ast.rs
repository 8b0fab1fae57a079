//! The typed syntax tree of a methodology file.
//!
//! Invariant: every node carries the byte span of its source text (straight from pest),
//! so diagnostics underline exactly what the user wrote, Cyrillic included. The tree is
//! what was written, in the order it was written: names are not yet resolved and
//! built-in names (normalizations, transforms, …) are kept as [`Call`]s for the checker
//! to look up. Spans are skipped when the tree is serialized, so two trees that differ
//! only in layout serialize identically (this is how `fmt` is tested to preserve meaning).

use serde::Serialize;

pub use crate::diag::Span;

/// A name as written, with its span.
#[derive(Debug, Clone, Serialize)]
pub struct Ident {
    pub name: String,
    #[serde(skip)]
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Debug, Clone, Serialize)]
pub struct Str {
    pub value: String,
    #[serde(skip)]
    pub span: Span,
}

/// A whole methodology file.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub enum Item {
    Header(Header),
    Input(Input),
    Exclude(Exclude),
    Indicator(Indicator),
    Group(Group),
    Score(Group),
    Rank(Rank),
    Zones(Zones),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Header(x) => x.span,
            Item::Input(x) => x.span,
            Item::Exclude(x) => x.span,
            Item::Indicator(x) => x.span,
            Item::Group(x) | Item::Score(x) => x.span,
            Item::Rank(x) => x.span,
            Item::Zones(x) => x.span,
        }
    }
}

/// `methodology "Title" { … }`
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub title: Str,
    pub fields: Vec<HeaderField>,
    #[serde(skip)]
    pub span: Span,
    /// The span of the closing brace, for placing comments inside the block.
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum HeaderField {
    Version(Str, #[serde(skip)] Span),
    Effective(String, #[serde(skip)] Span),
    Key(Ident, #[serde(skip)] Span),
    Label(Ident, #[serde(skip)] Span),
    Note(Str, #[serde(skip)] Span),
    Missing(Call, #[serde(skip)] Span),
}

impl HeaderField {
    pub fn span(&self) -> Span {
        match self {
            HeaderField::Version(_, s)
            | HeaderField::Effective(_, s)
            | HeaderField::Key(_, s)
            | HeaderField::Label(_, s)
            | HeaderField::Note(_, s)
            | HeaderField::Missing(_, s) => *s,
        }
    }
}

/// `input current "data/2025-q4.csv"`, `input previous "data/q3.csv" encoding "windows-1251"`
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub name: Ident,
    pub path: Str,
    /// The file's encoding as named, when it is not left to the reader.
    pub encoding: Option<Str>,
    #[serde(skip)]
    pub span: Span,
}

/// `exclude when <condition> "reason"`
#[derive(Debug, Clone, Serialize)]
pub struct Exclude {
    pub condition: Expr,
    pub reason: Str,
    #[serde(skip)]
    pub span: Span,
}

/// `indicator name "Title" { … }`
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub name: Ident,
    pub title: Str,
    pub fields: Vec<IndicatorField>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Serialize)]
pub enum IndicatorField {
    Value(Expr, #[serde(skip)] Span),
    Better(Direction, #[serde(skip)] Span),
    Unit(Str, #[serde(skip)] Span),
    Transform(Vec<Call>, #[serde(skip)] Span),
    Normalize(Normalize, #[serde(skip)] Span),
    Missing(Call, #[serde(skip)] Span),
    Note(Str, #[serde(skip)] Span),
}

impl IndicatorField {
    pub fn span(&self) -> Span {
        match self {
            IndicatorField::Value(_, s)
            | IndicatorField::Better(_, s)
            | IndicatorField::Unit(_, s)
            | IndicatorField::Transform(_, s)
            | IndicatorField::Normalize(_, s)
            | IndicatorField::Missing(_, s)
            | IndicatorField::Note(_, s) => *s,
        }
    }
    /// The keyword that starts the field, for messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            IndicatorField::Value(..) => "value",
            IndicatorField::Better(..) => "better",
            IndicatorField::Unit(..) => "unit",
            IndicatorField::Transform(..) => "transform",
            IndicatorField::Normalize(..) => "normalize",
            IndicatorField::Missing(..) => "missing",
            IndicatorField::Note(..) => "note",
        }
    }
}

/// A built-in named with optional arguments: `minmax`, `goalposts(1, 30)`.
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub name: Ident,
    /// `None` when written without parentheses.
    pub args: Option<Vec<Expr>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum Normalize {
    Call(Call),
    Bands(Bands),
}

/// `bands { >= 80% : 1.0  >= 60% : 0.5  else : 0 }`
#[derive(Debug, Clone, Serialize)]
pub struct Bands {
    pub bands: Vec<Band>,
    pub otherwise: Expr,
    #[serde(skip)]
    pub else_span: Span,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub op: CmpOp,
    pub threshold: Expr,
    pub value: Expr,
    #[serde(skip)]
    pub span: Span,
}

/// `group name "Title" [aggregation] { members }`; the score is a group named `score`.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `None` for the score.
    pub name: Option<Ident>,
    pub title: Str,
    pub aggregation: Option<Ident>,
    pub entries: Vec<GroupEntry>,
    #[serde(skip)]
    pub span: Span,
    /// The span of the keyword (`group` or `score`) and name, for labels.
    #[serde(skip)]
    pub head: Span,
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum GroupEntry {
    Member(Member),
    Note(Str, #[serde(skip)] Span),
}

impl GroupEntry {
    pub fn span(&self) -> Span {
        match self {
            GroupEntry::Member(m) => m.span,
            GroupEntry::Note(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub name: Ident,
    pub weight: Option<Weight>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum WeightKind {
    Points,
    Weight,
}

/// `points 150`, `weight 30%`, `weight 2`
#[derive(Debug, Clone, Serialize)]
pub struct Weight {
    pub kind: WeightKind,
    pub value: Number,
    #[serde(skip)]
    pub span: Span,
}

/// A number literal as written: its text is kept so that `fmt` does not rewrite `1_000`.
#[derive(Debug, Clone, Serialize)]
pub struct Number {
    pub text: String,
    /// True for `30%` (whose value is 0.30).
    pub percent: bool,
    #[serde(skip)]
    pub span: Span,
}

/// `rank { round 0  ties dense  then x desc, y asc }`
#[derive(Debug, Clone, Serialize)]
pub struct Rank {
    pub fields: Vec<RankField>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum RankField {
    Round(Number, #[serde(skip)] Span),
    Ties(Ident, #[serde(skip)] Span),
    Then(Vec<TieBreak>, #[serde(skip)] Span),
}

impl RankField {
    pub fn span(&self) -> Span {
        match self {
            RankField::Round(_, s) | RankField::Ties(_, s) | RankField::Then(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Order {
    Asc,
    Desc,
}

#[derive(Debug, Clone, Serialize)]
pub struct TieBreak {
    pub expr: Expr,
    pub order: Option<Order>,
    #[serde(skip)]
    pub span: Span,
}

/// `zones { green "Зелёная зона" when score >= 600 … }`
#[derive(Debug, Clone, Serialize)]
pub struct Zones {
    pub zones: Vec<Zone>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub close: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Zone {
    pub name: Ident,
    pub title: Str,
    pub rule: ZoneRule,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub rule_span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum ZoneRule {
    When(Expr),
    Top(Number),
    Next(Number),
    Otherwise,
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Cmp(CmpOp),
    And,
    Or,
}

impl BinOp {
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
        }
    }
    /// Binding power: higher binds tighter. Shared by the parser and the formatter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Cmp(_) => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
            BinOp::Pow => 8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnOp {
    Neg,
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

#[derive(Debug, Clone, Serialize)]
pub struct Expr {
    pub kind: ExprKind,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub enum ExprKind {
    Number(Number),
    /// `name` or `input.column`
    Ref {
        first: Ident,
        second: Option<Ident>,
    },
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// Parentheses as written (kept so that spans and `fmt` stay faithful).
    Paren(Box<Expr>),
}

impl Number {
    /// The value, `30%` being 0.30. `None` when the literal does not fit an f64.
    pub fn value(&self) -> Option<f64> {
        let clean: String = self.text.chars().filter(|c| *c != '_').collect();
        let v: f64 = clean.parse().ok()?;
        if !v.is_finite() {
            return None;
        }
        Some(if self.percent { v / 100.0 } else { v })
    }
}
