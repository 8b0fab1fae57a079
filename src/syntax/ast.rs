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

mod expr;
pub use expr::*;

/// A name as written, with its span.
#[derive(Debug, Clone, Serialize)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Debug, Clone, Serialize)]
pub struct Str {
    /// The text, unescaped.
    pub value: String,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A whole methodology file.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// Its items, in the order written.
    pub items: Vec<Item>,
}

/// A top-level item of a file.
#[derive(Debug, Clone, Serialize)]
pub enum Item {
    /// `methodology "…" { … }`
    Header(Header),
    /// `input name "file.csv"`
    Input(Input),
    /// `records name "file.parquet" { … }`
    Records(Records),
    /// `exclude when … "reason"`
    Exclude(Exclude),
    /// `defaults { … }`: what the file's indicators have unless they say otherwise
    Defaults(Defaults),
    /// `indicator name "Title" { … }`
    Indicator(Indicator),
    /// `group name "Title" { … }`
    Group(Group),
    /// `score "Title" { … }`
    Score(Group),
    /// `rank { … }`
    Rank(Rank),
    /// `zones { … }`
    Zones(Zones),
    /// `uncertainty { … }`
    Uncertainty(Uncertainty),
    /// `change indicator x { … }`, `change group g { … }`: in a methodology that extends
    /// another, what changes in an indicator or group of the base
    Change(Change),
    /// `remove indicator x`, `remove group g`
    Remove(Remove),
}

impl Item {
    /// From its first to its last character.
    pub fn span(&self) -> Span {
        match self {
            Item::Header(x) => x.span,
            Item::Input(x) => x.span,
            Item::Records(x) => x.span,
            Item::Exclude(x) => x.span,
            Item::Defaults(x) => x.span,
            Item::Indicator(x) => x.span,
            Item::Group(x) | Item::Score(x) => x.span,
            Item::Rank(x) => x.span,
            Item::Zones(x) => x.span,
            Item::Uncertainty(x) => x.span,
            Item::Change(x) => x.span,
            Item::Remove(x) => x.span,
        }
    }
}

/// `methodology "Title" { … }`
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// Its title.
    pub title: Str,
    /// Its fields, in the order written.
    pub fields: Vec<HeaderField>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// The span of the closing brace, for placing comments inside the block.
    #[serde(skip)]
    pub close: Span,
}

/// A field of the `methodology` header.
#[derive(Debug, Clone, Serialize)]
pub enum HeaderField {
    /// `version "2025.1"`
    Version(Str, #[serde(skip)] Span),
    /// `effective "2025-01-01"`
    Effective(String, #[serde(skip)] Span),
    /// `key region_code`
    Key(Ident, #[serde(skip)] Span),
    /// `label region_name`
    Label(Ident, #[serde(skip)] Span),
    /// `note "…"`
    Note(Str, #[serde(skip)] Span),
    /// `missing zero`: the default missing-data policy
    Missing(Call, #[serde(skip)] Span),
    /// `period quarterly cumulative`: the reporting periods
    Period(Ident, Option<Ident>, #[serde(skip)] Span),
    /// `extends "pos-2025.metodika"`: this methodology is a revision of that one
    Extends(Str, #[serde(skip)] Span),
}

impl HeaderField {
    /// From its first to its last character.
    pub fn span(&self) -> Span {
        match self {
            HeaderField::Version(_, s)
            | HeaderField::Effective(_, s)
            | HeaderField::Key(_, s)
            | HeaderField::Label(_, s)
            | HeaderField::Note(_, s)
            | HeaderField::Missing(_, s)
            | HeaderField::Period(_, _, s)
            | HeaderField::Extends(_, s) => *s,
        }
    }
}

/// `input current "data/2025-q4.csv"`, `input previous "data/q3.csv" encoding "windows-1251"`
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// Its name.
    pub name: Ident,
    /// The path, as written.
    pub path: Str,
    /// The file's encoding as named, when it is not left to the reader.
    pub encoding: Option<Str>,
    /// A workbook's sheet (`sheet "Лист1"`); the first sheet when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Str>,
    /// The row of a workbook's header, from 1 (`header 3`); found when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<RowNumber>,
    /// Names given to headers that are not names of the language
    /// (`column население = "Численность населения, чел."`), in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnAlias>,
    /// Options written a second time (`encoding`, `sheet`, `header`): the keyword's
    /// span and name, for the checker to refuse.
    #[serde(skip)]
    pub repeated: Vec<(Span, &'static str)>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `column население = "Численность населения, чел."`: a name for a header as written.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnAlias {
    /// The name given.
    pub name: Ident,
    /// The header as written in the file.
    pub header: Str,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A row number as written (`header 3`).
#[derive(Debug, Clone, Serialize)]
pub struct RowNumber {
    /// The number, from 1 (`u64::MAX` when too large to read).
    pub value: u64,
    /// The number as written (`99999999999999999999` stays that, in messages and `fmt`).
    #[serde(skip)]
    pub text: String,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `change indicator x ["Title"] { fields }` or `change group g ["Title"] [aggregation] { … }`.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `indicator` or `group`.
    pub kind: ChangeKind,
    /// The name in the base.
    pub name: Ident,
    /// A new title, when written.
    pub title: Option<Str>,
    /// A group's new aggregation, when written.
    pub aggregation: Option<Ident>,
    /// An indicator's fields that replace the base's fields of the same kind.
    pub fields: Vec<IndicatorField>,
    /// A group's entries: its members replace the base's members whole, its notes the
    /// base's notes.
    pub entries: Vec<GroupEntry>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// What a `change` or `remove` is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChangeKind {
    /// An indicator.
    Indicator,
    /// A group.
    Group,
}

impl ChangeKind {
    /// `indicator` or `group`.
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Indicator => "indicator",
            ChangeKind::Group => "group",
        }
    }
}

/// `remove indicator x` or `remove group g`.
#[derive(Debug, Clone, Serialize)]
pub struct Remove {
    /// `indicator` or `group`.
    pub kind: ChangeKind,
    /// The name in the base.
    pub name: Ident,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `records name "file" { key … date … unknown ignore encoding "…" }`: a record input.
#[derive(Debug, Clone, Serialize)]
pub struct Records {
    /// Its name.
    pub name: Ident,
    /// The path, as written.
    pub path: Str,
    /// Its fields, in the order written.
    pub fields: Vec<RecordsField>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A field of a `records` declaration.
#[derive(Debug, Clone, Serialize)]
pub enum RecordsField {
    /// `key column`: the column holding the region (the methodology's key by default).
    Key(Ident),
    /// `date column`: the column dating each record.
    Date(Ident),
    /// `unknown ignore` (or `unknown error`): what to do with records of regions not in
    /// the region tables.
    Unknown(Ident),
    /// `encoding "windows-1251"`.
    Encoding(Str),
    /// `stock`: the records are counted up to the period's end (bodies connected so
    /// far), not within it.
    Stock(#[serde(skip)] Span),
    /// `column оценка = "Оценка, баллы"`: a name for a header as written.
    Column(ColumnAlias),
}

/// `exclude when <condition> "reason"`
#[derive(Debug, Clone, Serialize)]
pub struct Exclude {
    /// The condition.
    pub condition: Expr,
    /// The reason the regions it excludes show.
    pub reason: Str,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `indicator name "Title" { … }`
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Its name.
    pub name: Ident,
    /// Its title.
    pub title: Str,
    /// Its fields, in the order written.
    pub fields: Vec<IndicatorField>,
    /// Written on one line: `indicator x "X" = data.x [better lower]`.
    #[serde(skip)]
    pub line: bool,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}` (its last character, for the one-line form).
    #[serde(skip)]
    pub close: Span,
}

/// `defaults { better higher  normalize minmax(0, 100) }`: the fields an indicator has
/// unless it writes its own — every indicator of the file for a `defaults` at the top,
/// the indicators written inside a group for one in the group (these first).
#[derive(Debug, Clone, Serialize)]
pub struct Defaults {
    /// `better`, `transform`, `normalize` and `missing` fields, in the order written.
    pub fields: Vec<IndicatorField>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// Which end of an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// `better higher`
    Higher,
    /// `better lower`
    Lower,
}

/// A field of an indicator.
#[derive(Debug, Clone, Serialize)]
pub enum IndicatorField {
    /// `value = …`
    Value(Expr, #[serde(skip)] Span),
    /// `better higher|lower`
    Better(Direction, #[serde(skip)] Span),
    /// `unit "%"`
    Unit(Str, #[serde(skip)] Span),
    /// `transform log, cap(0, 100)`
    Transform(Vec<Call>, #[serde(skip)] Span),
    /// `normalize minmax`
    Normalize(Normalize, #[serde(skip)] Span),
    /// `missing mean`
    Missing(Call, #[serde(skip)] Span),
    /// `outliers auto`
    Outliers(Call, #[serde(skip)] Span),
    /// `note "…"`
    Note(Str, #[serde(skip)] Span),
}

impl IndicatorField {
    /// From its first to its last character.
    pub fn span(&self) -> Span {
        match self {
            IndicatorField::Value(_, s)
            | IndicatorField::Better(_, s)
            | IndicatorField::Unit(_, s)
            | IndicatorField::Transform(_, s)
            | IndicatorField::Normalize(_, s)
            | IndicatorField::Missing(_, s)
            | IndicatorField::Outliers(_, s)
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
            IndicatorField::Outliers(..) => "outliers",
            IndicatorField::Note(..) => "note",
        }
    }
}

/// A built-in named with optional arguments: `minmax`, `goalposts(1, 30)`.
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    /// Its name.
    pub name: Ident,
    /// `None` when written without parentheses.
    pub args: Option<Vec<Expr>>,
    /// The column whose groups it is taken within (`missing mean by regions.district`),
    /// when written.
    pub by: Option<Expr>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `normalize …`: by name, or by bands.
#[derive(Debug, Clone, Serialize)]
pub enum Normalize {
    /// A normalization by name: `minmax`, `goalposts(20, 85)`.
    Call(Call),
    /// `bands { … }`
    Bands(Bands),
}

/// `bands { >= 80% : 1.0  >= 60% : 0.5  else : 0 }`
#[derive(Debug, Clone, Serialize)]
pub struct Bands {
    /// The bands, in order: the first that holds gives the value.
    pub bands: Vec<Band>,
    /// The `else` value.
    pub otherwise: Expr,
    /// Where `else` is written.
    #[serde(skip)]
    pub else_span: Span,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// `>= 80% : 1.0`: one band.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// The comparison with the threshold.
    pub op: CmpOp,
    /// The value compared with.
    pub threshold: Expr,
    /// The value a region in the band gets.
    pub value: Expr,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `group name "Title" [aggregation] { members }`; the score is a group named `score`.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `None` for the score.
    pub name: Option<Ident>,
    /// Its title.
    pub title: Str,
    /// Its aggregation, when written.
    pub aggregation: Option<Ident>,
    /// Its members and notes, in the order written.
    pub entries: Vec<GroupEntry>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// The span of the keyword (`group` or `score`) and name, for labels.
    #[serde(skip)]
    pub head: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// A line of a group.
#[derive(Debug, Clone, Serialize)]
pub enum GroupEntry {
    /// A member with its weight.
    Member(Member),
    /// `note "…"`
    Note(Str, #[serde(skip)] Span),
    /// `coverage 60%`: the share of the members a region needs a value of.
    Coverage(Expr, #[serde(skip)] Span),
    /// `defaults { … }`: for the indicators written in the group.
    Defaults(Defaults),
    /// `indicator x "X" = data.x  weight 2`: an indicator written in the group, a member
    /// with its weight.
    Indicator(Indicator, Option<Weight>, #[serde(skip)] Span),
}

impl GroupEntry {
    /// From its first to its last character.
    pub fn span(&self) -> Span {
        match self {
            GroupEntry::Member(m) => m.span,
            GroupEntry::Note(_, s)
            | GroupEntry::Coverage(_, s)
            | GroupEntry::Indicator(_, _, s) => *s,
            GroupEntry::Defaults(d) => d.span,
        }
    }
}

/// `name points 150`: a member of a group.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Its name.
    pub name: Ident,
    /// Its weight, when written.
    pub weight: Option<Weight>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// Points or a weight.
#[derive(Debug, Clone, Serialize)]
pub enum WeightKind {
    /// `points N`
    Points,
    /// `weight N` or `weight N%`
    Weight,
}

/// `points 150`, `weight 30%`, `weight 2`
#[derive(Debug, Clone, Serialize)]
pub struct Weight {
    /// Points or weight.
    pub kind: WeightKind,
    /// The number of points, or the weight.
    pub value: Number,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A number literal as written: its text is kept so that `fmt` does not rewrite `1_000`.
#[derive(Debug, Clone, Serialize)]
pub struct Number {
    /// The literal as written.
    pub text: String,
    /// True for `30%` (whose value is 0.30).
    pub percent: bool,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `rank { round 0  ties dense  then x desc, y asc }`
#[derive(Debug, Clone, Serialize)]
pub struct Rank {
    /// Its fields, in the order written.
    pub fields: Vec<RankField>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// A field of the `rank` block.
#[derive(Debug, Clone, Serialize)]
pub enum RankField {
    /// `round N`
    Round(Number, #[serde(skip)] Span),
    /// `ties dense`
    Ties(Ident, #[serde(skip)] Span),
    /// `then x desc, y asc`
    Then(Vec<TieBreak>, #[serde(skip)] Span),
}

impl RankField {
    /// From its first to its last character.
    pub fn span(&self) -> Span {
        match self {
            RankField::Round(_, s) | RankField::Ties(_, s) | RankField::Then(_, s) => *s,
        }
    }
}

/// A tie-breaker's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Order {
    /// `asc`: lower first
    Asc,
    /// `desc`: higher first
    Desc,
}

/// `x desc`: a tie-breaker.
#[derive(Debug, Clone, Serialize)]
pub struct TieBreak {
    /// The expression the regions are compared by.
    pub expr: Expr,
    /// Its direction.
    pub order: Option<Order>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// `uncertainty { runs 10_000  weights +-20%  normalize x: minmax … }`: the choices that
/// could reasonably have been made otherwise.
#[derive(Debug, Clone, Serialize)]
pub struct Uncertainty {
    /// Its fields, in the order written.
    pub fields: Vec<UncertaintyField>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// A field of the `uncertainty` block.
#[derive(Debug, Clone, Serialize)]
pub enum UncertaintyField {
    /// `runs N`: how many replications.
    Runs(Number, #[serde(skip)] Span),
    /// `seed N`: the seed of the draws.
    Seed(Number, #[serde(skip)] Span),
    /// `weights +-20%`: every weight, independently.
    Weights(Number, #[serde(skip)] Span),
    /// `weight name LO..HI`: one member's weight.
    Weight(Ident, Number, Number, #[serde(skip)] Span),
    /// `normalize indicator: alternative | …`
    Normalize(Ident, Vec<Normalize>, #[serde(skip)] Span),
    /// `aggregate group: alternative | …`
    Aggregate(Ident, Vec<Ident>, #[serde(skip)] Span),
    /// `missing indicator: alternative | …`
    Missing(Ident, Vec<Call>, #[serde(skip)] Span),
    /// `noise indicator +-5%`: multiplicative noise on its raw values.
    Noise(Ident, Number, #[serde(skip)] Span),
}

impl UncertaintyField {
    /// Where it is written.
    pub fn span(&self) -> Span {
        match self {
            UncertaintyField::Runs(_, s)
            | UncertaintyField::Seed(_, s)
            | UncertaintyField::Weights(_, s)
            | UncertaintyField::Weight(_, _, _, s)
            | UncertaintyField::Normalize(_, _, s)
            | UncertaintyField::Aggregate(_, _, s)
            | UncertaintyField::Missing(_, _, s)
            | UncertaintyField::Noise(_, _, s) => *s,
        }
    }
}

/// `zones { green "Зелёная зона" when score >= 600 … }`
#[derive(Debug, Clone, Serialize)]
pub struct Zones {
    /// The zones, in order.
    pub zones: Vec<Zone>,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Its closing `}`.
    #[serde(skip)]
    pub close: Span,
}

/// `green "Зелёная зона" when score >= 600`: a zone.
#[derive(Debug, Clone, Serialize)]
pub struct Zone {
    /// Its name.
    pub name: Ident,
    /// Its title.
    pub title: Str,
    /// Which regions it takes.
    pub rule: ZoneRule,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
    /// Where its rule is written.
    #[serde(skip)]
    pub rule_span: Span,
}

/// Which regions a zone takes.
#[derive(Debug, Clone, Serialize)]
pub enum ZoneRule {
    /// `when <condition>`
    When(Expr),
    /// `top N`: places 1..=N
    Top(Number),
    /// `next N`: the N places after the zone before
    Next(Number),
    /// `otherwise`
    Otherwise,
    /// `rest`: a synonym of `otherwise`
    Rest,
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
