use crate::grammar::Grammar;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// `heat_template_version` is not a version Heat knows.
    ///
    /// ## Why is this bad?
    /// Heat rejects the template. Accepted values are the dates 2013-05-23 …
    /// 2021-04-16 and the release names newton … wallaby (`icehouse` … `mitaka`
    /// are not accepted).
    ///
    /// ## Example
    /// ```yaml
    /// heat_template_version: 2019-01-01
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// heat_template_version: 2018-08-31
    /// ```
    pub static UNKNOWN_VERSION = ("H103", "unknown-version", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_some() {
        return;
    }
    let Some(entry) = cx.template.version_entry else {
        return;
    };
    let Some(value) = entry.value.as_str() else {
        return;
    };
    let grammar = Grammar::builtin();
    let accepted = grammar.accepted_values().join(", ");
    let d = sink.report(
        &UNKNOWN_VERSION,
        entry.value.span,
        format!("unknown template version \"{value}\"; it should be one of: {accepted}"),
    );
    if let Some(near) = crate::rules::nearest(value, grammar.accepted_values().iter().copied()) {
        d.help(format!("did you mean `{near}`?"));
    }
}
