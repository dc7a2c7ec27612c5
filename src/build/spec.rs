//! The cluster spec: its model, and the reader that turns the spanned YAML tree
//! into it. Every mistake is a diagnostic at the value (or key) it is about; the
//! reader goes on after a mistake so that one run reports them all.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::rules::build as rules;
use crate::rules::{RuleMeta, Sink};
use crate::source::{FileId, Span};
use crate::syntax::{Node, Value};
use crate::workspace::FileSystem;

/// A cluster spec, with every default applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub driver: Driver,
    pub os: Os,
    pub nodes: Nodes,
    pub network: Network,
    pub proxy: Proxy,
    pub ntp_servers: Vec<String>,
    pub ca_certificates: Vec<CaFile>,
    pub registry: Registry,
    pub volumes: Volumes,
    pub kubernetes: Kubernetes,
    pub addons: Addons,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Driver {
    /// The `magnum.drivers` entry point name, also the Python package name.
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Os {
    /// The `os_distro` of the Glance image, part of the tuple the driver provides.
    pub distro: String,
    /// The Glance image the nodes boot when the cluster template names none.
    pub image: String,
    /// The image version the driver was built and tested for.
    pub version: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub count: u32,
    pub flavor: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Nodes {
    pub master: Role,
    pub worker: Role,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadBalancer {
    None,
    Octavia,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub fixed_cidr: Cidr,
    pub dns_servers: Vec<String>,
    pub external_network: String,
    pub floating_ips: bool,
    pub api_load_balancer: LoadBalancer,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Proxy {
    pub http: String,
    pub https: String,
    pub no_proxy: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaFile {
    /// As written in the spec.
    pub written: String,
    pub path: PathBuf,
    /// The PEM certificates, normalised (one trailing newline).
    pub pem: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Registry {
    pub mirror: String,
    pub insecure: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volumes {
    /// GiB for the container runtime's volume on each node; 0 = none.
    pub container: u32,
    /// GiB for etcd's volume on each master; 0 = none.
    pub etcd: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkDriver {
    Calico,
    Flannel,
}

impl NetworkDriver {
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkDriver::Calico => "calico",
            NetworkDriver::Flannel => "flannel",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Kubernetes {
    /// `v1.30.4`.
    pub version: String,
    pub network_driver: NetworkDriver,
    pub pod_cidr: Cidr,
    pub service_cidr: Cidr,
    /// Where the Kubernetes release binaries are downloaded from.
    pub download_url: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Addons {
    pub cloud_controller_manager: bool,
    pub cinder_csi: bool,
    pub octavia_services: bool,
    /// The cloud-provider-openstack release whose manifests are applied.
    pub cloud_provider_version: String,
}

/// An IPv4 network in CIDR notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    pub address: Ipv4Addr,
    pub prefix: u8,
}

impl Cidr {
    /// A network from its address octets and prefix length.
    pub const fn v4(octets: [u8; 4], prefix: u8) -> Cidr {
        Cidr {
            address: Ipv4Addr::new(octets[0], octets[1], octets[2], octets[3]),
            prefix,
        }
    }

    pub fn parse(text: &str) -> Option<Cidr> {
        let (address, prefix) = text.split_once('/')?;
        let address: Ipv4Addr = address.parse().ok()?;
        if prefix.is_empty() || prefix.len() > 2 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let prefix: u8 = prefix.parse().ok()?;
        if prefix > 32 {
            return None;
        }
        let cidr = Cidr { address, prefix };
        // The address must be the network's first address.
        (u32::from(address) & !cidr.mask() == 0).then_some(cidr)
    }

    fn mask(&self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - self.prefix)
        }
    }

    pub fn overlaps(&self, other: &Cidr) -> bool {
        let shorter = self.prefix.min(other.prefix);
        let mask = if shorter == 0 {
            0
        } else {
            u32::MAX << (32 - shorter)
        };
        u32::from(self.address) & mask == u32::from(other.address) & mask
    }

    /// The `n`th address of the network (1 = the first host).
    pub fn host(&self, n: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.address).wrapping_add(n))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

pub const DEFAULT_KUBERNETES_VERSION: &str = "v1.30.4";
pub const DEFAULT_CLOUD_PROVIDER_VERSION: &str = "v1.30.0";
pub const DEFAULT_FCOS_IMAGE: &str = "fedora-coreos-40.20240906.3.0-openstack.x86_64";
pub const DEFAULT_FCOS_VERSION: &str = "40.20240906.3.0";

/// The sections of a spec and the keys of each.
const TOP_KEYS: &[&str] = &[
    "driver",
    "coe",
    "server_type",
    "os",
    "nodes",
    "network",
    "proxy",
    "ntp",
    "ca_certificates",
    "registry",
    "volumes",
    "kubernetes",
    "addons",
];

/// Reads a spec. `dir` is the spec's folder (CA files are relative to it).
pub fn read(
    file: FileId,
    root: Option<&Node>,
    dir: &Path,
    fs: &dyn FileSystem,
) -> (Option<Spec>, Vec<Diagnostic>) {
    let mut reader = Reader {
        sink: Sink::new(file),
    };
    let Some(root) = root else {
        return (None, reader.sink.diagnostics);
    };
    let spec = reader.spec(root, dir, fs);
    let diagnostics = reader.sink.diagnostics;
    if diagnostics.is_empty() {
        (Some(spec), diagnostics)
    } else {
        (None, diagnostics)
    }
}

struct Reader {
    sink: Sink,
}

/// A mapping of the spec that is being read: its node (None when absent or null)
/// and its dotted path for messages.
#[derive(Clone, Copy)]
struct Section<'n> {
    node: Option<&'n Node>,
    path: &'static str,
    /// Where to report a missing key of this section.
    anchor: Span,
}

impl<'n> Section<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.node.and_then(|n| n.get(key)).filter(|v| !v.is_null())
    }
}

fn dotted(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    fn report(&mut self, rule: &'static RuleMeta, span: Span, message: String) -> &mut Diagnostic {
        self.sink.report(rule, span, message)
    }

    /// Opens a mapping, reporting a wrong type and unknown keys.
    fn section<'n>(
        &mut self,
        node: Option<&'n Node>,
        path: &'static str,
        keys: &[&str],
        anchor: Span,
    ) -> Section<'n> {
        let node = node.filter(|n| !n.is_null());
        if let Some(n) = node {
            match n.as_map() {
                Some(entries) => {
                    for e in entries {
                        if !keys.contains(&&*e.key_text) {
                            let shown = dotted(path, &e.key_text);
                            let d = self.report(
                                &rules::UNKNOWN_KEY,
                                e.key.span,
                                format!("unknown option `{shown}`"),
                            );
                            match crate::rules::nearest(&e.key_text, keys.iter().copied()) {
                                Some(near) => {
                                    d.help(format!("did you mean `{}`?", dotted(path, near)));
                                }
                                None => {
                                    d.help(format!(
                                        "{} takes: {}",
                                        if path.is_empty() { "a spec" } else { path },
                                        keys.join(", ")
                                    ));
                                }
                            }
                        }
                    }
                }
                None => {
                    self.wrong_type(n, path, "a mapping");
                    return Section {
                        node: None,
                        path,
                        anchor: n.span,
                    };
                }
            }
        }
        Section {
            node,
            path,
            anchor: node.map(|n| n.span).unwrap_or(anchor),
        }
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str) {
        self.report(
            &rules::WRONG_TYPE,
            node.span,
            format!("`{path}` must be {expected}, not {}", node.kind_name()),
        );
    }

    fn invalid(&mut self, node: &Node, path: &str, why: impl std::fmt::Display) {
        self.report(
            &rules::INVALID_VALUE,
            node.span,
            format!("`{path}` is not valid: {why}"),
        );
    }

    /// A string option. Numbers are not silently turned into strings: a version
    /// written `1.30` would lose its meaning.
    fn string(&mut self, section: Section, key: &str) -> Option<(String, Span)> {
        let node = section.get(key)?;
        let path = dotted(section.path, key);
        match &node.value {
            Value::Str(s) => {
                if let Some(bad) = s.chars().find(|c| c.is_control()) {
                    self.invalid(
                        node,
                        &path,
                        format!("it holds the control character {}", escape_char(bad)),
                    );
                    return None;
                }
                Some((s.to_string(), node.span))
            }
            _ => {
                self.wrong_type(node, &path, "a string");
                None
            }
        }
    }

    fn text(&mut self, section: Section, key: &str, default: &str, max: usize) -> String {
        match self.string(section, key) {
            Some((s, span)) if s.is_empty() || s.chars().count() > max => {
                self.report(
                    &rules::INVALID_VALUE,
                    span,
                    format!(
                        "`{}` is not valid: it must hold 1 to {max} characters",
                        dotted(section.path, key)
                    ),
                );
                default.to_string()
            }
            Some((s, _)) => s,
            None => default.to_string(),
        }
    }

    /// A string checked by `valid`, which says why a value is wrong.
    fn checked(
        &mut self,
        section: Section,
        key: &str,
        default: &str,
        valid: fn(&str) -> Result<(), String>,
    ) -> String {
        let Some((s, span)) = self.string(section, key) else {
            return default.to_string();
        };
        match valid(&s) {
            Ok(()) => s,
            Err(why) => {
                self.report(
                    &rules::INVALID_VALUE,
                    span,
                    format!("`{}` is not valid: {why}", dotted(section.path, key)),
                );
                default.to_string()
            }
        }
    }

    fn choice(&mut self, section: Section, key: &str, choices: &[&str], default: &str) -> String {
        let Some((s, span)) = self.string(section, key) else {
            return default.to_string();
        };
        if choices.contains(&s.as_str()) {
            return s;
        }
        self.report(
            &rules::INVALID_VALUE,
            span,
            format!(
                "`{}` is not valid: `{s}` is not one of {}",
                dotted(section.path, key),
                choices.join(", ")
            ),
        );
        default.to_string()
    }

    fn integer(&mut self, section: Section, key: &str, default: u32, min: u32, max: u32) -> u32 {
        let Some(node) = section.get(key) else {
            return default;
        };
        let path = dotted(section.path, key);
        match node.value {
            Value::Int(i) if (i64::from(min)..=i64::from(max)).contains(&i) => i as u32,
            Value::Int(_) | Value::BigInt(_) => {
                self.invalid(node, &path, format!("it must be between {min} and {max}"));
                default
            }
            _ => {
                self.wrong_type(node, &path, "an integer");
                default
            }
        }
    }

    fn boolean(&mut self, section: Section, key: &str, default: bool) -> bool {
        let Some(node) = section.get(key) else {
            return default;
        };
        match node.as_bool() {
            Some(b) => b,
            None => {
                self.wrong_type(node, &dotted(section.path, key), "true or false");
                default
            }
        }
    }

    /// A list of strings, each checked by `valid`.
    fn list(
        &mut self,
        section: Section,
        key: &str,
        valid: fn(&str) -> Result<(), String>,
    ) -> Vec<(String, Span)> {
        let Some(node) = section.get(key) else {
            return Vec::new();
        };
        let path = dotted(section.path, key);
        let Some(items) = node.as_seq() else {
            self.wrong_type(node, &path, "a list");
            return Vec::new();
        };
        let mut out: Vec<(String, Span)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            match item.as_str() {
                Some(s) => {
                    let checked = if let Some(bad) = s.chars().find(|c| c.is_control()) {
                        Err(format!(
                            "it holds the control character {}",
                            escape_char(bad)
                        ))
                    } else {
                        valid(s)
                    };
                    match checked {
                        Ok(()) if out.iter().any(|(o, _)| o == s) => {
                            self.invalid(item, &item_path, format!("`{s}` is listed twice"));
                        }
                        Ok(()) => out.push((s.to_string(), item.span)),
                        Err(why) => self.invalid(item, &item_path, why),
                    }
                }
                None => self.wrong_type(item, &item_path, "a string"),
            }
        }
        out
    }

    fn cidr(&mut self, section: Section, key: &str, fallback: Cidr) -> (Cidr, Option<Span>) {
        let Some((s, span)) = self.string(section, key) else {
            return (fallback, None);
        };
        match Cidr::parse(&s) {
            Some(c) => (c, Some(span)),
            None => {
                self.report(
                    &rules::INVALID_VALUE,
                    span,
                    format!(
                        "`{}` is not valid: `{s}` is not an IPv4 network such as 10.0.0.0/24 (the address must be the network's first)",
                        dotted(section.path, key)
                    ),
                );
                (fallback, None)
            }
        }
    }

    fn spec(&mut self, root: &Node, dir: &Path, fs: &dyn FileSystem) -> Spec {
        let top = self.section(Some(root), "", TOP_KEYS, Span::empty(0));
        if top.node.is_none() {
            // Not a mapping (already reported) or empty.
            if root.is_null() {
                self.report(
                    &rules::MISSING_VALUE,
                    root.span,
                    "the spec is empty: it needs at least `driver.name`".to_string(),
                );
            }
        }
        let first_key = root
            .as_map()
            .and_then(|e| e.first())
            .map(|e| e.key.span)
            .unwrap_or(root.span);

        // driver
        let driver_node = top.get("driver");
        let d = self.section(driver_node, "driver", &["name", "version"], first_key);
        let name = match self.string(d, "name") {
            Some((n, span)) => match valid_driver_name(&n) {
                Ok(()) => n,
                Err(why) => {
                    self.report(
                        &rules::INVALID_VALUE,
                        span,
                        format!("`driver.name` is not valid: {why}"),
                    );
                    String::new()
                }
            },
            None => {
                if d.get("name").is_none() {
                    let span = root
                        .entry("driver")
                        .map(|e| e.key.span)
                        .unwrap_or(first_key);
                    self.report(
                        &rules::MISSING_VALUE,
                        span,
                        "`driver.name` is required: it names the entry point and the package"
                            .to_string(),
                    )
                    .help("add `driver:\n  name: k8s_mycloud_fcos_v1`");
                }
                String::new()
            }
        };
        let version = self.checked(d, "version", "1.0.0", valid_release);

        for (key, only) in [("coe", "kubernetes"), ("server_type", "vm")] {
            self.choice(top, key, &[only], only);
        }

        // os
        let os = self.section(
            top.get("os"),
            "os",
            &["distro", "image", "version"],
            first_key,
        );
        let distro = self.choice(os, "distro", &["fedora-coreos"], "fedora-coreos");
        let image = self.text(os, "image", DEFAULT_FCOS_IMAGE, 255);
        let os_version = self.checked(os, "version", DEFAULT_FCOS_VERSION, valid_image_version);

        // nodes
        let nodes = self.section(top.get("nodes"), "nodes", &["master", "worker"], first_key);
        let master = self.section(
            nodes.get("master"),
            "nodes.master",
            &["count", "flavor"],
            nodes.anchor,
        );
        let master_count = self.integer(master, "count", 1, 1, 7);
        let master_flavor = self.text(master, "flavor", "m1.medium", 255);
        let worker = self.section(
            nodes.get("worker"),
            "nodes.worker",
            &["count", "flavor"],
            nodes.anchor,
        );
        let worker_count = self.integer(worker, "count", 1, 0, 1000);
        let worker_flavor = self.text(worker, "flavor", "m1.medium", 255);
        if master_count % 2 == 0 {
            let span = master.get("count").map(|n| n.span).unwrap_or(master.anchor);
            self.report(
                &rules::CONFLICTING_OPTIONS,
                span,
                format!("`nodes.master.count` is {master_count}: etcd needs an odd number of masters, and Magnum refuses even counts"),
            );
        }

        // network
        let net = self.section(
            top.get("network"),
            "network",
            &[
                "fixed_cidr",
                "dns",
                "external_network",
                "floating_ips",
                "api_load_balancer",
            ],
            first_key,
        );
        let (fixed_cidr, fixed_span) = self.cidr(net, "fixed_cidr", Cidr::v4([10, 0, 0, 0], 24));
        if fixed_cidr.prefix > 28 {
            if let Some(span) = fixed_span {
                self.report(
                    &rules::INVALID_VALUE,
                    span,
                    format!("`network.fixed_cidr` is not valid: a /{} network is too small for a cluster (at most /28)", fixed_cidr.prefix),
                );
            }
        }
        let mut dns_servers: Vec<String> = self
            .list(net, "dns", valid_ip)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if net.get("dns").is_none() {
            dns_servers = vec!["8.8.8.8".to_string()];
        }
        let external_network = self.text(net, "external_network", "public", 255);
        let floating_ips = self.boolean(net, "floating_ips", true);
        let lb = self.choice(net, "api_load_balancer", &["none", "octavia"], "octavia");
        let api_load_balancer = if lb == "none" {
            LoadBalancer::None
        } else {
            LoadBalancer::Octavia
        };
        if master_count > 1 && api_load_balancer == LoadBalancer::None {
            let span = net
                .get("api_load_balancer")
                .map(|n| n.span)
                .or(master.get("count").map(|n| n.span))
                .unwrap_or(first_key);
            self.report(
                &rules::CONFLICTING_OPTIONS,
                span,
                format!("{master_count} masters need an API load balancer, but `network.api_load_balancer` is `none`"),
            )
            .help("set `network.api_load_balancer: octavia`, or use one master");
        }

        // proxy
        let proxy = self.section(
            top.get("proxy"),
            "proxy",
            &["http", "https", "no_proxy"],
            first_key,
        );
        let http = self.checked(proxy, "http", "", valid_url);
        let https = self.checked(proxy, "https", "", valid_url);
        let no_proxy: Vec<String> = self
            .list(proxy, "no_proxy", valid_no_proxy)
            .into_iter()
            .map(|(s, _)| s)
            .collect();

        // ntp
        let ntp = self.section(top.get("ntp"), "ntp", &["servers"], first_key);
        let ntp_servers: Vec<String> = self
            .list(ntp, "servers", valid_host)
            .into_iter()
            .map(|(s, _)| s)
            .collect();

        // ca_certificates: a list of files next to the spec.
        let ca_list = Section {
            node: Some(root),
            path: "",
            anchor: first_key,
        };
        let mut ca_certificates = Vec::new();
        for (written, span) in self.list(ca_list, "ca_certificates", valid_relative_path) {
            let path = crate::check::normalize(&dir.join(&written));
            match fs.read(&path) {
                Ok(bytes) => match parse_pem_certificates(&bytes) {
                    Ok(pem) => ca_certificates.push(CaFile { written, path, pem }),
                    Err(why) => {
                        self.report(
                            &rules::MISSING_FILE,
                            span,
                            format!("`{written}` is not a PEM certificate file: {why}"),
                        );
                    }
                },
                Err(e) => {
                    let why = if e.kind() == std::io::ErrorKind::NotFound {
                        "no such file".to_string()
                    } else {
                        e.to_string()
                    };
                    self.report(
                        &rules::MISSING_FILE,
                        span,
                        format!("CA certificate file `{written}` cannot be read: {why}"),
                    )
                    .help("paths are relative to the spec's folder");
                }
            }
        }

        // registry
        let reg = self.section(
            top.get("registry"),
            "registry",
            &["mirror", "insecure"],
            first_key,
        );
        let mirror = self.checked(reg, "mirror", "", valid_url);
        let insecure_spans = self.list(reg, "insecure", valid_registry);
        let insecure: Vec<String> = insecure_spans.iter().map(|(s, _)| s.clone()).collect();

        // volumes
        let vol = self.section(
            top.get("volumes"),
            "volumes",
            &["container", "etcd"],
            first_key,
        );
        let container = self.integer(vol, "container", 20, 0, 16384);
        let etcd = self.integer(vol, "etcd", 0, 0, 16384);

        // kubernetes
        let kube = self.section(
            top.get("kubernetes"),
            "kubernetes",
            &[
                "version",
                "network_driver",
                "pod_cidr",
                "service_cidr",
                "download_url",
            ],
            first_key,
        );
        let kube_version = normalise_version(&self.checked(
            kube,
            "version",
            DEFAULT_KUBERNETES_VERSION,
            valid_kubernetes_version,
        ));
        let network_driver = match self
            .choice(kube, "network_driver", &["calico", "flannel"], "calico")
            .as_str()
        {
            "flannel" => NetworkDriver::Flannel,
            _ => NetworkDriver::Calico,
        };
        let (pod_cidr, pod_span) = self.cidr(kube, "pod_cidr", Cidr::v4([10, 100, 0, 0], 16));
        let (service_cidr, service_span) =
            self.cidr(kube, "service_cidr", Cidr::v4([10, 254, 0, 0], 16));
        let download_url = self.checked(kube, "download_url", "https://dl.k8s.io", valid_url);
        let networks = [
            ("network.fixed_cidr", fixed_cidr, fixed_span),
            ("kubernetes.pod_cidr", pod_cidr, pod_span),
            ("kubernetes.service_cidr", service_cidr, service_span),
        ];
        for i in 0..networks.len() {
            for j in i + 1..networks.len() {
                let (a_name, a, a_span) = networks[i];
                let (b_name, b, b_span) = networks[j];
                if a.overlaps(&b) {
                    let span = b_span.or(a_span).unwrap_or(kube.anchor);
                    self.report(
                        &rules::CONFLICTING_OPTIONS,
                        span,
                        format!("`{b_name}` ({b}) overlaps `{a_name}` ({a})"),
                    );
                }
            }
        }

        // addons
        let addons = self.section(
            top.get("addons"),
            "addons",
            &[
                "cloud_controller_manager",
                "cinder_csi",
                "octavia_services",
                "cloud_provider_version",
            ],
            first_key,
        );
        let ccm = self.boolean(addons, "cloud_controller_manager", true);
        let cinder_csi = self.boolean(addons, "cinder_csi", true);
        let octavia_services = self.boolean(addons, "octavia_services", true);
        let cloud_provider_version = normalise_version(&self.checked(
            addons,
            "cloud_provider_version",
            DEFAULT_CLOUD_PROVIDER_VERSION,
            valid_kubernetes_version,
        ));
        if !ccm {
            for (key, on) in [
                ("cinder_csi", cinder_csi),
                ("octavia_services", octavia_services),
            ] {
                if on {
                    let span = addons
                        .get(key)
                        .or(addons.get("cloud_controller_manager"))
                        .map(|n| n.span)
                        .unwrap_or(addons.anchor);
                    self.report(
                        &rules::CONFLICTING_OPTIONS,
                        span,
                        format!(
                            "`addons.{key}` needs `addons.cloud_controller_manager`, which is off"
                        ),
                    );
                }
            }
        }

        Spec {
            driver: Driver { name, version },
            os: Os {
                distro,
                image,
                version: os_version,
            },
            nodes: Nodes {
                master: Role {
                    count: master_count,
                    flavor: master_flavor,
                },
                worker: Role {
                    count: worker_count,
                    flavor: worker_flavor,
                },
            },
            network: Network {
                fixed_cidr,
                dns_servers,
                external_network,
                floating_ips,
                api_load_balancer,
            },
            proxy: Proxy {
                http,
                https,
                no_proxy,
            },
            ntp_servers,
            ca_certificates,
            registry: Registry { mirror, insecure },
            volumes: Volumes { container, etcd },
            kubernetes: Kubernetes {
                version: kube_version,
                network_driver,
                pod_cidr,
                service_cidr,
                download_url,
            },
            addons: Addons {
                cloud_controller_manager: ccm,
                cinder_csi,
                octavia_services,
                cloud_provider_version,
            },
        }
    }
}

fn escape_char(c: char) -> String {
    match c {
        '\n' => "\\n (a newline)".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t (a tab)".into(),
        c => format!("U+{:04X}", c as u32),
    }
}

fn normalise_version(v: &str) -> String {
    if v.starts_with('v') {
        v.to_string()
    } else {
        format!("v{v}")
    }
}

pub fn valid_driver_name(s: &str) -> Result<(), String> {
    let ok = s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{s}` must be a lowercase Python identifier (a-z, 0-9, _; starting with a letter; at most 64), since it names the entry point and the package"
        ))
    }
}

fn valid_release(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        Ok(())
    } else {
        Err(format!("`{s}` is not a release number such as 1.0.0"))
    }
}

fn valid_image_version(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{s}` is not an image version such as 40.20240906.3.0"
        ))
    }
}

fn valid_kubernetes_version(s: &str) -> Result<(), String> {
    let bare = s.strip_prefix('v').unwrap_or(s);
    let parts: Vec<&str> = bare.split('.').collect();
    let numeric = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    if !numeric {
        return Err(format!("`{s}` is not a version such as v1.30.4"));
    }
    Ok(())
}

pub fn valid_ip(s: &str) -> Result<(), String> {
    if s.parse::<std::net::IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(format!("`{s}` is not an IP address"))
    }
}

/// A host name (RFC 1123) or an IP address.
pub fn valid_host(s: &str) -> Result<(), String> {
    if s.parse::<std::net::IpAddr>().is_ok() {
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if s.len() <= 253 && s.trim_end_matches('.').split('.').all(label_ok) {
        Ok(())
    } else {
        Err(format!("`{s}` is not a host name or IP address"))
    }
}

/// A NO_PROXY entry: a host, a domain suffix (`.example.com`), an IP or a CIDR.
fn valid_no_proxy(s: &str) -> Result<(), String> {
    if s == "*" || Cidr::parse(s).is_some() {
        return Ok(());
    }
    let host = s.strip_prefix('.').unwrap_or(s);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    valid_host(host).map_err(|_| {
        format!("`{s}` is not a host, a domain (.example.com), an IP address or a CIDR")
    })
}

/// `host[:port]` of a registry.
fn valid_registry(s: &str) -> Result<(), String> {
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if port_ok && valid_host(host).is_ok() {
        Ok(())
    } else {
        Err(format!("`{s}` is not a registry `host[:port]`"))
    }
}

/// An `http://` or `https://` URL in RFC 3986 characters (anything else must be
/// percent-encoded), with a host.
pub fn valid_url(s: &str) -> Result<(), String> {
    let rest = s
        .strip_prefix("http://")
        .or_else(|| s.strip_prefix("https://"))
        .ok_or_else(|| format!("`{s}` is not an http:// or https:// URL"))?;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return Err(format!(
                    "`%` must start a percent-escape such as %25 (at byte {i})"
                ));
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !allowed {
            let c = s[i..].chars().next().unwrap_or('?');
            return Err(format!(
                "the character `{}` must be percent-encoded in a URL",
                c.escape_default()
            ));
        }
        i += 1;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("`{s}` has no host"));
    }
    Ok(())
}

fn valid_relative_path(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(())
}

/// Checks that a file holds only PEM certificates; returns them normalised.
pub fn parse_pem_certificates(bytes: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_string())?;
    let mut out = String::new();
    let mut inside = false;
    let mut count = 0;
    let mut body = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() && !inside {
            continue;
        }
        if !inside {
            if line == "-----BEGIN CERTIFICATE-----" {
                inside = true;
                body = 0;
                out.push_str(line);
                out.push('\n');
                continue;
            }
            if line.starts_with("-----BEGIN") && line.contains("PRIVATE KEY") {
                return Err(format!(
                    "line {} starts a private key, which must never be embedded",
                    n + 1
                ));
            }
            return Err(format!("line {} is outside a certificate", n + 1));
        }
        if line == "-----END CERTIFICATE-----" {
            if body == 0 {
                return Err(format!("the certificate ending on line {} is empty", n + 1));
            }
            inside = false;
            count += 1;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if !line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
        {
            return Err(format!("line {} is not base64", n + 1));
        }
        body += 1;
        out.push_str(line);
        out.push('\n');
    }
    if inside {
        return Err("the last certificate has no END line".into());
    }
    if count == 0 {
        return Err("it holds no certificate".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_parse_and_overlap() {
        let a = Cidr::parse("10.0.0.0/24").unwrap();
        let b = Cidr::parse("10.0.0.0/16").unwrap();
        let c = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c));
        assert_eq!(Cidr::parse("10.0.0.1/24"), None);
        assert_eq!(Cidr::parse("10.0.0.0/33"), None);
        assert_eq!(a.host(1).to_string(), "10.0.0.1");
    }

    #[test]
    fn urls_must_be_encoded() {
        assert!(valid_url("http://proxy.example:3128").is_ok());
        assert!(valid_url("http://u:p%40'$@proxy:3128/").is_ok());
        assert!(valid_url("http://proxy\n").is_err());
        assert!(valid_url("http://pröxy").is_err());
        assert!(valid_url("http://a%zz").is_err());
        assert!(valid_url("http://a\"b").is_err());
        assert!(valid_url("ftp://a").is_err());
        assert!(valid_url("http://").is_err());
    }

    #[test]
    fn pem_files_hold_only_certificates() {
        let ok = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n";
        assert_eq!(parse_pem_certificates(ok.as_bytes()).unwrap(), ok);
        assert!(parse_pem_certificates(b"hello").is_err());
        assert!(parse_pem_certificates(b"-----BEGIN RSA PRIVATE KEY-----\n").is_err());
        assert!(parse_pem_certificates(b"-----BEGIN CERTIFICATE-----\nQUJD\n").is_err());
    }
}
