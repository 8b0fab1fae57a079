//! Reporting periods: the methodology's scheme (`period quarterly cumulative`), a period
//! named on the command line (`2025-Q3`, `2025-07`, `2025`), and the days its records
//! cover. Polars-free: the checker, the command line and the engine share it.

use crate::data::records::{date_text, days_from_civil};

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// `monthly`: `2025-07`.
    Month,
    /// `quarterly`: `2025-Q3`.
    Quarter,
    /// `yearly`: `2025`.
    Year,
}

impl Every {
    /// The word the header writes.
    pub fn name(self) -> &'static str {
        match self {
            Every::Month => "monthly",
            Every::Quarter => "quarterly",
            Every::Year => "yearly",
        }
    }

    /// The scheme a header word names.
    pub fn lookup(word: &str) -> Option<Every> {
        match word {
            "monthly" => Some(Every::Month),
            "quarterly" => Some(Every::Quarter),
            "yearly" => Some(Every::Year),
            _ => None,
        }
    }

    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::Year => 12,
        }
    }

    /// How a period of this scheme is written, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Every::Month => "2025-07",
            Every::Quarter => "2025-Q3",
            Every::Year => "2025",
        }
    }
}

/// The methodology's periods: how long, and whether each counts from 1 January.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// How long a period is.
    pub every: Every,
    /// Whether a period's records run from 1 January of its year (the ПОС rating's
    /// quarters are cumulative: Q3 is January to September).
    pub cumulative: bool,
}

/// One period of a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Its scheme.
    pub scheme: Scheme,
    /// Its year.
    pub year: i32,
    /// Its number within the year: the month (1–12), the quarter (1–4), or 1.
    pub index: u32,
}

impl Period {
    /// The period written `text` in `scheme` (`2025-Q3`, `2025-07`, `2025`); `Err` says
    /// how it should be written.
    pub fn parse(text: &str, scheme: Scheme) -> Result<Period, String> {
        let t = text.trim();
        let bad = || {
            crate::i18n::t(
                match scheme.every {
                    Every::Year => "period-not-yearly",
                    Every::Quarter => "period-not-quarterly",
                    Every::Month => "period-not-monthly",
                },
                &[
                    ("text", t.into()),
                    ("example", scheme.every.example().into()),
                ],
            )
        };
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .filter(|y| *y >= 1)
        };
        let (y, index) = match scheme.every {
            Every::Year => (year(t).ok_or_else(bad)?, 1),
            Every::Quarter => {
                let (y, q) = t.split_once(['-', ' ']).ok_or_else(bad)?;
                let q = q.trim().trim_start_matches(['Q', 'q', 'К', 'к']);
                let q: u32 = q
                    .parse()
                    .ok()
                    .filter(|q| (1..=4).contains(q))
                    .ok_or_else(bad)?;
                (year(y).ok_or_else(bad)?, q)
            }
            Every::Month => {
                let (y, m) = t.split_once('-').ok_or_else(bad)?;
                if m.len() != 2 {
                    return Err(bad());
                }
                let m: u32 = m
                    .parse()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                (year(y).ok_or_else(bad)?, m)
            }
        };
        Ok(Period {
            scheme,
            year: y,
            index,
        })
    }

    /// The period of `scheme` that holds the day `day` (days since 1970-01-01).
    pub fn containing(day: i32, scheme: Scheme) -> Period {
        // (`20251-11-15`: a year of any length, read from the end)
        let text = date_text(day);
        let mut parts = text.rsplitn(3, '-');
        let (_, month, year) = (parts.next(), parts.next(), parts.next());
        let year: i32 = year.and_then(|y| y.parse().ok()).unwrap_or(1970);
        let month: u32 = month.and_then(|m| m.parse().ok()).unwrap_or(1);
        let index = match scheme.every {
            Every::Month => month,
            Every::Quarter => (month - 1) / 3 + 1,
            Every::Year => 1,
        };
        Period {
            scheme,
            year,
            index,
        }
    }

    /// The first and last day (days since 1970-01-01) of its own span.
    fn span(&self) -> (i32, i32) {
        let months = self.scheme.every.months();
        let first_month = (self.index - 1) * months + 1;
        let start = days_from_civil(i64::from(self.year), first_month, 1) as i32;
        let (ny, nm) = if first_month + months > 12 {
            (self.year + 1, first_month + months - 12)
        } else {
            (self.year, first_month + months)
        };
        let next = days_from_civil(i64::from(ny), nm, 1) as i32;
        (start, next - 1)
    }

    /// The days its records are dated within: its own span, from 1 January when the
    /// scheme is cumulative.
    pub fn window(&self) -> (i32, i32) {
        let (start, end) = self.span();
        if self.scheme.cumulative {
            (days_from_civil(i64::from(self.year), 1, 1) as i32, end)
        } else {
            (start, end)
        }
    }

    /// The period before it.
    pub fn previous(&self) -> Period {
        let per_year = 12 / self.scheme.every.months();
        let (year, index) = if self.index == 1 {
            (self.year - 1, per_year)
        } else {
            (self.year, self.index - 1)
        };
        Period {
            scheme: self.scheme,
            year,
            index,
        }
    }

    /// The period after it.
    pub fn next(&self) -> Period {
        let per_year = 12 / self.scheme.every.months();
        let (year, index) = if self.index == per_year {
            (self.year + 1, 1)
        } else {
            (self.year, self.index + 1)
        };
        Period {
            scheme: self.scheme,
            year,
            index,
        }
    }

    /// The window as text: `2025-01-01 … 2025-09-30`.
    pub fn window_text(&self) -> String {
        let (a, b) = self.window();
        format!("{} … {}", date_text(a), date_text(b))
    }

    /// The most periods a panel takes (a hundred years of months).
    pub const MAX_PANEL: usize = 1200;

    /// The periods from `self` to `last`, both included (empty when `last` comes first);
    /// `None` where they are more than [`Period::MAX_PANEL`].
    pub fn through(&self, last: &Period) -> Option<Vec<Period>> {
        let mut out = Vec::new();
        let mut p = *self;
        while (p.year, p.index) <= (last.year, last.index) {
            if out.len() == Self::MAX_PANEL {
                return None;
            }
            out.push(p);
            p = p.next();
        }
        Some(out)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.scheme.every {
            Every::Year => write!(f, "{}", self.year),
            Every::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            Every::Month => write!(f, "{}-{:02}", self.year, self.index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: Scheme = Scheme {
        every: Every::Quarter,
        cumulative: true,
    };

    #[test]
    fn quarters_cumulative_from_january() {
        let p = Period::parse("2025-Q3", Q).unwrap();
        assert_eq!(p.window_text(), "2025-01-01 … 2025-09-30");
        assert_eq!(p.previous().to_string(), "2025-Q2");
        assert_eq!(
            Period::parse("2025-Q1", Q).unwrap().previous().to_string(),
            "2024-Q4"
        );
        let flow = Scheme {
            cumulative: false,
            ..Q
        };
        assert_eq!(
            Period::parse("2024-Q4", flow).unwrap().window_text(),
            "2024-10-01 … 2024-12-31"
        );
        assert!(Period::parse("2025-Q5", Q).is_err());
        assert!(Period::parse("2025-07", Q).is_err());
    }

    #[test]
    fn the_period_that_holds_a_day() {
        let day = |t: &str| crate::data::records::date_literal(t).unwrap();
        for (t, q) in [
            ("2025-01-01", "2025-Q1"),
            ("2025-03-31", "2025-Q1"),
            ("2025-04-01", "2025-Q2"),
            ("2025-12-31", "2025-Q4"),
            ("2024-02-29", "2024-Q1"),
        ] {
            assert_eq!(Period::containing(day(t), Q).to_string(), q, "{t}");
        }
        let month = Scheme {
            every: Every::Month,
            cumulative: false,
        };
        assert_eq!(
            Period::containing(day("2025-11-30"), month).to_string(),
            "2025-11"
        );
    }

    #[test]
    fn months_and_years() {
        let m = Scheme {
            every: Every::Month,
            cumulative: false,
        };
        let feb = Period::parse("2024-02", m).unwrap();
        assert_eq!(feb.window_text(), "2024-02-01 … 2024-02-29");
        assert_eq!(
            Period::parse("2024-12", m).unwrap().next().to_string(),
            "2025-01"
        );
        let y = Scheme {
            every: Every::Year,
            cumulative: false,
        };
        assert_eq!(
            Period::parse("2025", y).unwrap().window_text(),
            "2025-01-01 … 2025-12-31"
        );
        let a = Period::parse("2025-Q1", Q).unwrap();
        let b = Period::parse("2025-Q4", Q).unwrap();
        assert_eq!(a.through(&b).map(|v| v.len()), Some(4));
        // a panel of more than a hundred years of months is refused, never cut short
        let m = Scheme {
            every: Every::Month,
            cumulative: false,
        };
        let first = Period::parse("1900-01", m).unwrap();
        assert_eq!(
            first
                .through(&Period::parse("1999-12", m).unwrap())
                .map(|v| v.len()),
            Some(1200)
        );
        assert_eq!(first.through(&Period::parse("2025-12", m).unwrap()), None);
    }
}
