crate::declare_rule! {
    /// The driver a build would generate does not pass `hotc check`.
    ///
    /// ## What it does
    /// Before anything is written, the generated tree is checked in memory with
    /// hotc's own rules, with no environment and with every list of environment
    /// files that Magnum can select. Any error or warning fails the build; the
    /// findings are shown, and nothing is written.
    ///
    /// ## Why is this bad?
    /// It means a blueprint or block of hotc is wrong for this spec. Please report
    /// it with the spec.
    pub static GENERATED_TREE_REJECTED = ("B008", "generated-tree-rejected", Error);
}
