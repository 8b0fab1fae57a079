//! The report's charts, drawn as inline SVG.
//!
//! A small writer of our own rather than a plotting crate: the charts are bars, points
//! and lines whose geometry the browser tests check against the run's numbers (a bar's
//! length in proportion to its score, a region's point at its centre's coordinates), so
//! each mark carries the region's key and value as `data-` attributes and a `<title>`
//! that the browser shows on hover — with scripts off too. A crate such as plotters
//! would draw the same shapes through a backend that names none of them, and weigh more
//! than these two hundred lines.

use std::fmt::Write;

/// `s` escaped for SVG or HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length, to 0.01 of a pixel.
pub fn px(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

/// An SVG document being written: elements with escaped attributes and text.
pub struct Svg {
    out: String,
}

/// An attribute's value: text (escaped when written) or a number (as [`px`]).
pub enum A<'a> {
    T(&'a str),
    S(String),
    N(f64),
}

impl Svg {
    /// An `<svg>` of `w` × `h` user units that scales to its container's width, with
    /// an accessible `label` and a CSS `class`.
    pub fn new(w: f64, h: f64, class: &str, label: &str) -> Svg {
        let mut s = Svg { out: String::new() };
        let _ = write!(
            s.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="{}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">"#,
            escape(class),
            px(w),
            px(h),
            px(w),
            px(h),
            escape(label)
        );
        s
    }

    fn attrs(&mut self, attrs: &[(&str, A)]) {
        for (k, v) in attrs {
            let _ = match v {
                A::T(t) => write!(self.out, r#" {k}="{}""#, escape(t)),
                A::S(t) => write!(self.out, r#" {k}="{}""#, escape(t)),
                A::N(n) => write!(self.out, r#" {k}="{}""#, px(*n)),
            };
        }
    }

    /// `<tag …/>`, or `<tag …><title>hover</title></tag>` with a hover text.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, A)], hover: Option<&str>) {
        let _ = write!(self.out, "<{tag}");
        self.attrs(attrs);
        match hover {
            Some(h) => {
                let _ = write!(self.out, "><title>{}</title></{tag}>", escape(h));
            }
            None => self.out.push_str("/>"),
        }
    }

    /// `<text …>text</text>`.
    pub fn text(&mut self, attrs: &[(&str, A)], text: &str) {
        self.out.push_str("<text");
        self.attrs(attrs);
        let _ = write!(self.out, ">{}</text>", escape(text));
    }

    /// Open `<g …>`; [`Svg::close_group`] closes it.
    pub fn group(&mut self, attrs: &[(&str, A)]) {
        self.out.push_str("<g");
        self.attrs(attrs);
        self.out.push('>');
    }

    /// `</g>`.
    pub fn close_group(&mut self) {
        self.out.push_str("</g>");
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// One bar: a region's value.
pub struct Bar<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub value: f64,
    /// The value as shown beside the bar.
    pub shown: String,
    /// `#rrggbb`.
    pub colour: String,
    pub hover: String,
}

/// The width of the bars' area of [`bars`], in user units: a bar of value `max` is this
/// long.
pub const BAR_AREA: f64 = 520.0;
const BAR_LABEL: f64 = 230.0;

/// Horizontal bars, one a row, their lengths in proportion to the values on a scale from
/// 0 to `max` (a negative value draws no bar); `row` is the height of a row.
pub fn bars(items: &[Bar], max: f64, row: f64, class: &str, label: &str) -> String {
    let h = row * items.len() as f64 + 4.0;
    let w = BAR_LABEL + BAR_AREA + 70.0;
    let mut s = Svg::new(w, h, class, label);
    let scale = if max > 0.0 { BAR_AREA / max } else { 0.0 };
    let font = (row * 0.72).clamp(6.0, 12.0);
    for (i, b) in items.iter().enumerate() {
        let y = 2.0 + row * i as f64;
        let len = (b.value.max(0.0) * scale).min(BAR_AREA * 1.5);
        s.text(
            &[
                ("x", A::N(BAR_LABEL - 6.0)),
                ("y", A::N(y + row * 0.75)),
                ("text-anchor", A::T("end")),
                ("font-size", A::N(font)),
            ],
            b.label,
        );
        s.el(
            "rect",
            &[
                ("class", A::T("bar")),
                ("data-key", A::T(b.key)),
                ("data-value", A::S(exact(b.value))),
                ("x", A::N(BAR_LABEL)),
                ("y", A::N(y + row * 0.12)),
                ("width", A::N(len)),
                ("height", A::N(row * 0.76)),
                ("fill", A::T(&b.colour)),
            ],
            Some(&b.hover),
        );
        s.text(
            &[
                ("x", A::N(BAR_LABEL + len + 4.0)),
                ("y", A::N(y + row * 0.75)),
                ("font-size", A::N(font)),
            ],
            &b.shown,
        );
    }
    s.finish()
}

/// A number exactly, for a `data-` attribute the tests read back.
pub fn exact(x: f64) -> String {
    crate::report::number::fmt_exact(x)
}

/// A region's point on a chart.
pub struct Point<'a> {
    pub key: &'a str,
    pub colour: String,
    pub hover: String,
}

/// Map `v` from `[lo, hi]` onto `[a, b]`.
pub fn lerp(v: f64, lo: f64, hi: f64, a: f64, b: f64) -> f64 {
    if hi > lo {
        a + (v - lo) / (hi - lo) * (b - a)
    } else {
        (a + b) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'q'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
        let mut s = Svg::new(10.0, 10.0, "c", "a\"b");
        s.text(&[("x", A::N(1.005))], "<b>");
        let out = s.finish();
        assert!(out.contains(r#"aria-label="a&quot;b""#), "{out}");
        assert!(out.contains("&lt;b&gt;</text>"), "{out}");
    }

    #[test]
    fn bars_are_in_proportion_to_their_values() {
        let bar = |v: f64| Bar {
            key: "k",
            label: "l",
            value: v,
            shown: String::new(),
            colour: "#000000".into(),
            hover: String::new(),
        };
        let out = bars(
            &[bar(1000.0), bar(250.0), bar(-5.0)],
            1000.0,
            10.0,
            "b",
            "b",
        );
        assert!(out.contains(r#"width="520""#), "{out}");
        assert!(out.contains(r#"width="130""#), "{out}");
        assert!(
            out.contains(r#"data-value="-5" x="230" y="23.2" width="0""#),
            "{out}"
        );
    }
}
