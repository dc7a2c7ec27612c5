crate::declare_rule! {
    /// A file found in a checked directory cannot be read.
    ///
    /// ## Why is this bad?
    /// hotc cannot check what it cannot read: permissions, a dangling symbolic
    /// link, or a file larger than hotc reads (256 MiB).
    pub static UNREADABLE_FILE = ("H008", "unreadable-file", Error);
}
