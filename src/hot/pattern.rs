//! Python regular expressions (`allowed_pattern`) on the Rust regex engine.
//!
//! Heat tests a pattern with `re.match(pattern, value)` and requires the match
//! to end at the end of the value. The Rust engine matches leftmost-first like
//! Python's, so anchoring at the start and comparing the end of the first match
//! gives Heat's answer. Python syntax the Rust engine lacks (look-around,
//! back-references) cannot be checked: the caller reports that, never a failure.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

type Compiled = Result<Regex, String>;

fn cache() -> &'static Mutex<HashMap<String, Compiled>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Compiled>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Whether `pattern` matches the whole of `text` as Heat tests it; an error
/// says why hotc cannot tell.
pub fn whole_match(pattern: &str, text: &str) -> Result<bool, String> {
    let regex = compile(pattern)?;
    Ok(regex.find(text).is_some_and(|m| m.end() == text.len()))
}

/// Compiles (once) a Python pattern, anchored at the start.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    if let Ok(cache) = cache().lock() {
        if let Some(compiled) = cache.get(pattern) {
            return compiled.clone();
        }
    }
    let compiled = translate(pattern).and_then(|rust| {
        regex::RegexBuilder::new(&format!("\\A(?:{rust})"))
            .size_limit(1 << 22)
            .build()
            .map_err(|e| {
                let text = e.to_string();
                let last = text.lines().rev().find(|l| !l.trim().is_empty());
                last.unwrap_or("invalid pattern").trim().to_string()
            })
    });
    if let Ok(mut cache) = cache().lock() {
        cache.insert(pattern.to_string(), compiled.clone());
    }
    compiled
}

/// Rewrites Python-only spellings into the Rust engine's; refuses what it
/// cannot express.
fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    return Err("the pattern ends with a lone backslash".into());
                };
                match next {
                    '1'..='9' if !in_class => {
                        return Err("back-references are not supported by hotc".into());
                    }
                    'Z' => out.push_str("\\z"),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                i += 2;
                continue;
            }
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                out.push('[');
                // `]` or `^]` right after the opening bracket is a literal.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' | '-' if in_class && chars.get(i + 1) == Some(&c) => {
                out.push('\\');
                out.push(c);
            }
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(3).collect();
                if rest.starts_with('=')
                    || rest.starts_with('!')
                    || rest.starts_with("<=")
                    || rest.starts_with("<!")
                {
                    return Err("look-around assertions are not supported by hotc".into());
                }
                if rest.starts_with("P=") {
                    return Err("back-references are not supported by hotc".into());
                }
                if rest.starts_with('#') {
                    // A comment group: dropped.
                    match chars[i..].iter().position(|&x| x == ')') {
                        Some(end) => {
                            i += end + 1;
                            continue;
                        }
                        None => return Err("missing ), unterminated comment".into()),
                    }
                }
                out.push('(');
            }
            '{' if !in_class => {
                // A `{` that does not start a repetition is a literal in Python.
                let end = chars[i..].iter().position(|&x| x == '}');
                let inner: Option<String> = end.map(|e| chars[i + 1..i + e].iter().collect());
                match inner {
                    Some(inner) if is_repetition(&inner) => {
                        let inner = if let Some(rest) = inner.strip_prefix(',') {
                            format!("0,{rest}")
                        } else {
                            inner
                        };
                        out.push('{');
                        out.push_str(&inner);
                        out.push('}');
                        i += inner_len(&chars[i..]) + 1;
                        continue;
                    }
                    _ => out.push_str("\\{"),
                }
            }
            '}' if !in_class => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

fn is_repetition(inner: &str) -> bool {
    let (a, b) = match inner.split_once(',') {
        Some((a, b)) => (a, Some(b)),
        None => (inner, None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    match b {
        None => !a.is_empty() && digits(a),
        Some(b) => digits(a) && digits(b) && !(a.is_empty() && b.is_empty()),
    }
}

/// Length up to the closing `}` of a repetition starting at `chars[0] == '{'`.
fn inner_len(chars: &[char]) -> usize {
    chars.iter().position(|&c| c == '}').unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_heat_tests() {
        assert_eq!(whole_match("[a-z]+", "abc"), Ok(true));
        assert_eq!(whole_match("[a-z]+", "abc1"), Ok(false));
        // re.match takes the first alternative; its end is not the end.
        assert_eq!(whole_match("a|ab", "ab"), Ok(false));
        assert_eq!(whole_match("ab$", "ab\n"), Ok(false));
        assert_eq!(whole_match("x{,2}", "xx"), Ok(true));
        assert_eq!(whole_match("{a}", "{a}"), Ok(true));
        assert_eq!(whole_match("[[]", "["), Ok(true));
        assert_eq!(whole_match("[]a]+", "]a"), Ok(true));
        assert!(whole_match("(?=x)x", "x").is_err());
        assert!(whole_match("(a)\\1", "aa").is_err());
        assert!(whole_match("[", "x").is_err());
    }
}
