use crate::hot::environment::SECTIONS;
use crate::rules::Sink;
use crate::syntax::Node;

crate::declare_rule! {
    /// An environment file with a section Heat does not know, an empty section, or
    /// a top level that is not a mapping.
    ///
    /// ## Why is this bad?
    /// The client and the API reject the environment: `environment has wrong
    /// section "foo"`; the API also rejects `environment has empty section "x"`,
    /// and a document that is not a mapping: `The environment is not a valid YAML
    /// mapping data type.` The sections are `parameters`, `parameter_defaults`,
    /// `resource_registry`, `encrypted_param_names`, `event_sinks` and
    /// `parameter_merge_strategies`.
    ///
    /// ## Example
    /// ```yaml
    /// parameter_default:
    ///   flavor: m1.small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameter_defaults:
    ///   flavor: m1.small
    /// ```
    pub static ENVIRONMENT_SECTION = ("H721", "environment-section", Error);
}

pub fn check(root: &Node, sink: &mut Sink) {
    let Some(entries) = root.as_map() else {
        sink.report(
            &ENVIRONMENT_SECTION,
            root.span,
            "the environment is not a valid YAML mapping",
        );
        return;
    };
    for e in entries {
        let key: &str = &e.key_text;
        if !SECTIONS.contains(&key) {
            let d = sink.report(
                &ENVIRONMENT_SECTION,
                e.key.span,
                format!("environment has wrong section \"{key}\""),
            );
            if let Some(near) = crate::rules::nearest(key, SECTIONS) {
                d.help(format!("did you mean `{near}`?"));
            }
        } else if e.value.is_null() {
            sink.report(
                &ENVIRONMENT_SECTION,
                e.key.span,
                format!("environment has empty section \"{key}\""),
            )
            .help("remove the section or give it a value");
        }
    }
}
