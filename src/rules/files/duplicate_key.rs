crate::declare_rule! {
    /// The same key appears twice in one mapping.
    ///
    /// ## Why is this bad?
    /// Heat's loader silently keeps the last value, so the first definition is
    /// dead text that readers still believe in. Keys from a `<<` merge are meant
    /// to be overridden and are not reported.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   image: {type: string, default: fedora-coreos-38}
    ///   image: {type: string, default: fedora-coreos-40}
    /// ```
    ///
    /// ## Use instead
    /// Keep one definition.
    pub static DUPLICATE_KEY = ("H005", "duplicate-key", Warning);
}
