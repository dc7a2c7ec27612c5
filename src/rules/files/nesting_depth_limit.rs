crate::declare_rule! {
    /// Collections are nested deeper than hotc reads.
    ///
    /// ## Why is this bad?
    /// hotc reads 256 levels of nesting and replaces anything deeper with null
    /// (a warning: those parts are not checked). From 1,000 levels Heat's own
    /// Python code fails with a recursion error, so that is an error.
    /// Flow collections (`[[[...]]]`) deeper than 255 levels cannot be read at all.
    pub static NESTING_DEPTH_LIMIT = ("H007", "nesting-depth-limit", Warning);
}
