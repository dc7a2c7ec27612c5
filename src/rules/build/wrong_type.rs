crate::declare_rule! {
    /// A build-spec option holds the wrong kind of value.
    ///
    /// ## What it does
    /// Checks that each option is a string, an integer, a boolean, a list or a
    /// mapping, as the option requires. YAML 1.1 rules apply, as for templates:
    /// `yes` and `off` are booleans, `010` is the integer 8.
    ///
    /// ## Why is this bad?
    /// The value would be turned into something the operator did not mean, or the
    /// generated driver would not work at all.
    ///
    /// ## Example
    /// ```yaml
    /// nodes:
    ///   worker:
    ///     count: two
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// nodes:
    ///   worker:
    ///     count: 2
    /// ```
    pub static WRONG_TYPE = ("B002", "spec-wrong-type", Error);
}
