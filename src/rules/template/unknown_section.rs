use crate::diagnostics::Fix;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A top-level key that is not a section of the template's version.
    ///
    /// ## Why is this bad?
    /// Heat rejects the template: `The template section is invalid: <key>`. This
    /// catches misspellings (`resource:`), CloudFormation names (`Resources`) and
    /// sections from a later version (`conditions` before 2016-10-14).
    ///
    /// ## Example
    /// ```yaml
    /// heat_template_version: 2016-04-08
    /// conditions:
    ///   is_prod: {equals: [{get_param: env}, prod]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// heat_template_version: 2016-10-14
    /// ```
    pub static UNKNOWN_SECTION = ("H105", "unknown-section", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    let Some(entries) = cx.template.root.as_map() else {
        return;
    };
    for entry in entries {
        let key: &str = &entry.key_text;
        if version.has_section(key) || key == "__undefined__" {
            continue;
        }
        let grammar = crate::grammar::Grammar::builtin();
        let later = grammar
            .versions
            .iter()
            .find(|v| v.has_section(key))
            .map(|v| v.date.clone());
        let d = sink.report(
            &UNKNOWN_SECTION,
            entry.key.span,
            format!("`{key}` is not a section of a {} template", version.date),
        );
        if let Some(later) = later {
            d.help(format!("`{key}` exists from heat_template_version {later}"));
        } else if let Some(near) =
            crate::rules::nearest(key, version.sections.iter().map(String::as_str))
        {
            d.help(format!("did you mean `{near}`?"));
            // Renaming onto a section that is already there would hide it.
            if cx.template.root.entry(near).is_none() {
                if let Some(fix) = Fix::rename(&cx.source.text, entry.key.span, near) {
                    d.fix(fix);
                }
            }
        }
    }
}
