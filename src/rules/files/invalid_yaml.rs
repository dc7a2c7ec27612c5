crate::declare_rule! {
    /// The file cannot be read as YAML (or JSON) the way Heat reads it.
    ///
    /// ## Why is this bad?
    /// Heat rejects the whole template with `Error parsing template ...` before it
    /// looks at anything else.
    ///
    /// hotc reads YAML as Heat's loader does (YAML 1.1, tabs after `key:`
    /// accepted, timestamps kept as strings), so it reports a syntax error only
    /// where Heat would. Text starting with `{` is read as JSON, as the client does.
    /// Tags Heat has no constructor for (`!Ref`, `!!python/tuple`) and merge
    /// keys of the wrong shape are reported here too.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   server: {type: OS::Nova::Server
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   server: {type: OS::Nova::Server}
    /// ```
    pub static INVALID_YAML = ("H001", "invalid-yaml", Error);
}
