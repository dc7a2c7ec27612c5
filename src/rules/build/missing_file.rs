crate::declare_rule! {
    /// A file named by the build spec (an extra CA certificate) is missing, cannot
    /// be read, or is not what it should be.
    ///
    /// ## What it does
    /// Reads each `ca_certificates` file, relative to the spec's folder, and checks
    /// that it holds PEM certificates and nothing else.
    ///
    /// ## Why is this bad?
    /// The certificates are embedded in the generated driver; a missing or wrong
    /// file would give nodes that cannot reach a proxy or a private registry.
    ///
    /// ## Example
    /// ```yaml
    /// ca_certificates:
    ///   - certs/corporate-root.pem   # no such file
    /// ```
    pub static MISSING_FILE = ("B006", "spec-missing-file", Error);
}
