crate::declare_rule! {
    /// A file that should be a template or environment holds binary data.
    ///
    /// ## Why is this bad?
    /// A file with NUL bytes is not a template. This usually means a wrong path
    /// in `type:` or an environment's `resource_registry`.
    pub static BINARY_FILE = ("H003", "binary-file", Error);
}
