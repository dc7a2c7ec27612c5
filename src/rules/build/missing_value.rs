crate::declare_rule! {
    /// A build-spec option that has no default is missing.
    ///
    /// ## What it does
    /// Every option has a working default except the driver's name, which must be
    /// chosen: it is the `magnum.drivers` entry point and the Python package name,
    /// and two drivers installed side by side must not share it.
    ///
    /// ## Why is this bad?
    /// hotc cannot pick a name that is unique on the operator's cloud.
    ///
    /// ## Example
    /// ```yaml
    /// driver:
    ///   version: 1.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// driver:
    ///   name: k8s_acme_fcos_v1
    ///   version: 1.0.0
    /// ```
    pub static MISSING_VALUE = ("B003", "spec-missing-value", Error);
}
