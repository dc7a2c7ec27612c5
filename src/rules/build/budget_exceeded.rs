crate::declare_rule! {
    /// The generated driver would exceed a size limit of Nova or Heat.
    ///
    /// ## What it does
    /// Measures what the driver sends: each node role's Nova `user_data` after
    /// base64 (Nova refuses more than 65,535 bytes), each template (Heat's
    /// `max_template_size`, 524,288 bytes) and the whole `stacks.create` request
    /// (Heat's `max_json_body_size`, 1,048,576 bytes). Values that are only known
    /// when a cluster is created (Magnum's CA bundle, addresses, tokens) are counted
    /// with a reserve.
    ///
    /// ## Why is this bad?
    /// A large CA bundle or many fragments would make every cluster create fail at
    /// the Nova or Heat API, after the driver is installed.
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
