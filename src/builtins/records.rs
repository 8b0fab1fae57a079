//! Aggregates over records (see `check::records` and `engine::records`).

/// Aggregates over the records of a record input: one value per region, from the
/// region's records (those a `where` keeps). A region without records counts 0 and sums
/// 0; its mean, median, smallest, largest and quantile are missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAggregate {
    /// `count(R)`, `count(R where P)`: how many records.
    Count,
    /// `share(R where P)`: the records that P keeps, of all the region's records
    /// (missing for a region without records).
    Share,
    /// `sum(R.x)`: the sum of x over the records.
    Sum,
    /// `mean(R.x)`: the mean of the values present.
    Mean,
    /// `median(R.x)`: the median of the values present.
    Median,
    /// `min(R.x)`: the smallest value.
    Min,
    /// `max(R.x)`: the largest value.
    Max,
    /// `count_distinct(R.x)`: how many different values x takes (missing ones not
    /// counted).
    CountDistinct,
    /// `quantile(R.x, q)`: the q quantile, interpolated linearly.
    Quantile,
}

impl RecordAggregate {
    /// Every aggregate over records, by the name it is called by.
    pub const ALL: &'static [(&'static str, RecordAggregate)] = &[
        ("count", RecordAggregate::Count),
        ("share", RecordAggregate::Share),
        ("sum", RecordAggregate::Sum),
        ("mean", RecordAggregate::Mean),
        ("median", RecordAggregate::Median),
        ("min", RecordAggregate::Min),
        ("max", RecordAggregate::Max),
        ("count_distinct", RecordAggregate::CountDistinct),
        ("quantile", RecordAggregate::Quantile),
    ];
    /// The aggregate called `name`.
    pub fn lookup(name: &str) -> Option<RecordAggregate> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
    }
    /// The name it is called by.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, a)| *a == self).unwrap().0
    }
    /// (least, most) arguments besides `where`.
    pub fn arity(self) -> (usize, usize) {
        match self {
            RecordAggregate::Quantile => (2, 2),
            _ => (1, 1),
        }
    }
    /// Whether it counts records (its argument is the record input itself).
    pub fn counts_records(self) -> bool {
        matches!(self, RecordAggregate::Count | RecordAggregate::Share)
    }
    /// Whether its name is also an element-wise function (`min(a, b)`).
    pub fn is_also_elementwise(self) -> bool {
        matches!(self, RecordAggregate::Min | RecordAggregate::Max)
    }
    /// Its value for a region without records: 0 for counts and sums, else missing.
    pub fn when_empty(self) -> Option<f64> {
        match self {
            RecordAggregate::Count | RecordAggregate::Sum | RecordAggregate::CountDistinct => {
                Some(0.0)
            }
            _ => None,
        }
    }
    /// An example of its use, for help lines.
    pub fn example(self) -> &'static str {
        match self {
            RecordAggregate::Count => "count(messages where status == \"answered\")",
            RecordAggregate::Share => "share(messages where answer_days <= 30)",
            RecordAggregate::Sum => "sum(messages.answer_days)",
            RecordAggregate::Mean => "mean(messages.answer_days)",
            RecordAggregate::Median => "median(messages.answer_days)",
            RecordAggregate::Min => "min(messages.answer_days)",
            RecordAggregate::Max => "max(messages.answer_days)",
            RecordAggregate::CountDistinct => "count_distinct(messages.author)",
            RecordAggregate::Quantile => "quantile(messages.answer_days, 0.9)",
        }
    }
    /// The aggregate across regions of the same name, if any (`mean` → `mean_of`).
    pub fn across(self) -> Option<&'static str> {
        match self {
            RecordAggregate::Count => Some("count_of"),
            RecordAggregate::Share => Some("share_of"),
            RecordAggregate::Sum => Some("sum_of"),
            RecordAggregate::Mean => Some("mean_of"),
            RecordAggregate::Median => Some("median_of"),
            RecordAggregate::Min => Some("min_of"),
            RecordAggregate::Max => Some("max_of"),
            _ => None,
        }
    }
}
