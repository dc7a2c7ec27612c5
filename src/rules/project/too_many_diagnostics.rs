crate::declare_rule! {
    /// A file has more diagnostics than the per-file limit: the rest are not
    /// shown, and this one says how many there are.
    ///
    /// ## Why is this bad?
    /// A file with hundreds of findings is usually not a template, or one
    /// mistake repeated; showing them all buries the other files. The closing
    /// diagnostic takes the highest severity of those it stands for, so the
    /// exit code and the summary are those of the whole file. The limit is
    /// `[check] max_diagnostics_per_file` in `hotc.toml` (default 200, 0 for no
    /// limit) or `--max-diagnostics-per-file`.
    ///
    /// ## Example
    /// ```text
    /// error[H962]: 37 more diagnostics in this file are not shown (2 errors, 35 warnings): at most 200 are shown per file
    /// ```
    ///
    /// ## Use instead
    /// Fix the first ones, or raise the limit:
    /// ```toml
    /// [check]
    /// max_diagnostics_per_file = 1000
    /// ```
    pub static TOO_MANY_DIAGNOSTICS = ("H962", "too-many-diagnostics", Warning);
}
