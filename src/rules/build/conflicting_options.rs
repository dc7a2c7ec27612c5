crate::declare_rule! {
    /// Two build-spec options that cannot hold together.
    ///
    /// ## What it does
    /// Reports combinations that no cluster could satisfy: Octavia load balancers
    /// for Services without the cloud controller manager, Cinder CSI without it, an
    /// even number of masters, a pod network that overlaps the node network, a
    /// registry listed both as the mirror and as insecure with another scheme.
    ///
    /// ## Why is this bad?
    /// Each option alone is fine; together they produce a driver whose clusters
    /// fail or misbehave.
    ///
    /// ## Example
    /// ```yaml
    /// addons:
    ///   cloud_controller_manager: false
    ///   octavia_services: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// addons:
    ///   cloud_controller_manager: true
    ///   octavia_services: true
    /// ```
    pub static CONFLICTING_OPTIONS = ("B005", "spec-conflicting-options", Error);
}
