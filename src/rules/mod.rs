//! The rules. One rule per file under `rules/<area>/`; each file declares its
//! metadata with [`declare_rule!`] (its doc comment is its documentation) and
//! a `check` function. This module holds the registry and what rules share.

pub mod build;
pub mod catalog;
pub mod conditions;
pub mod context;
pub mod environment;
pub mod files;
pub mod functions;
pub mod graph;
pub mod lints;
pub mod nested;
pub mod outputs;
pub mod parameters;
pub mod project;
pub mod resources;
pub mod table;
pub mod template;
pub mod tree;

pub use context::{Context, Sink};

use crate::diagnostics::Severity;

/// What a rule is, independent of any file.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The doc comment: first paragraph is the summary, then sections.
    pub docs: &'static str,
}

impl RuleMeta {
    pub fn summary(&self) -> &'static str {
        self.docs.trim().split("\n\n").next().unwrap_or("").trim()
    }
}

/// Declares a rule's metadata; the doc comment becomes its documentation.
///
/// ```ignore
/// declare_rule! {
///     /// Summary line.
///     ///
///     /// ## Why
///     pub static UNKNOWN_SECTION = ("H105", "unknown-section", Error);
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis static $ident:ident = ($code:literal, $name:literal, $severity:ident);) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::diagnostics::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
        };
    };
}

/// A check over one template.
pub type TemplateCheck = fn(&Context, &mut Sink);

/// Every rule, in code order.
pub fn all() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    rules.extend(files::RULES);
    rules.extend(template::RULES);
    rules.extend(parameters::RULES);
    rules.extend(resources::RULES);
    rules.extend(catalog::RULES);
    rules.extend(conditions::RULES);
    rules.extend(functions::RULES);
    rules.extend(outputs::RULES);
    rules.extend(graph::RULES);
    rules.extend(lints::RULES);
    rules.extend(tree::RULES);
    rules.extend(nested::RULES);
    rules.extend(environment::RULES);
    rules.extend(build::RULES);
    rules.push(&crate::suppress::UNUSED_SUPPRESSION);
    rules.extend(project::RULES);
    rules.sort_by_key(|r| r.code);
    rules
}

/// Every check that runs on a HOT template.
pub fn template_checks() -> Vec<TemplateCheck> {
    let mut checks: Vec<TemplateCheck> = Vec::new();
    checks.extend(template::CHECKS);
    checks.extend(parameters::CHECKS);
    checks.extend(resources::CHECKS);
    checks.extend(catalog::CHECKS);
    checks.extend(conditions::CHECKS);
    checks.extend(functions::CHECKS);
    checks.extend(outputs::CHECKS);
    checks.extend(graph::CHECKS);
    checks.extend(lints::CHECKS);
    checks.extend(nested::CHECKS);
    checks
}

pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Edit distance (optimal string alignment: insertions, deletions,
/// substitutions and transpositions of neighbours), for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    if a.is_ascii() && b.is_ascii() {
        return restricted_distance(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    restricted_distance(&a, &b)
}

/// Optimal string alignment distance over three rolling rows (on the stack
/// for the short names compared here).
fn restricted_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    const ON_STACK: usize = 64;
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * ON_STACK];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if width <= ON_STACK {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev * width + j] + 1)
                .min(rows[cur * width + j - 1] + 1)
                .min(rows[prev * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[prev2 * width + j - 2] + 1);
            }
            rows[cur * width + j] = best;
        }
    }
    rows[(a.len() % 3) * width + b.len()]
}

/// The single closest candidate within a distance that makes a typo plausible.
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for c in candidates {
        let d = edit_distance(&word.to_lowercase(), &c.to_lowercase());
        if d > limit {
            continue;
        }
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, c)| c) }
}

/// Up to `limit` candidates within a distance that makes a typo plausible,
/// closest first (ties in candidate order). For help text listing a few names.
pub fn nearest_few<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    let max = (word.chars().count() / 3).clamp(1, 3);
    let word = word.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let d = edit_distance(&word, &c.to_lowercase());
            (d <= max).then_some((d, i, c))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(limit).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    /// The full-matrix definition the rolling rows must agree with.
    fn by_matrix(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("get_parm", "get_param"), 1);
        assert_eq!(edit_distance("get_prama", "get_param"), 2);
        assert_eq!(edit_distance("flavour", "flavor"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        let words = [
            "",
            "a",
            "image",
            "imgae",
            "flavor",
            "flavour",
            "get_attr",
            "get_atr",
            "str_replace",
            "list_join",
            "Ünïcode",
            "Unicode",
            "ñame",
            "name",
            &"x".repeat(70),
            &"xy".repeat(40),
        ];
        for a in words {
            for b in words {
                assert_eq!(edit_distance(a, b), by_matrix(a, b), "{a:?} {b:?}");
            }
        }
    }
}
