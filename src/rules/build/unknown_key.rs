crate::declare_rule! {
    /// A key of the build spec that hotc does not know.
    ///
    /// ## What it does
    /// Reports every mapping key of the spec that is not an option of its section.
    ///
    /// ## Why is this bad?
    /// A misspelt option would otherwise be ignored and its default used: a proxy
    /// that never reaches the nodes, NTP servers that are never configured.
    ///
    /// ## Example
    /// ```yaml
    /// proxy:
    ///   htp: http://proxy.example:3128
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proxy:
    ///   http: http://proxy.example:3128
    /// ```
    pub static UNKNOWN_KEY = ("B001", "spec-unknown-key", Error);
}
