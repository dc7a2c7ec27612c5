use serde_json::Value as Json;

use crate::hot::parameters::{ParamType, coerce, python_str};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A parameter default that does not fit the parameter's type under Heat's
    /// coercion rules.
    ///
    /// ## Why is this bad?
    /// When the default is the value the stack is created with, Heat refuses it
    /// before creating anything: `Parameter 'a' is invalid: could not convert
    /// string to float: 'abc'`. A `comma_delimited_list` default that is neither
    /// a string nor a list is refused even by `template validate`. When a value
    /// is given for the parameter the default is not used, and the finding is a
    /// warning: it bites the day the value is left out.
    ///
    /// Heat's coercions: a number accepts numbers, booleans and strings that
    /// Python's `int()` or `float()` reads (`"42"`, `" 4.5 "`, `"1e3"`; not
    /// `"0x10"`); a boolean accepts `true`/`false` and the strings or numbers
    /// `1 t true on y yes` / `0 f false off n no` in any case; json accepts any
    /// value and parses strings as JSON; comma_delimited_list accepts a string
    /// (split on commas) or a list.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   port:
    ///     type: number
    ///     default: eighty
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   port:
    ///     type: number
    ///     default: 80
    /// ```
    pub static DEFAULT_TYPE = ("H206", "default-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        let (Some(ty), Some(default)) = (p.ty, p.default) else {
            continue;
        };
        if default.is_null() {
            continue;
        }
        let raw = default.to_json();
        // Heat splits a list default before anything else, in every mode.
        let always =
            ty == ParamType::CommaDelimitedList && !matches!(raw, Json::String(_) | Json::Array(_));
        let Err(reason) = coerce(ty, &raw) else {
            continue;
        };
        let given = cx.inputs.supplied.contains_key(p.name())
            || cx.inputs.parameter_defaults.contains_key(p.name())
            || cx.inputs.supplied_unknown.iter().any(|n| n == p.name());
        let effective = !given;
        let message = format!(
            "the default of parameter `{}` is not a valid {}: {reason}",
            p.name(),
            ty.name()
        );
        let d = if always || effective {
            sink.report(&DEFAULT_TYPE, default.span, message)
        } else {
            let d = sink.report(&DEFAULT_TYPE, default.span, format!(
                "{message} (not live: a value is given for the parameter, so Heat does not read the default)"
            ));
            d.severity = crate::diagnostics::Severity::Warning;
            d
        };
        if ty == ParamType::Number {
            if let Json::String(s) = &raw {
                if s.trim().starts_with("0x") || s.trim().starts_with("0o") {
                    d.help("Heat reads numbers in decimal only");
                    continue;
                }
            }
        }
        if matches!(ty, ParamType::String | ParamType::Json) {
            continue;
        }
        d.help(format!(
            "Heat would read `{}`; {}",
            python_str(&raw),
            match ty {
                ParamType::Number => "write a number",
                ParamType::Boolean => "write true or false",
                _ => "write a comma-separated string or a list",
            }
        ));
    }
}
