use crate::hot::conditions::Finding;
use crate::hot::functions::{Context as FnContext, as_call};
use crate::hot::parameters::python_repr;
use crate::rules::{Context, Sink};
use crate::syntax::Value;

crate::declare_rule! {
    /// A condition definition that is not a boolean or a condition function, or
    /// that evaluates to something else than a boolean.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Condition validation error: The definition of
    /// condition "c2" is invalid: c1`. Another condition is referenced by name
    /// only inside `not`, `and` and `or` (`c2: {not: {not: c1}}`, or better, use
    /// `c1` where `c2` is used). A `get_param` of a string parameter used as a
    /// whole definition is refused when the condition is evaluated: only a
    /// `boolean` parameter works there.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   is_prod: {equals: [{get_param: env}, prod]}
    ///   create_backup: is_prod
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// conditions:
    ///   is_prod: {equals: [{get_param: env}, prod]}
    ///   create_backup: {and: [is_prod, true]}
    /// ```
    pub static CONDITION_DEFINITION = ("H501", "condition-definition", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for c in &cx.template.conditions {
        let def = c.def();
        let ok = match &def.value {
            Value::Bool(_) => true,
            Value::Map(_) => as_call(def, version, FnContext::Condition).is_some(),
            _ => false,
        };
        if ok {
            continue;
        }
        let d = sink.report(
            &CONDITION_DEFINITION,
            def.span,
            format!(
                "the definition of condition `{}` must be a boolean or a condition function, not {}",
                c.name,
                match &def.value {
                    Value::Map(m) if m.len() == 1 => format!("the plain map {}", python_repr(&def.to_json())),
                    _ => def.kind_name().to_string(),
                }
            ),
        );
        if let Value::Str(name) = &def.value {
            if cx.template.condition(name).is_some() {
                d.help(format!(
                    "to reuse condition `{name}`, write `{{and: [{name}, true]}}` or use `{name}` directly"
                ));
            }
        } else if let Value::Map(m) = &def.value {
            if m.len() == 1 {
                let names = version.condition_functions.join(", ");
                d.help(format!(
                    "the condition functions of this version are {names}"
                ));
            }
        }
    }
    for (finding, live) in super::findings(cx) {
        if let Finding::NotBoolean { name, value, span } = finding {
            sink.report_in(
                &CONDITION_DEFINITION,
                &live,
                span,
                format!(
                    "condition `{name}` evaluates to `{value}`, not a boolean: only a boolean parameter can be a whole definition"
                ),
            )
            .help("compare the value instead, e.g. `{equals: [{get_param: x}, \"true\"]}`, or make the parameter a boolean");
        }
    }
}
