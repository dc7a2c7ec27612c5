crate::declare_rule! {
    /// A build-spec option has a value of the right type that is not valid.
    ///
    /// ## What it does
    /// Checks each value for what it is: a Python identifier for the driver name, a
    /// CIDR, an `http://` or `https://` URL, a host name or IP address, a
    /// Kubernetes version, a count in range, and text without control characters.
    ///
    /// ## Why is this bad?
    /// Values end up in Heat templates, Python, TOML, JSON, systemd units and
    /// configuration files on every node. hotc encodes each value for where it
    /// lands, but a value that cannot be valid there (a proxy URL with a newline, a
    /// host name with a space) would break the cluster at boot, an hour later.
    ///
    /// ## Example
    /// ```yaml
    /// network:
    ///   fixed_cidr: 10.0.0.0/33
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// network:
    ///   fixed_cidr: 10.0.0.0/24
    /// ```
    pub static INVALID_VALUE = ("B004", "spec-invalid-value", Error);
}
