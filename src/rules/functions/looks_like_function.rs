use crate::diagnostics::Fix;
use crate::grammar::Grammar;
use crate::hot::functions::{Context as FnContext, as_call};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink, edit_distance};
use crate::syntax::Node;

crate::declare_rule! {
    /// A mapping with one key that looks like a function call but that Heat
    /// keeps as plain data: a misspelt function (`get_parm`), a function of a
    /// later template version (`if` before 2016-10-14), a condition function
    /// outside a condition (`equals` in properties), a CloudFormation function
    /// HOT does not have (`Fn::GetAtt`, `Fn::If`), or a function in a place
    /// Heat never evaluates (a parameter default).
    ///
    /// ## Why is this bad?
    /// Heat says nothing: the map is passed on as it is, and the resource gets a
    /// property value like `{"get_parm": "image"}` — at best a type error at
    /// stack create, at worst a silently wrong value.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   image: {get_parm: image}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// properties:
    ///   image: {get_param: image}
    /// ```
    pub static LOOKS_LIKE_FUNCTION = ("H406", "looks-like-function", Warning);
}

/// CloudFormation functions that are not HOT functions in any version.
const CFN_ONLY: [&str; 9] = [
    "Fn::GetAtt",
    "Fn::If",
    "Fn::FindInMap",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Fn::Sub",
    "Fn::ImportValue",
];

/// Whether `name` is a function, in or out of conditions, in any version: most
/// one-key maps are data, and this spares them the search through versions.
fn is_function_of_some_version(name: &str) -> bool {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            Grammar::builtin()
                .versions
                .iter()
                .flat_map(|v| {
                    v.functions
                        .iter()
                        .map(|f| f.name.as_str())
                        .chain(v.condition_functions.iter().map(String::as_str))
                })
                .collect()
        })
        .contains(name)
}

/// What a one-key map that Heat keeps as data was probably meant to be: the
/// message, a help, and the function name to write instead when that is certain.
fn diagnose(
    key: &str,
    context: FnContext,
    version: &'static crate::grammar::VersionSpec,
) -> Option<(String, Option<String>, Option<&'static str>)> {
    let grammar = Grammar::builtin();
    if CFN_ONLY.contains(&key) {
        let hot = match key {
            "Fn::GetAtt" => Some("get_attr"),
            "Fn::If" => Some("if"),
            "Fn::Equals" => Some("equals (in a condition)"),
            "Fn::And" => Some("and (in a condition)"),
            "Fn::Or" => Some("or (in a condition)"),
            "Fn::Not" => Some("not (in a condition)"),
            "Fn::Sub" => Some("str_replace"),
            _ => None,
        };
        return Some((
            format!(
                "`{key}` is a CloudFormation function, not a HOT one: Heat keeps this map as data"
            ),
            hot.map(|h| format!("use {h}")),
            None,
        ));
    }
    if context == FnContext::Normal
        && version.is_condition_function(key)
        && version.function(key).is_none()
    {
        return Some((
            format!("`{key}` is a function only in conditions: here Heat keeps this map as data"),
            Some("define a condition in the `conditions` section and use it with `if`".into()),
            None,
        ));
    }
    let later = is_function_of_some_version(key)
        .then(|| {
            grammar.versions.iter().find(|v| match context {
                FnContext::Normal => v.function(key).is_some(),
                FnContext::Condition => v.is_condition_function(key),
            })
        })
        .flatten();
    if let Some(later) = later {
        if later.date > version.date {
            return Some((
                format!(
                    "`{key}` is a function from heat_template_version {}; in {} Heat keeps this map as data",
                    later.date, version.date
                ),
                Some(format!(
                    "declare heat_template_version: {} or later",
                    later.date
                )),
                None,
            ));
        }
    }
    // A misspelt function name: close to one, and shaped like one.
    let names: Vec<&'static str> = match context {
        FnContext::Normal => version.functions.iter().map(|f| f.name.as_str()).collect(),
        FnContext::Condition => version
            .condition_functions
            .iter()
            .map(String::as_str)
            .collect(),
    };
    let shaped = key.contains('_') || key.contains("::") || key.starts_with("get");
    let mut best: Option<(usize, &'static str)> = None;
    let mut tie = false;
    for name in names {
        // Far apart in length: not a typo of this one.
        if key.len().abs_diff(name.len()) > 2 {
            continue;
        }
        let d = edit_distance(key, name);
        let close = d <= 1 || (d == 2 && shaped && key.len() >= 6);
        if !close {
            continue;
        }
        match best {
            Some((bd, _)) if d == bd => tie = true,
            Some((bd, _)) if d > bd => {}
            _ => {
                best = Some((d, name));
                tie = false;
            }
        }
    }
    best.map(|(_, name)| {
        (
            format!("`{key}` is not a function: Heat keeps this map as data"),
            Some(format!("did you mean `{name}`?")),
            // Only a single nearest name is a certain fix.
            (!tie).then_some(name),
        )
    })
}

struct Finder<'c> {
    sink: &'c mut Sink,
    version: &'static crate::grammar::VersionSpec,
    text: &'c str,
}

impl<'d> Visitor<'d> for Finder<'_> {
    fn plain_one_key_map(
        &mut self,
        node: &'d Node,
        context: FnContext,
        _site: &Site<'d>,
        live: &Liveness,
    ) {
        let Some(entry) = node.as_map().and_then(|m| m.first()) else {
            return;
        };
        if let Some((message, help, replacement)) = diagnose(&entry.key_text, context, self.version)
        {
            let d = self
                .sink
                .report_in(&LOOKS_LIKE_FUNCTION, live, entry.key.span, message);
            if let Some(help) = help {
                d.help(help);
            }
            if let Some(fix) = replacement.and_then(|r| Fix::rename(self.text, entry.key.span, r)) {
                d.fix(fix);
            }
        }
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    // Functions where Heat never evaluates them: parameter defaults.
    for p in &cx.template.parameter_defs {
        if let Some(default) = p.default {
            if let Some(call) = as_call(default, version, FnContext::Normal) {
                sink.report(
                    &LOOKS_LIKE_FUNCTION,
                    call.entry.key.span,
                    format!(
                        "Heat does not evaluate functions in parameter defaults: the default of `{}` is the map itself",
                        p.name()
                    ),
                )
                .help("give a literal default, or compute the value where the parameter is used");
            }
        }
    }
    let walker = cx.walker();
    let mut finder = Finder {
        sink,
        version,
        text: &cx.source.text,
    };
    walker.walk_template(&mut finder);
}
