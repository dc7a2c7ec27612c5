//! Glob patterns for `hotc.toml` (`include`, `exclude`, `[[overrides]] paths`),
//! matched against paths relative to the folder of `hotc.toml`, with `/` as
//! the separator:
//!
//! - `*` any characters but `/`; `?` one character but `/`;
//! - `**` as a whole segment: any number of folders (`a/**/b.yaml`, `**/x`);
//! - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`): one character of (not of) a class;
//! - a pattern without `/` matches a file or folder name at any depth
//!   (`*.j2.yaml`, `vendor`); a pattern with `/` is anchored at the folder of
//!   `hotc.toml` (a leading `/` is allowed and changes nothing);
//! - a pattern that matches a folder matches everything under it.
//!
//! Written here rather than taken from a crate: these few rules are all hotc
//! needs, and they are small enough to test completely.

use std::path::{Component, Path};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    text: String,
    segments: Vec<Segment>,
    /// Holds a `/`: matched from the root, else against any one name.
    anchored: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// `**`: zero or more names.
    AnyDepth,
    Name(Vec<Token>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `*`
    Any,
    /// `?`
    One,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let trimmed = pattern.trim_end_matches('/');
        let body = trimmed.trim_start_matches('/');
        if body.is_empty() {
            return Err(format!("`{pattern}` is not a glob pattern"));
        }
        let anchored = body.contains('/') || trimmed.starts_with('/');
        let mut segments = Vec::new();
        for part in body.split('/') {
            if part == "**" {
                if segments.last() != Some(&Segment::AnyDepth) {
                    segments.push(Segment::AnyDepth);
                }
                continue;
            }
            if part.is_empty() {
                continue;
            }
            segments.push(Segment::Name(
                parse_name(part).map_err(|e| format!("`{pattern}`: {e}"))?,
            ));
        }
        Ok(Glob {
            text: pattern.to_string(),
            segments,
            anchored,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the whole relative path `names` (no `.` or `..`) matches.
    fn matches_names(&self, names: &[&str]) -> bool {
        if self.anchored {
            match_segments(&self.segments, names)
        } else {
            // One name (possibly `**` around it: `**` alone matches anything).
            names.len() == 1 && match_segments(&self.segments, names)
                || self.segments == [Segment::AnyDepth]
        }
    }

    /// Whether a relative path, or one of the folders it is in, matches.
    pub fn matches(&self, relative: &Path) -> bool {
        let names: Vec<&str> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(n) => n.to_str(),
                _ => None,
            })
            .collect();
        if names.is_empty() {
            return false;
        }
        if self.anchored {
            (1..=names.len()).any(|n| self.matches_names(&names[..n]))
        } else {
            names.iter().any(|n| self.matches_names(&[n]))
        }
    }
}

impl std::fmt::Display for Glob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

fn parse_name(part: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = part.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => {
                if tokens.last() != Some(&Token::Any) {
                    tokens.push(Token::Any);
                }
            }
            '?' => tokens.push(Token::One),
            '[' => {
                let mut j = i + 1;
                let negated = matches!(chars.get(j), Some('!' | '^'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                loop {
                    let Some(&c) = chars.get(j) else {
                        return Err("a `[` without its `]`".into());
                    };
                    if c == ']' && !first {
                        break;
                    }
                    first = false;
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|&e| e != ']')
                    {
                        let end = chars[j + 2];
                        if end < c {
                            return Err(format!("the range `{c}-{end}` is reversed"));
                        }
                        ranges.push((c, end));
                        j += 3;
                    } else {
                        ranges.push((c, c));
                        j += 1;
                    }
                }
                tokens.push(Token::Class { negated, ranges });
                i = j;
            }
            c => tokens.push(Token::Char(c)),
        }
        i += 1;
    }
    Ok(tokens)
}

fn match_segments(segments: &[Segment], names: &[&str]) -> bool {
    match segments.split_first() {
        None => names.is_empty(),
        Some((Segment::AnyDepth, rest)) => {
            (0..=names.len()).any(|skip| match_segments(rest, &names[skip..]))
        }
        Some((Segment::Name(tokens), rest)) => match names.split_first() {
            Some((name, others)) => {
                let chars: Vec<char> = name.chars().collect();
                match_tokens(tokens, &chars) && match_segments(rest, others)
            }
            None => false,
        },
    }
}

fn match_tokens(tokens: &[Token], chars: &[char]) -> bool {
    // Iterative wildcard matching with one backtrack point per `*`.
    let (mut t, mut c) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while c < chars.len() {
        match tokens.get(t) {
            Some(Token::Any) => {
                star = Some((t, c));
                t += 1;
                continue;
            }
            Some(token) if single(token, chars[c]) => {
                t += 1;
                c += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((st, sc)) => {
                t = st + 1;
                c = sc + 1;
                star = Some((st, sc + 1));
            }
            None => return false,
        }
    }
    tokens[t..].iter().all(|tok| *tok == Token::Any)
}

fn single(token: &Token, ch: char) -> bool {
    match token {
        Token::Char(c) => *c == ch,
        Token::One => true,
        Token::Class { negated, ranges } => {
            ranges.iter().any(|(a, b)| (*a..=*b).contains(&ch)) != *negated
        }
        Token::Any => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(Path::new(path))
    }

    #[test]
    fn stars_and_question_marks_stay_in_one_name() {
        assert!(m("*.yaml", "a.yaml"));
        assert!(
            m("*.yaml", "deep/in/a.yaml"),
            "a name pattern matches at any depth"
        );
        assert!(!m("*.yaml", "a.yml"));
        assert!(m("templates/*.yaml", "templates/a.yaml"));
        assert!(!m("templates/*.yaml", "templates/sub/a.yaml"));
        assert!(!m("templates/*.yaml", "other/templates/a.yaml"), "anchored");
        assert!(m("a?.yaml", "ab.yaml"));
        assert!(!m("a?.yaml", "a.yaml"));
        assert!(m("*a*b*", "xxaxxbxx"));
        assert!(!m("*a*b*", "xxbxxaxx"));
    }

    #[test]
    fn double_stars_cross_folders() {
        assert!(m("templates/**/*.yaml", "templates/a.yaml"));
        assert!(m("templates/**/*.yaml", "templates/x/y/a.yaml"));
        assert!(!m("templates/**/*.yaml", "other/a.yaml"));
        assert!(m("**/fragments/*.yaml", "fragments/a.yaml"));
        assert!(m("**/fragments/*.yaml", "x/y/fragments/a.yaml"));
        assert!(m("**", "anything/at/all.yaml"));
        assert!(m("/vendor/**", "vendor/a/b.yaml"));
    }

    #[test]
    fn a_matching_folder_matches_what_it_holds() {
        assert!(m("vendor", "vendor/a.yaml"));
        assert!(m("vendor", "x/vendor/a.yaml"));
        assert!(m("build/", "build/out/a.yaml"));
        assert!(m("tests/fixtures", "tests/fixtures/rules/a.yaml"));
        assert!(!m("tests/fixtures", "tests/fixture/a.yaml"));
    }

    #[test]
    fn character_classes() {
        assert!(m("env-[abc].yaml", "env-b.yaml"));
        assert!(!m("env-[abc].yaml", "env-d.yaml"));
        assert!(m("v[0-9].yaml", "v7.yaml"));
        assert!(!m("v[!0-9].yaml", "v7.yaml"));
        assert!(m("v[^0-9].yaml", "vx.yaml"));
        assert!(m("[]]", "]"), "a leading ] is a member");
        assert!(Glob::new("a[bc").is_err());
        assert!(Glob::new("[z-a]").is_err());
        assert!(Glob::new("").is_err());
    }
}
