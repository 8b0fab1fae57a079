//! Numbers as regional offices write them.

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberError {
    /// Not a number (`двенадцать`, `12 шт.`).
    NotANumber,
    /// A number with no finite value (`NaN`, `inf`, `1e999`).
    NotFinite,
}

impl NumberError {
    /// What is wrong with the cell, after it in a message: "`x` is not a number".
    pub fn what(&self) -> String {
        crate::i18n::t(
            match self {
                NumberError::NotANumber => "cell-not-a-number",
                NumberError::NotFinite => "cell-not-finite",
            },
            &[],
        )
    }
}

/// Parse a cell: `Ok(None)` for a missing value.
///
/// Accepted: `1234.5`, `1234,5`, `1 234,5` (spaces, no-break spaces or `'` between
/// thousands), `1,234.5` and `1.234,5` (the last separator is the decimal one),
/// `12,5%` (0.125), `1e3`. Missing: empty, `-`, `—`, `–`, `н/д`, `нд`, `n/a`, `na`,
/// `нет данных`. `NaN`, `inf` and numbers beyond the range of f64 are refused.
pub fn parse_number(cell: &str) -> Result<Option<f64>, NumberError> {
    // The common case first: plain digits with a decimal point, as machines export them.
    // It takes the same decisions as the general path below, without its allocations.
    let b = cell.as_bytes();
    if let Some(v) = simple_decimal(b) {
        return Ok(Some(v));
    }
    if b.iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-'))
        && b.iter().any(|c| c.is_ascii_digit())
    {
        let v: f64 = cell.parse().map_err(|_| NumberError::NotANumber)?;
        return if v.is_finite() {
            Ok(Some(v))
        } else {
            Err(NumberError::NotFinite)
        };
    }
    parse_number_general(cell)
}

/// [`parse_number`] without its fast path (public for the test that the two agree).
#[doc(hidden)]
pub fn parse_number_general(cell: &str) -> Result<Option<f64>, NumberError> {
    let t = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lower = t.to_lowercase();
    if t.is_empty()
        || matches!(
            lower.as_str(),
            "-" | "—" | "–" | "н/д" | "нд" | "n/a" | "na" | "нет данных" | "x" | "х"
        )
    {
        return Ok(None);
    }
    if matches!(
        lower.trim_start_matches(['+', '-']),
        "nan" | "inf" | "infinity" | "∞"
    ) {
        return Err(NumberError::NotFinite);
    }
    let (body, percent) = match t.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (t, false),
    };
    let mut s: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    // Unicode minus
    s = s.replace('\u{2212}', "-");
    let (has_dot, has_comma) = (s.contains('.'), s.contains(','));
    if has_dot && has_comma {
        let last_dot = s.rfind('.').unwrap();
        let last_comma = s.rfind(',').unwrap();
        if last_comma > last_dot {
            s = s.replace('.', "").replace(',', ".");
        } else {
            s = s.replace(',', "");
        }
    } else if has_comma {
        if s.matches(',').count() > 1 {
            return Err(NumberError::NotANumber);
        }
        s = s.replace(',', ".");
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        || !s.chars().any(|c| c.is_ascii_digit())
    {
        return Err(NumberError::NotANumber);
    }
    let v: f64 = s.parse().map_err(|_| NumberError::NotANumber)?;
    if !v.is_finite() {
        return Err(NumberError::NotFinite);
    }
    Ok(Some(if percent { v / 100.0 } else { v }))
}

/// `-?digits(.digits)?` with at most 15 digits, as the exact quotient of two numbers that
/// f64 holds exactly (the integer of the digits, and a power of ten up to 10¹⁵): one
/// correctly rounded division, so the same number as the general parser gives.
fn simple_decimal(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut point: Option<usize> = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + (c - b'0') as u64;
                count += 1;
            }
            b'.' if point.is_none() && i > 0 && i + 1 < digits.len() => point = Some(i),
            _ => return None,
        }
    }
    if count > 15 {
        return None;
    }
    let decimals = point.map_or(0, |p| digits.len() - p - 1);
    let v = mantissa as f64 / POW10[decimals];
    Some(if negative { -v } else { v })
}
