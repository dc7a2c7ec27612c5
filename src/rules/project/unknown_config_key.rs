crate::declare_rule! {
    /// A key in `hotc.toml` that hotc does not know: a section, a setting or a
    /// rule code or name in `[rules]`.
    ///
    /// ## Why is this bad?
    /// hotc ignores it, so the setting it was meant to be has no effect: a
    /// misspelt `exlcude` checks the files it should leave out, a misspelt rule
    /// name in `[rules]` keeps the rule at its default level. It is a warning,
    /// not an error, so that a `hotc.toml` written for a later hotc still works.
    ///
    /// ## Example
    /// ```toml
    /// [check]
    /// exlcude = ["vendor"]
    ///
    /// [rules]
    /// unused-parameters = "off"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [check]
    /// exclude = ["vendor"]
    ///
    /// [rules]
    /// unused-parameter = "off"
    /// ```
    pub static UNKNOWN_CONFIG_KEY = ("H961", "unknown-config-key", Warning);
}
