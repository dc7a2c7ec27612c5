crate::declare_rule! {
    /// The driver a build would generate does not pass `hotc check`.
    ///
    /// ## What it does
    /// Before anything is written, the generated tree is checked in memory with
    /// hotc's own rules, with no environment, with each environment file alone
    /// and with every list of environment files that Magnum can select. Any
    /// error or warning fails the build; the findings are shown after this
    /// diagnostic, at their place in the generated files, and nothing is written.
    ///
    /// ## How it guards the blueprint
    /// No spec can trigger it: every spec value is checked where it is read
    /// (B001 to B006) and encoded for the place it lands, so the templates a
    /// valid spec yields differ only in values that pass. What B008 catches is
    /// a mistake in hotc's own blueprint or blocks (a parameter a block reads but
    /// the blueprint no longer declares, a reference to a resource a condition
    /// removes, a parameter nothing reads), before it reaches a cloud. hotc's
    /// tests break the blueprint on purpose to see it fire.
    ///
    /// ## Why is this bad?
    /// It means a blueprint or block of hotc is wrong for this spec. Please report
    /// it with the spec.
    pub static GENERATED_TREE_REJECTED = ("B008", "generated-tree-rejected", Error);
}
