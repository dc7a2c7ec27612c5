crate::declare_rule! {
    /// A template file is empty or holds only comments.
    ///
    /// ## Why is this bad?
    /// Heat reads an empty document as nothing at all and rejects it:
    /// `The template is not a JSON object or YAML mapping.`
    pub static EMPTY_FILE = ("H004", "empty-file", Error);
}
