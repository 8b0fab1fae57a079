//! Warnings allowed in the file itself: `# metodika: allow W007` (the next line of code,
//! or the line it ends) and `# metodika: allow-file W007, W003` (the whole file). Errors
//! cannot be allowed: a methodology with an error does not run.

use super::Diagnostic;

/// What a file's comments allow: codes for the whole file, and codes by line (from 0).
#[derive(Debug, Default, PartialEq)]
pub struct Allowed {
    /// Allowed everywhere in the file.
    pub file: Vec<String>,
    /// Allowed on a line: (line from 0, codes).
    pub lines: Vec<(usize, Vec<String>)>,
}

/// The `# metodika: …` directive of a line, if it has one: the byte where the comment
/// starts (a `#` outside a string) and the directive's words.
fn directive(line: &str) -> Option<(usize, &str)> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => {
                let rest = line[i + 1..].trim_start();
                return rest.strip_prefix("metodika:").map(|d| (i, d.trim()));
            }
            _ => {}
        }
    }
    None
}

/// The codes a directive names (`W007, W003`), up to the first word that is not a code:
/// the rest is the reviewer's reason.
fn codes(words: &str) -> Vec<String> {
    let is_code = |w: &str| {
        w.len() == 4
            && w.as_bytes()[0].is_ascii_alphabetic()
            && w[1..].bytes().all(|b| b.is_ascii_digit())
    };
    words
        .split([',', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .take_while(|w| is_code(w))
        .map(str::to_uppercase)
        .collect()
}

/// Read the allowances of a file's text.
pub fn allowed(text: &str) -> Allowed {
    let mut out = Allowed::default();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let Some((at, words)) = directive(line) else {
            continue;
        };
        if let Some(list) = words.strip_prefix("allow-file") {
            out.file.extend(codes(list));
        } else if let Some(list) = words.strip_prefix("allow") {
            let list = codes(list);
            // after code: this line; alone on its line: the next line of code
            let target = if line[..at].trim().is_empty() {
                (n + 1..lines.len()).find(|&k| {
                    let l = lines[k].trim();
                    !l.is_empty() && !l.starts_with('#')
                })
            } else {
                Some(n)
            };
            if let Some(t) = target {
                out.lines.push((t, list.clone()));
            }
            out.lines.push((n, list));
        }
    }
    out
}

/// Drop the warnings of `diags` that `text` allows; errors stay.
pub fn drop_allowed(text: &str, diags: &mut Vec<Diagnostic>) {
    if !text.contains("metodika:") {
        return;
    }
    let a = allowed(text);
    let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count();
    diags.retain(|d| {
        if d.is_error() {
            return true;
        }
        let code = d.code.to_string();
        if a.file.contains(&code) {
            return false;
        }
        let Some(span) = d.span else { return true };
        // a warning over several lines (an item, a block) is allowed on any of them
        let (first, last) = (
            line_of(span.start),
            line_of(span.end.max(span.start + 1) - 1),
        );
        !a.lines
            .iter()
            .any(|(l, c)| (first..=last).contains(l) && c.contains(&code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_where_they_stand() {
        let text = "# metodika: allow-file W003 (no data yet)\nindicator a \"A\" { value = t.x }  # metodika: allow W007\n\n# metodika: allow W001, w002\n\n# a comment\nindicator b \"B # metodika: allow W009\" { value = t.y }\n";
        let a = allowed(text);
        assert_eq!(a.file, vec!["W003"]);
        // the end of line 1 allows line 1; the line alone (3) allows the next code line (6)
        assert!(a.lines.contains(&(1, vec!["W007".to_string()])));
        assert!(a
            .lines
            .contains(&(6, vec!["W001".to_string(), "W002".to_string()])));
        // inside a string it is no directive
        assert!(!a.lines.iter().any(|(_, c)| c.contains(&"W009".to_string())));
    }

    #[test]
    fn a_warning_over_several_lines_is_allowed_on_any_of_them() {
        let text = "indicator a \"A\" {\n  value = t.x\n  normalize zscore  # metodika: allow W007\n}\nindicator b \"B\" {\n  value = t.y\n}\n";
        let span = |from: &str, to: &str| {
            let (a, b) = (text.find(from).unwrap(), text.find(to).unwrap() + to.len());
            super::super::Span::new(a, b)
        };
        let mut diags = vec![
            // the whole of `a`: lines 0–3, the allowance on line 2
            Diagnostic::warning("W007", "a").at(span("indicator a", "}\n"), ""),
            // the whole of `b`: lines 4–6, no allowance there
            Diagnostic::warning("W007", "b").at(span("indicator b", "t.y\n}"), ""),
            // a span that ends at the start of line 2 covers lines 0–1 only
            Diagnostic::warning("W007", "c").at(span("indicator a", "t.x\n"), ""),
        ];
        drop_allowed(text, &mut diags);
        let left: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(left, ["b", "c"]);
    }

    #[test]
    fn errors_are_never_allowed() {
        let text = "x  # metodika: allow E102, W007\n";
        let mut diags = vec![
            Diagnostic::error("E102", "e").at(super::super::Span::new(0, 1), ""),
            Diagnostic::warning("W007", "w").at(super::super::Span::new(0, 1), ""),
        ];
        drop_allowed(text, &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "E102");
    }
}
