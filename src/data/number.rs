//! Numbers as regional offices write them.

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberError {
    NotANumber,
    NotFinite,
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
