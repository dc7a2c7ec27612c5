crate::declare_rule! {
    /// The generated driver would exceed a size limit of Nova or Heat.
    ///
    /// ## What it does
    /// Measures the bytes Heat and its client would produce from the tree:
    /// each node role's Nova `user_data` (the Ignition JSON as Heat serialises
    /// the template's map, then the Nova client's base64; Nova refuses more
    /// than 65,535 bytes), each template as Heat measures it against
    /// `max_template_size` (524,288: `str()` of the root template's map, the
    /// JSON text of a nested one) and the whole `stacks.create` body as the
    /// client serialises it (Heat's `max_json_body_size`, 1,048,576 bytes, for
    /// the largest environment list). What only a cluster knows (the values
    /// Magnum sends, resource attributes, the package's install path) is
    /// counted at a reserved length.
    ///
    /// ## Why is this bad?
    /// A large CA bundle would make every cluster create fail at the Nova or
    /// Heat API, after the driver is installed.
    ///
    /// ## Example
    /// ```yaml
    /// ca_certificates:
    ///   - whole-mozilla-bundle.pem
    /// ```
    ///
    /// ## Use instead
    /// Embed only the roots the nodes need (the proxy's, the private registry's).
    pub static BUDGET_EXCEEDED = ("B007", "build-budget-exceeded", Error);
}
