crate::declare_rule! {
    /// The file is not valid UTF-8.
    ///
    /// ## Why is this bad?
    /// Heat's client and loader read templates as UTF-8 text; any other encoding
    /// is rejected before validation. The diagnostic points at the first byte
    /// that is not UTF-8.
    ///
    /// ## Use instead
    /// Convert the file to UTF-8 (`iconv -f latin1 -t utf-8`).
    pub static INVALID_ENCODING = ("H002", "invalid-encoding", Error);
}
