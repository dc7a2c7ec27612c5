//! What the project's configuration does to the diagnostics of a check, after
//! `check::run` and before the emitters and the exit code: rule levels from
//! `[rules]` and `[[overrides]]` (dropping the rules set to "off"), then the
//! baseline, then the per-file cap. The command line and the language server
//! use it alike.
//!
//! A configured level replaces a rule's default severity. Where hotc already
//! lowered a diagnostic below its rule's default (a mistake in code that is not
//! live with the effective parameter values is a warning, not an error), a
//! configured level can lower it further but never raise it: hotc never reports
//! an error on a tree Heat accepts.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::baseline::Baseline;
use crate::config::{Config, Level, Override, RuleLevels};
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::project::TOO_MANY_DIAGNOSTICS;
use crate::source::SourceMap;

#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// The folder `[[overrides]] paths` are relative to.
    pub root: PathBuf,
    pub rules: RuleLevels,
    pub overrides: Vec<Override>,
    pub baseline: Option<Baseline>,
    /// At most this many diagnostics per file (0: no limit).
    pub max_per_file: usize,
}

impl Policy {
    /// The policy of a project file (or hotc's defaults without one).
    pub fn from_config(config: Option<&Config>) -> Policy {
        match config {
            Some(c) => Policy {
                root: c.dir.clone(),
                rules: c.rules.clone(),
                overrides: c.overrides.clone(),
                baseline: None,
                max_per_file: c.max_diagnostics_per_file,
            },
            None => Policy {
                max_per_file: crate::config::DEFAULT_MAX_DIAGNOSTICS_PER_FILE,
                ..Policy::default()
            },
        }
    }
}

/// Levels, baseline and cap, in that order. `diagnostics` must be sorted
/// (`check::sort`); the result is too.
pub fn apply(
    policy: &Policy,
    diagnostics: Vec<Diagnostic>,
    sources: &SourceMap,
) -> Vec<Diagnostic> {
    let configured = configure(policy, diagnostics, sources);
    let remaining = match &policy.baseline {
        Some(b) => b.filter(configured, sources),
        None => configured,
    };
    cap(remaining, policy.max_per_file)
}

/// Applies rule levels: `[rules]`, then each matching override in order.
pub fn configure(
    policy: &Policy,
    diagnostics: Vec<Diagnostic>,
    sources: &SourceMap,
) -> Vec<Diagnostic> {
    if policy.rules.is_empty() && policy.overrides.is_empty() {
        return diagnostics;
    }
    let defaults: HashMap<&str, Severity> = crate::rules::all()
        .into_iter()
        .map(|r| (r.code, r.severity))
        .collect();
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            let path = &sources.get(d.file).path;
            let relative = path.strip_prefix(&policy.root).ok();
            let mut level: Option<Level> = policy.rules.get(d.code).copied();
            for o in &policy.overrides {
                let matches = relative.is_some_and(|r| o.paths.iter().any(|g| g.matches(r)));
                if matches {
                    if let Some(l) = o.rules.get(d.code) {
                        level = Some(*l);
                    }
                }
            }
            let Some(level) = level else {
                return Some(d);
            };
            let configured = level.severity()?;
            let default = defaults.get(d.code).copied().unwrap_or(d.severity);
            d.severity = if d.severity == default {
                configured
            } else {
                d.severity.min(configured)
            };
            Some(d)
        })
        .collect()
}

/// Budgets hit while reading a file: always shown, since they say that what
/// follows was not fully read.
fn always_shown(code: &str) -> bool {
    use crate::rules::files::{ALIAS_EXPANSION_LIMIT, NESTING_DEPTH_LIMIT};
    use crate::rules::template::TEMPLATE_SIZE;
    [
        ALIAS_EXPANSION_LIMIT.code,
        NESTING_DEPTH_LIMIT.code,
        TEMPLATE_SIZE.code,
    ]
    .contains(&code)
}

/// Keeps at most `max` diagnostics per file; the rest become one closing
/// diagnostic with their highest severity. `max == 0`: no limit. Budget
/// diagnostics are shown beyond the limit.
pub fn cap(diagnostics: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if max == 0 {
        return diagnostics;
    }
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len().min(max * 4));
    let mut hidden: Vec<Diagnostic> = Vec::new();
    let mut shown = 0;
    let mut current = None;
    let close = |out: &mut Vec<Diagnostic>, hidden: &mut Vec<Diagnostic>| {
        if let Some(first) = hidden.first() {
            out.push(closing(first, hidden, max));
        }
        hidden.clear();
    };
    for d in diagnostics {
        if current != Some(d.file) {
            close(&mut out, &mut hidden);
            current = Some(d.file);
            shown = 0;
        }
        if always_shown(d.code) {
            out.push(d);
        } else if shown < max {
            shown += 1;
            out.push(d);
        } else {
            hidden.push(d);
        }
    }
    close(&mut out, &mut hidden);
    out
}

fn closing(first: &Diagnostic, hidden: &[Diagnostic], max: usize) -> Diagnostic {
    let summary = crate::diagnostics::Summary::of(hidden);
    let mut parts = Vec::new();
    for (n, word) in [
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.infos, "info"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
        }
    }
    let severity = hidden
        .iter()
        .map(|d| d.severity)
        .max()
        .unwrap_or(Severity::Warning);
    Diagnostic {
        code: TOO_MANY_DIAGNOSTICS.code,
        rule: TOO_MANY_DIAGNOSTICS.name,
        severity,
        message: format!(
            "{} more diagnostic{} in this file {} not shown ({}): at most {max} are shown per file",
            hidden.len(),
            if hidden.len() == 1 { "" } else { "s" },
            if hidden.len() == 1 { "is" } else { "are" },
            parts.join(", ")
        ),
        file: first.file,
        span: crate::source::Span::empty(first.span.start as usize),
        related: Vec::new(),
        help: Some(
            "raise `[check] max_diagnostics_per_file` in hotc.toml or pass --max-diagnostics-per-file (0: no limit)"
                .into(),
        ),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile, Span};

    fn diagnostic(code: &'static str, severity: Severity, at: usize) -> Diagnostic {
        let rule = crate::rules::find(code).unwrap();
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity,
            message: format!("{code} at {at}"),
            file: FileId(0),
            span: Span::empty(at),
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    fn sources() -> SourceMap {
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new(
            "/p/legacy/t.yaml".into(),
            "legacy/t.yaml".into(),
            std::sync::Arc::from("x\n"),
        ));
        sources
    }

    #[test]
    fn levels_replace_defaults_but_never_raise_what_hotc_lowered() {
        let mut policy = Policy::default();
        policy.rules.insert("H401", Level::Error);
        policy.rules.insert("H901", Level::Error);
        policy.rules.insert("H105", Level::Off);
        let out = configure(
            &policy,
            vec![
                diagnostic("H105", Severity::Error, 0),
                // An H401 in code that is not live: hotc made it a warning.
                diagnostic("H401", Severity::Warning, 1),
                diagnostic("H901", Severity::Warning, 2),
            ],
            &sources(),
        );
        let got: Vec<(&str, Severity)> = out.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            got,
            [("H401", Severity::Warning), ("H901", Severity::Error)]
        );
    }

    #[test]
    fn later_overrides_win_for_their_paths() {
        let glob = |p: &str| crate::config::Glob::new(p).unwrap();
        let policy = Policy {
            root: "/p".into(),
            rules: RuleLevels::from([("H901", Level::Off)]),
            overrides: vec![
                Override {
                    paths: vec![glob("legacy")],
                    rules: RuleLevels::from([("H901", Level::Info)]),
                },
                Override {
                    paths: vec![glob("*.yaml")],
                    rules: RuleLevels::from([("H901", Level::Error)]),
                },
                Override {
                    paths: vec![glob("other/**")],
                    rules: RuleLevels::from([("H901", Level::Off)]),
                },
            ],
            ..Policy::default()
        };
        let out = configure(
            &policy,
            vec![diagnostic("H901", Severity::Warning, 0)],
            &sources(),
        );
        assert_eq!(out[0].severity, Severity::Error);
    }

    #[test]
    fn the_cap_closes_each_file_with_the_worst_it_hides() {
        let mut all: Vec<Diagnostic> = (0..4)
            .map(|i| diagnostic("H901", Severity::Warning, i))
            .collect();
        all.push(diagnostic("H401", Severity::Error, 9));
        let out = cap(all, 3);
        assert_eq!(out.len(), 4);
        assert_eq!(out[3].code, "H962");
        assert_eq!(out[3].severity, Severity::Error);
        assert_eq!(out[3].span, Span::empty(3));
        assert_eq!(cap(out.clone(), 0).len(), 4);
    }

    #[test]
    fn the_cap_never_hides_a_budget_that_was_hit() {
        let mut all: Vec<Diagnostic> = (0..4)
            .map(|i| diagnostic("H105", Severity::Error, i))
            .collect();
        all.push(diagnostic("H006", Severity::Error, 9));
        let out = cap(all, 2);
        let codes: Vec<_> = out.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["H105", "H105", "H006", "H962"]);
    }
}
