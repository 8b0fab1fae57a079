//! Numbers as text: exact for machines (the shortest decimal that reads back to the
//! same f64), rounded for people (six decimals at most), and the small phrases that
//! carry them (`+3`, `1 place`, `21 points`).

/// A number for machines (CSV, JSON): the shortest decimal that reads back to the same
/// f64 — `0.1`, `0.000993421`, `801.5`, `80` — in exponent form only beyond 10¹⁶ or below
/// 10⁻⁵ (`1e-7`, `2.5e20`); no `-0`.
pub fn write_exact(out: &mut String, x: f64) {
    if x == 0.0 {
        out.push('0');
        return;
    }
    let mut b = ryu::Buffer::new();
    let s = b.format(x);
    out.push_str(s.strip_suffix(".0").unwrap_or(s));
}

/// [`write_exact`] as a string.
pub fn fmt_exact(x: f64) -> String {
    let mut s = String::new();
    write_exact(&mut s, x);
    s
}

/// A number as shown to people: at most 6 decimals, no trailing zeros, no `-0`.
pub fn fmt_num(x: f64) -> String {
    let mut s = String::new();
    write_num(&mut s, x);
    s
}

/// [`fmt_num`] into a buffer.
pub fn write_num(out: &mut String, x: f64) {
    let n = (x * 1e6).round();
    // Below 4·10¹⁵ millionths, the f64 nearest n/10⁶ printed with 6 decimals gives n's
    // digits back: print them straight from the integer.
    if n.abs() < 4e15 {
        let n = n as i64;
        if n < 0 {
            out.push('-');
        }
        let (int, frac) = (n.unsigned_abs() / 1_000_000, n.unsigned_abs() % 1_000_000);
        let mut b = itoa::Buffer::new();
        out.push_str(b.format(int));
        if frac != 0 {
            let mut digits = [b'0'; 6];
            let mut f = frac;
            for d in digits.iter_mut().rev() {
                *d = b'0' + (f % 10) as u8;
                f /= 10;
            }
            let len = 6 - digits.iter().rev().take_while(|d| **d == b'0').count();
            out.push('.');
            out.push_str(std::str::from_utf8(&digits[..len]).unwrap_or_default());
        }
        return;
    }
    out.push_str(&fmt_num_general(x));
}

/// [`fmt_num`] by the general route (public for the test that the two agree).
#[doc(hidden)]
pub fn fmt_num_general(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// A value for people, empty when missing.
pub fn opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_default()
}

/// A place for people (`9`, `2.5` under `ties average`), empty when not ranked.
pub fn place_text(p: Option<f64>) -> String {
    opt(p)
}

/// A change with its sign: `+3`, `-1.5`, `0`.
pub fn signed(x: f64) -> String {
    let s = fmt_num(x);
    if x > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// `1 place`, `2 places`, `1.5 places`, `21 points`, `1 point`.
pub fn count(x: f64, one: &str, many: &str) -> String {
    format!("{} {}", fmt_num(x), if x.abs() == 1.0 { one } else { many })
}

/// `s` read as a number, when it is written as the CSV outputs write numbers (`-12.5`,
/// `3e-7`, `0.5`; never `01`, which is a code, nor `1.`, `inf` or `NaN`): how the Excel CSV
/// and the workbooks tell a number from a text.
#[cfg(feature = "engine")]
pub(crate) fn written_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    let first = i;
    if !digits(&mut i) {
        return None;
    }
    if i - first > 1 && b[first] == b'0' {
        return None; // a leading zero: a code
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}
