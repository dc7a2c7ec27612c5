//! Rendering: the spec and the blueprint become the files of the driver package,
//! in memory, sorted by path. Nothing here depends on time or on the machine, so
//! two builds of one spec are byte-identical.

use std::collections::{BTreeMap, BTreeSet};

use super::blueprint::{Blueprint, Default, NodeDelivery, Parameter, Source, TemplatePlan, data};
use super::compose;
use super::encode::{
    base64, markdown_code, percent_encode, python_string, toml_string, yaml_string,
};
use super::gzip::gzip;
use super::spec::{LoadBalancer, Spec};
use crate::syntax::{Node, Value};

pub const HEAT_TEMPLATE_VERSION: &str = "2021-04-16";
pub const IGNITION_VERSION: &str = "3.3.0";
const UNUSED: &str = "# hotc: ignore[unused-parameter] Magnum always sends this parameter";

/// The driver package, ready to be checked and written.
pub struct Rendered {
    /// Path relative to the output folder → contents.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The Python package (and entry point) name.
    pub package: String,
    /// The root template, relative to the output folder.
    pub root_template: String,
    /// Every list of environment files Magnum's selection can yield, relative to
    /// the output folder, in the order Magnum passes them.
    pub environment_lists: Vec<Vec<String>>,
    /// Every environment file.
    pub environments: Vec<String>,
}

pub fn flags(spec: &Spec) -> BTreeSet<&'static str> {
    let mut flags = BTreeSet::new();
    if spec.network.api_load_balancer == LoadBalancer::Octavia {
        flags.insert("api_lb");
    }
    if spec.network.floating_ips {
        flags.insert("floating_ips");
    }
    flags
}

fn enabled(when: &Option<String>, flags: &BTreeSet<&str>) -> bool {
    when.as_deref().is_none_or(|w| flags.contains(w))
}

/// The value of a spec option as a Heat parameter default (lists comma-joined).
fn spec_option(spec: &Spec, option: &str) -> Result<SpecValue, String> {
    use SpecValue::*;
    Ok(match option {
        "network.dns" => Text(spec.network.dns_servers.join(",")),
        "network.external_network" => Text(spec.network.external_network.clone()),
        "network.fixed_cidr" => Text(spec.network.fixed_cidr.to_string()),
        "network.floating_ips" => Bool(spec.network.floating_ips),
        "proxy.http" => Text(spec.proxy.http.clone()),
        "proxy.https" => Text(spec.proxy.https.clone()),
        "proxy.no_proxy" => Text(spec.proxy.no_proxy.join(",")),
        "nodes.master.count" => Number(spec.nodes.master.count),
        "nodes.master.flavor" => Text(spec.nodes.master.flavor.clone()),
        "nodes.worker.count" => Number(spec.nodes.worker.count),
        "nodes.worker.flavor" => Text(spec.nodes.worker.flavor.clone()),
        "os.image" => Text(spec.os.image.clone()),
        "volumes.container" => Number(spec.volumes.container),
        "volumes.etcd" => Number(spec.volumes.etcd),
        "kubernetes.network_driver" => Text(spec.kubernetes.network_driver.as_str().into()),
        "kubernetes.version" => Text(spec.kubernetes.version.clone()),
        "kubernetes.pod_cidr" => Text(spec.kubernetes.pod_cidr.to_string()),
        "kubernetes.service_cidr" => Text(spec.kubernetes.service_cidr.to_string()),
        other => {
            return Err(format!(
                "internal error: the blueprint names the unknown spec option {other}"
            ));
        }
    })
}

enum SpecValue {
    Text(String),
    Number(u32),
    Bool(bool),
}

/// A YAML flow rendering of a literal from a data file.
fn yaml_flow(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Str(s) => yaml_string(s),
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", e.key_text, yaml_flow(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => format!("{other:?}"),
    }
}

fn default_text(spec: &Spec, p: &Parameter) -> Result<Option<String>, String> {
    let encode = |s: String| {
        if p.node == NodeDelivery::Encoded {
            percent_encode(&s)
        } else {
            s
        }
    };
    Ok(match &p.default {
        Default::None => None,
        Default::Literal(node) => Some(match node.as_str() {
            Some(s) => yaml_string(&encode(s.to_string())),
            None => yaml_flow(node),
        }),
        Default::Spec(option) => Some(match spec_option(spec, option)? {
            SpecValue::Text(s) => yaml_string(&encode(s)),
            SpecValue::Number(n) => n.to_string(),
            SpecValue::Bool(b) => b.to_string(),
        }),
    })
}

fn parameter_lines(spec: &Spec, p: &Parameter, unused: bool) -> Result<Vec<String>, String> {
    let mut lines = vec![if unused {
        format!("  {}: {UNUSED}", p.name)
    } else {
        format!("  {}:", p.name)
    }];
    lines.push(format!("    type: {}", p.kind));
    if !p.description.is_empty() {
        lines.push(format!("    description: {}", yaml_string(&p.description)));
    }
    if let Some(d) = default_text(spec, p)? {
        lines.push(format!("    default: {d}"));
    }
    if p.hidden {
        lines.push("    hidden: true".into());
    }
    if let Some(c) = &p.constraints {
        lines.push("    constraints:".into());
        for e in c.as_map().unwrap_or_default() {
            lines.push(format!("      - {}: {}", e.key_text, yaml_flow(&e.value)));
        }
    }
    Ok(lines)
}

/// The parameters a template declares.
fn template_parameters<'b>(
    bp: &'b Blueprint,
    plan: &'b TemplatePlan,
    flags: &BTreeSet<&str>,
) -> Vec<(&'b Parameter, bool)> {
    let mut out = Vec::new();
    match &plan.role {
        None if plan.file == "cluster.yaml" => {
            for p in &bp.parameters {
                if enabled(&p.when, flags) {
                    out.push((p, p.unused));
                }
            }
        }
        None => {}
        Some(role) => {
            for p in &bp.parameters {
                if p.templates.contains(role) && enabled(&p.when, flags) {
                    out.push((p, false));
                }
            }
            for p in &plan.locals {
                out.push((p, false));
            }
        }
    }
    out
}

fn data_url_file(path: &str, mode: u32, content: &str) -> Vec<String> {
    vec![
        format!("- path: {path}"),
        format!("  mode: {mode}"),
        "  overwrite: true".into(),
        "  contents:".into(),
        format!(
            "    source: {}",
            yaml_string(&format!("data:;base64,{}", base64(content.as_bytes())))
        ),
    ]
}

/// A file whose contents are the gzip, in base64, of a file of the tree.
fn get_file_data(path: &str, mode: u32, b64_file: &str) -> Vec<String> {
    vec![
        format!("- path: {path}"),
        format!("  mode: {mode}"),
        "  overwrite: true".into(),
        "  contents:".into(),
        "    compression: gzip".into(),
        format!("    source: {{list_join: ['', ['data:;base64,', {{get_file: {b64_file}}}]]}}"),
    ]
}

fn param_file(name: &str, value: &str) -> Vec<String> {
    vec![
        format!("- path: /etc/hotc/params/{name}"),
        "  mode: 384".into(),
        "  overwrite: true".into(),
        "  contents:".into(),
        format!("    source: {{list_join: ['', ['data:,', {value}]]}}"),
    ]
}

/// Build-time settings every node of `role` gets as files (name, contents).
pub fn build_settings(spec: &Spec, role: &str) -> Vec<(String, String)> {
    let lines = |items: &[String]| {
        let mut s = items.join("\n");
        if !s.is_empty() {
            s.push('\n');
        }
        s
    };
    let mut out = vec![
        ("role".to_string(), role.to_string()),
        ("ntp_servers".to_string(), lines(&spec.ntp_servers)),
        ("registry_mirror".to_string(), spec.registry.mirror.clone()),
        (
            "insecure_registries".to_string(),
            lines(&spec.registry.insecure),
        ),
        (
            "kube_download_url".to_string(),
            spec.kubernetes
                .download_url
                .trim_end_matches('/')
                .to_string(),
        ),
    ];
    if role == "master" {
        let on = |b: bool| if b { "true" } else { "false" }.to_string();
        out.extend([
            (
                "calico_manifest_url".to_string(),
                "https://raw.githubusercontent.com/projectcalico/calico/v3.28.1/manifests/calico.yaml".to_string(),
            ),
            (
                "flannel_manifest_url".to_string(),
                "https://github.com/flannel-io/flannel/releases/download/v0.25.6/kube-flannel.yml".to_string(),
            ),
            (
                "cloud_provider_manifests_url".to_string(),
                format!(
                    "https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/{}/manifests",
                    spec.addons.cloud_provider_version
                ),
            ),
            ("addon_cloud_controller_manager".to_string(), on(spec.addons.cloud_controller_manager)),
            ("addon_cinder_csi".to_string(), on(spec.addons.cinder_csi)),
            ("addon_octavia_services".to_string(), on(spec.addons.octavia_services)),
        ]);
    }
    out
}

pub const BOOTSTRAP_UNIT: &str = "# Written by hotc.
[Unit]
Description=hotc: bring up this Kubernetes node
Wants=network-online.target
After=network-online.target
ConditionPathExists=!/var/lib/hotc/bootstrap.done

[Service]
Type=oneshot
RemainAfterExit=yes
TimeoutStartSec=0
ExecStart=/usr/local/libexec/hotc/bootstrap.sh

[Install]
WantedBy=multi-user.target
";

const ZINCATI: &str =
    "# Written by hotc: OS updates are the operator's, node by node.\n[updates]\nenabled = false\n";

struct Inserts<'a> {
    spec: &'a Spec,
    bp: &'a Blueprint,
    flags: &'a BTreeSet<&'a str>,
    role: Option<&'a str>,
}

impl Inserts<'_> {
    fn lines(&self, name: &str, arg: &str) -> Result<Vec<String>, String> {
        let role = self.role.unwrap_or("");
        let mut out = Vec::new();
        match name {
            "node_properties" => {
                for p in &self.bp.parameters {
                    if p.templates.iter().any(|t| t == arg) && enabled(&p.when, self.flags) {
                        out.push(format!("{0}: {{get_param: {0}}}", p.name));
                    }
                }
                let plan = self
                    .bp
                    .templates
                    .iter()
                    .find(|t| t.role.as_deref() == Some(arg))
                    .ok_or_else(|| format!("internal error: no template for role {arg}"))?;
                for p in &plan.locals {
                    if let Some(from) = &p.from {
                        out.push(format!("{}: {{get_param: {from}}}", p.name));
                    }
                }
            }
            "units" => {
                out.push("- name: hotc-bootstrap.service".into());
                out.push("  enabled: true".into());
                out.push(format!("  contents: {}", yaml_string(BOOTSTRAP_UNIT)));
            }
            "static_files" => {
                for f in &self.bp.fragments {
                    if f.roles.iter().any(|r| r == role) {
                        out.extend(get_file_data(
                            &format!("/usr/local/libexec/hotc/{}", f.file),
                            0o755,
                            &format!("fragments/{}.b64", f.file),
                        ));
                    }
                }
                if !self.spec.ca_certificates.is_empty() {
                    out.extend(get_file_data(
                        "/etc/hotc/ca/extra-ca.pem",
                        0o644,
                        "fragments/extra-ca.pem.b64",
                    ));
                }
                out.extend(data_url_file(
                    "/etc/zincati/config.d/90-hotc-disable-updates.toml",
                    0o644,
                    ZINCATI,
                ));
                for (name, content) in build_settings(self.spec, role) {
                    out.extend(data_url_file(
                        &format!("/etc/hotc/params/{name}"),
                        0o600,
                        &content,
                    ));
                }
            }
            "param_files" => {
                for p in &self.bp.parameters {
                    if p.node != NodeDelivery::None
                        && p.templates.iter().any(|t| t == role)
                        && enabled(&p.when, self.flags)
                    {
                        out.extend(param_file(&p.name, &format!("{{get_param: {}}}", p.name)));
                    }
                }
            }
            "role_files" => {
                let names: &[&str] = if role == "master" {
                    &[
                        "index",
                        "bootstrap_token",
                        "certificate_key",
                        "api_address",
                        "api_public_address",
                        "subnet",
                    ]
                } else {
                    &["api_address"]
                };
                for n in names {
                    out.extend(param_file(n, &format!("{{get_param: {n}}}")));
                }
                if role == "master" {
                    out.extend(param_file(
                        "etcd_volume",
                        "{if: [etcd_volume, {get_resource: etcd_volume}, \"\"]}",
                    ));
                }
            }
            other => return Err(format!("internal error: unknown insert {other}")),
        }
        Ok(out)
    }
}

fn render_template(
    spec: &Spec,
    bp: &Blueprint,
    plan: &TemplatePlan,
    flags: &BTreeSet<&str>,
) -> Result<String, String> {
    let inserts = Inserts {
        spec,
        bp,
        flags,
        role: plan.role.as_deref(),
    };
    // Section name → lines, in HOT's usual order.
    let order = ["parameters", "conditions", "resources", "outputs"];
    let mut merged: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for p in template_parameters(bp, plan, flags) {
        merged
            .entry("parameters")
            .or_default()
            .extend(parameter_lines(spec, p.0, p.1)?);
    }
    for block in &plan.blocks {
        let path = format!("stdlib/blocks/{block}.yaml");
        let text = data(&path)?;
        let mut insert = |name: &str, arg: &str| inserts.lines(name, arg);
        let text = compose::preprocess(text, flags, &mut insert)
            .map_err(|e| format!("internal error: {path}: {e}"))?;
        if block == "api-lb" && !flags.contains("api_lb") {
            continue;
        }
        for (section, body) in compose::sections(&text) {
            let key = order
                .iter()
                .find(|o| **o == section)
                .ok_or_else(|| format!("internal error: {path}: section {section}"))?;
            merged.entry(key).or_default().extend(body);
        }
    }
    let mut out = String::new();
    out.push_str(&format!("heat_template_version: {HEAT_TEMPLATE_VERSION}\n"));
    out.push_str(&format!(
        "description: {}\n",
        yaml_string(&plan.description)
    ));
    out.push_str(&format!(
        "# Generated by hotc {} for the {} driver; change the spec and rebuild rather than edit.\n",
        env!("CARGO_PKG_VERSION"),
        spec.driver.name
    ));
    for section in order {
        if let Some(lines) = merged.get(section) {
            out.push('\n');
            out.push_str(section);
            out.push_str(":\n");
            for l in lines {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// Every environment list Magnum's selection can yield (the driver's
/// `get_env_files` makes the same choices).
pub fn environment_lists(spec: &Spec, prefix: &str) -> Vec<Vec<String>> {
    let lb = spec.network.api_load_balancer == LoadBalancer::Octavia;
    let mut lists = Vec::new();
    for network in ["with_private_network", "no_private_network"] {
        let lbs: &[bool] = if lb { &[false, true] } else { &[false] };
        for &lb_on in lbs {
            let fips: &[bool] = if spec.network.floating_ips {
                &[false, true]
            } else {
                &[false]
            };
            for &fip in fips {
                // The LB's floating IP: the label or the nodes' floating IPs.
                let lb_fips: Vec<bool> = if !lb {
                    vec![]
                } else if !lb_on {
                    vec![false]
                } else if fip {
                    vec![true]
                } else {
                    vec![false, true]
                };
                let base = {
                    let mut l = vec![format!("{network}.yaml")];
                    if lb {
                        l.push(
                            if lb_on {
                                "with_master_lb_octavia.yaml"
                            } else {
                                "no_master_lb.yaml"
                            }
                            .into(),
                        );
                    }
                    l.push(
                        if fip {
                            "enable_floating_ip.yaml"
                        } else {
                            "disable_floating_ip.yaml"
                        }
                        .into(),
                    );
                    l
                };
                if lb_fips.is_empty() {
                    lists.push(base.clone());
                }
                for lb_fip in lb_fips {
                    let mut l = base.clone();
                    l.push(
                        if lb_fip {
                            "enable_lb_floating_ip.yaml"
                        } else {
                            "disable_lb_floating_ip.yaml"
                        }
                        .into(),
                    );
                    lists.push(l);
                }
            }
        }
    }
    lists
        .into_iter()
        .map(|l| l.into_iter().map(|f| format!("{prefix}{f}")).collect())
        .collect()
}

pub fn render(spec: &Spec, bp: &Blueprint) -> Result<Rendered, String> {
    let flags = flags(spec);
    let package = spec.driver.name.clone();
    let templates_dir = format!("{package}/templates");
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for plan in &bp.templates {
        if !enabled(&plan.when, &flags) {
            continue;
        }
        let text = render_template(spec, bp, plan, &flags)?;
        files.insert(format!("{templates_dir}/{}", plan.file), text.into_bytes());
    }
    // Environments.
    let mut environments = Vec::new();
    for env in &bp.environments {
        if !enabled(&env.when, &flags) {
            continue;
        }
        let mut text = format!(
            "# Generated by hotc {}: the driver's template definition selects this file as\n# Magnum selects its own environments.\nparameter_defaults:\n",
            env!("CARGO_PKG_VERSION")
        );
        for (name, value) in &env.set {
            text.push_str(&format!("  {name}: {value}\n"));
        }
        let path = format!("{templates_dir}/environments/{}", env.file);
        environments.push(path.clone());
        files.insert(path, text.into_bytes());
    }
    // Fragments, readable, and as the nodes get them: without comments,
    // gzipped, in base64 (what the templates embed).
    for f in &bp.fragments {
        let text = data(&format!("stdlib/fragments/{}", f.file))?;
        files.insert(
            format!("{templates_dir}/fragments/{}", f.file),
            text.as_bytes().to_vec(),
        );
        files.insert(
            format!("{templates_dir}/fragments/{}.b64", f.file),
            base64(&gzip(without_comments(text).as_bytes())).into_bytes(),
        );
    }
    if !spec.ca_certificates.is_empty() {
        let bundle: String = spec
            .ca_certificates
            .iter()
            .map(|c| c.pem.as_str())
            .collect();
        files.insert(
            format!("{templates_dir}/fragments/extra-ca.pem"),
            bundle.clone().into_bytes(),
        );
        files.insert(
            format!("{templates_dir}/fragments/extra-ca.pem.b64"),
            base64(&gzip(bundle.as_bytes())).into_bytes(),
        );
    }
    // Python glue.
    files.insert(
        format!("{package}/__init__.py"),
        python_init(spec).into_bytes(),
    );
    files.insert(
        format!("{package}/version.py"),
        python_version(spec).into_bytes(),
    );
    files.insert(
        format!("{package}/driver.py"),
        python_driver(spec).into_bytes(),
    );
    files.insert(
        format!("{package}/template_def.py"),
        python_template_def(spec, bp, &flags)?.into_bytes(),
    );
    files.insert("pyproject.toml".into(), pyproject(spec).into_bytes());
    let lists = environment_lists(spec, &format!("{templates_dir}/environments/"));
    files.insert(
        "README.md".into(),
        readme(spec, bp, &files, &lists).into_bytes(),
    );
    check_outputs(bp, files.get(&format!("{templates_dir}/cluster.yaml")))?;
    Ok(Rendered {
        files,
        root_template: format!("{templates_dir}/cluster.yaml"),
        environment_lists: lists,
        environments,
        package,
    })
}

/// A script without its comment-only lines (the first, `#!`, stays): what the
/// nodes get, to keep the user data small. The `.sh` beside it is the source.
pub fn without_comments(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    for (i, line) in script.lines().enumerate() {
        if i > 0 && line.trim_start().starts_with('#') {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The outputs Magnum reads must exist in the root template: the Python
/// mappings and the template come from one blueprint, and this keeps it so.
fn check_outputs(bp: &Blueprint, root: Option<&Vec<u8>>) -> Result<(), String> {
    let text = String::from_utf8_lossy(root.map(Vec::as_slice).unwrap_or_default()).to_string();
    let parsed = crate::syntax::parse(&text);
    let outputs = parsed.root.as_ref().and_then(|r| r.get("outputs"));
    for o in &bp.outputs {
        if outputs.and_then(|n| n.get(&o.output)).is_none() {
            return Err(format!(
                "internal error: the root template has no output {}",
                o.output
            ));
        }
    }
    Ok(())
}

fn header(spec: &Spec) -> String {
    format!(
        "# Generated by hotc {} for the {} driver; change the spec and rebuild rather than edit.\n",
        env!("CARGO_PKG_VERSION"),
        spec.driver.name
    )
}

fn python_init(spec: &Spec) -> String {
    format!(
        "{}\"\"\"The {} Magnum driver: Kubernetes on Fedora CoreOS.\"\"\"\n",
        header(spec),
        spec.driver.name
    )
}

fn python_version(spec: &Spec) -> String {
    format!(
        "{}\"\"\"Versions Magnum reads (container_version) and that identify the build.\"\"\"\n\nversion = {}\ndriver = {}\ncontainer_version = 'containerd'\nos_version = {}\n",
        header(spec),
        python_string(&spec.driver.version),
        python_string(&spec.driver.name),
        python_string(&spec.os.version),
    )
}

fn python_driver(spec: &Spec) -> String {
    let name = &spec.driver.name;
    format!(
        r#"{header}"""The {name} driver: Magnum's Heat driver for Kubernetes with hotc's templates."""

from magnum.common import exception
from magnum.drivers.heat import driver

from {name} import template_def


class Driver(driver.KubernetesDriver):
    """Kubernetes on Fedora CoreOS VMs, from the templates of this package.

    KubernetesDriver brings Magnum's Kubernetes health monitor and the removal
    of the Octavia load balancers the cluster made, on delete.
    """

    @property
    def provides(self):
        return [{{'server_type': 'vm', 'os': {distro}, 'coe': 'kubernetes'}}]

    def get_template_definition(self):
        # A new definition each time: mappings accumulate on an instance.
        return template_def.TemplateDefinition()

    def upgrade_cluster(self, context, cluster, cluster_template,
                        max_batch_size, nodegroup, scale_manager=None,
                        rollback=False):
        raise exception.NotSupported(
            operation='Upgrading a cluster of the {name} driver '
                      '(build a driver for the new version and create a '
                      'new cluster or node group)')

    def get_nodegroup_extra_params(self, cluster, osc):
        """What a node group's stack needs from the cluster's stack."""
        stack = osc.heat().stacks.get(cluster.stack_id)
        outputs = {{o['output_key']: o['output_value']
                    for o in (stack.outputs or [])}}
        return {{
            'existing_master_private_ip':
                outputs.get('api_private_address') or '',
            'existing_security_group':
                outputs.get('worker_security_group') or '',
            'fixed_network': outputs.get('fixed_network') or '',
            'fixed_subnet': outputs.get('fixed_subnet') or '',
        }}
"#,
        header = header(spec),
        distro = python_string(&spec.os.distro),
    )
}

fn python_template_def(
    spec: &Spec,
    bp: &Blueprint,
    flags: &BTreeSet<&str>,
) -> Result<String, String> {
    let mut mappings = String::new();
    let mut nodegroup: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    let mut labels = String::new();
    let mut encoded = String::new();
    for p in &bp.parameters {
        if !enabled(&p.when, flags) {
            continue;
        }
        match &p.source {
            Source::Mapping {
                cluster_template,
                cluster,
            } => {
                let opt = |o: &Option<String>| {
                    o.as_deref()
                        .map(python_string)
                        .unwrap_or_else(|| "None".into())
                };
                mappings.push_str(&format!(
                    "    ({}, {}, {}),\n",
                    python_string(&p.name),
                    opt(cluster_template),
                    opt(cluster)
                ));
            }
            Source::Nodegroup { attr, role } => {
                nodegroup
                    .entry(role.as_str())
                    .or_default()
                    .push((p.name.clone(), attr.clone()));
            }
            Source::Label(label) => {
                labels.push_str(&format!(
                    "    ({}, {}),\n",
                    python_string(&p.name),
                    python_string(label)
                ));
            }
            _ => {}
        }
        if p.node == NodeDelivery::Encoded {
            encoded.push_str(&format!("    {},\n", python_string(&p.name)));
        }
    }
    let ng_map = |role: &str| -> String {
        nodegroup
            .get(role)
            .map(|v| {
                v.iter()
                    .map(|(h, a)| format!("        {}: {},\n", python_string(h), python_string(a)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut outputs = String::new();
    for o in &bp.outputs {
        if let (Some(attr), Some(role)) = (&o.nodegroup_attr, &o.role) {
            outputs.push_str(&format!(
                "    {}: ({}, {}),\n",
                python_string(role),
                python_string(&o.output),
                python_string(attr)
            ));
        }
    }
    let api_output = bp
        .outputs
        .iter()
        .find(|o| o.cluster_attr.is_some())
        .ok_or("internal error: no output for the API address")?;
    let py_bool = |b: bool| if b { "True" } else { "False" };
    Ok(format!(
        r#"{header}"""The {name} driver's template definition.

Parameters and outputs come from the same blueprint table as the templates'
`parameters:` and `outputs:` sections, so the two cannot drift.
"""

import os
import urllib.parse

from oslo_utils import strutils

from magnum.drivers.heat import template_def

TEMPLATES = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                         'templates')

# (Heat parameter, cluster template attribute, cluster attribute)
MAPPINGS = [
{mappings}]

# Node group attributes, by role.
NODEGROUP_MAPPINGS = {{
    'master': {{
{master_map}    }},
    'worker': {{
{worker_map}    }},
}}

# (Heat parameter, label) read from the cluster's or node group's labels.
LABELS = [
{labels}]

# Values that reach the nodes in Ignition data URLs: percent-encoded here.
PERCENT_ENCODED = [
{encoded}]

# Outputs read into node groups, by role: (output, node group attribute).
NODEGROUP_OUTPUTS = {{
{outputs}}}

# What the spec allows; Magnum's choices apply within it.
API_LOAD_BALANCER = {api_lb}
FLOATING_IPS = {floating_ips}


class ApiAddressOutputMapping(template_def.OutputMapping):
    """The API's address, as the URL of its port 6443."""

    def set_output(self, stack, cluster_template, cluster):
        if self.cluster_attr is None:
            return
        address = self.get_output_value(stack, cluster)
        if not address:
            return
        if ':' in address:
            address = '[%s]' % address
        setattr(cluster, self.cluster_attr, 'https://%s:6443' % address)


class TemplateDefinition(template_def.BaseTemplateDefinition):
    """Kubernetes on Fedora CoreOS, from hotc's templates."""

    def __init__(self):
        super().__init__()
        for heat_param, template_attr, cluster_attr in MAPPINGS:
            self.add_parameter(heat_param,
                               cluster_template_attr=template_attr,
                               cluster_attr=cluster_attr,
                               param_type=str)
        self.add_output({api_output}, cluster_attr={api_attr},
                        mapping_type=ApiAddressOutputMapping)

    @property
    def driver_module_path(self):
        return __name__.rpartition('.')[0]

    @property
    def template_path(self):
        return os.path.join(TEMPLATES, 'cluster.yaml')

    def get_nodegroup_param_maps(self, master_params=None,
                                 worker_params=None):
        master = dict(NODEGROUP_MAPPINGS['master'])
        master.update(master_params or {{}})
        worker = dict(NODEGROUP_MAPPINGS['worker'])
        worker.update(worker_params or {{}})
        return super().get_nodegroup_param_maps(master_params=master,
                                                worker_params=worker)

    def get_params(self, context, cluster_template, cluster, **kwargs):
        osc = self.get_osc(context)
        nodegroups = kwargs.get('nodegroups')
        labels = (nodegroups[0].labels if nodegroups else cluster.labels) or {{}}
        extra_params = kwargs.pop('extra_params', {{}})
        for heat_param, label in LABELS:
            value = labels.get(label)
            if value not in (None, ''):
                extra_params[heat_param] = value
        magnum_url = osc.magnum_url()
        if not magnum_url.endswith('/v1'):
            magnum_url += '/v1'
        extra_params['magnum_url'] = magnum_url
        extra_params['region_name'] = osc.cinder_region_name()
        params = super().get_params(context, cluster_template, cluster,
                                    extra_params=extra_params, **kwargs)
        for name in PERCENT_ENCODED:
            value = params.get(name)
            if isinstance(value, str):
                params[name] = urllib.parse.quote(value, safe='')
        return params

    def get_env_files(self, cluster_template, cluster, nodegroup=None):
        """The environments, chosen as Magnum chooses its own."""
        labels = (nodegroup.labels if nodegroup else cluster.labels) or {{}}
        env = []
        if cluster.fixed_network or cluster_template.fixed_network:
            env.append('environments/no_private_network.yaml')
        else:
            env.append('environments/with_private_network.yaml')
        if API_LOAD_BALANCER:
            if cluster.master_lb_enabled:
                env.append('environments/with_master_lb_octavia.yaml')
            else:
                env.append('environments/no_master_lb.yaml')
        if FLOATING_IPS and cluster.floating_ip_enabled:
            env.append('environments/enable_floating_ip.yaml')
        else:
            env.append('environments/disable_floating_ip.yaml')
        if API_LOAD_BALANCER:
            lb_floating_ip = (strutils.bool_from_string(
                labels.get('master_lb_floating_ip_enabled')) or
                (FLOATING_IPS and cluster.floating_ip_enabled))
            if cluster.master_lb_enabled and lb_floating_ip:
                env.append('environments/enable_lb_floating_ip.yaml')
            else:
                env.append('environments/disable_lb_floating_ip.yaml')
        return env

    def get_scale_params(self, context, cluster, node_count,
                         scale_manager=None, nodes_to_remove=None):
        params = {{'number_of_minions': node_count}}
        if nodes_to_remove:
            params['minions_to_remove'] = nodes_to_remove
        return params

    def update_outputs(self, stack, cluster_template, cluster,
                       nodegroups=None):
        nodegroups = nodegroups or [cluster.default_ng_worker,
                                    cluster.default_ng_master]
        for nodegroup in nodegroups:
            role = 'master' if nodegroup.role == 'master' else 'worker'
            output, attr = NODEGROUP_OUTPUTS[role]
            self.add_output(output, nodegroup_attr=attr,
                            nodegroup_uuid=nodegroup.uuid,
                            mapping_type=template_def.NodeGroupOutputMapping)
            if role == 'worker':
                self.add_output('number_of_minions',
                                nodegroup_attr='node_count',
                                nodegroup_uuid=nodegroup.uuid,
                                is_stack_param=True,
                                mapping_type=template_def.NodeGroupOutputMapping)
        super().update_outputs(stack, cluster_template, cluster,
                               nodegroups=nodegroups)
"#,
        header = header(spec),
        name = spec.driver.name,
        master_map = ng_map("master"),
        worker_map = ng_map("worker"),
        api_lb = py_bool(flags.contains("api_lb")),
        floating_ips = py_bool(flags.contains("floating_ips")),
        api_output = python_string(&api_output.output),
        api_attr = python_string(api_output.cluster_attr.as_deref().unwrap_or_default()),
    ))
}

pub fn distribution_name(spec: &Spec) -> String {
    format!("hotc-driver-{}", spec.driver.name.replace('_', "-"))
}

fn pyproject(spec: &Spec) -> String {
    let name = &spec.driver.name;
    format!(
        r#"{header}[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = {dist}
version = {version}
description = {description}
readme = "README.md"
requires-python = ">=3.9"

[project.entry-points."magnum.drivers"]
{name} = {entry}

[tool.setuptools]
packages = [{package}]
zip-safe = false

[tool.setuptools.package-data]
{name} = ["templates/*.yaml", "templates/environments/*.yaml", "templates/fragments/*"]
"#,
        header = header(spec),
        dist = toml_string(&distribution_name(spec)),
        version = toml_string(&spec.driver.version),
        description = toml_string(&format!(
            "Magnum driver {name}: Kubernetes on Fedora CoreOS {} (built by hotc)",
            spec.os.version
        )),
        entry = toml_string(&format!("{name}.driver:Driver")),
        package = toml_string(name),
    )
}

fn readme(
    spec: &Spec,
    bp: &Blueprint,
    files: &BTreeMap<String, Vec<u8>>,
    lists: &[Vec<String>],
) -> String {
    let name = &spec.driver.name;
    let yes = |b: bool| if b { "yes" } else { "no" };
    let mut s = String::new();
    s.push_str(&format!("# Magnum driver `{name}`\n\n"));
    s.push_str(&format!(
        "Kubernetes on Fedora CoreOS VMs for OpenStack Magnum, generated by hotc {} from a\ncluster spec. Change the spec and rebuild rather than edit these files: `hotc build`\nrefuses to overwrite files it did not generate.\n\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str("## Supported Magnum releases\n\n");
    s.push_str("Magnum releases that ship `magnum.drivers.heat`: up to 2026.1 (PyPI `magnum` 22.x).\nMagnum 2026.2 (23.0.0) removed the Heat driver API; this driver does not load there.\n\n");
    s.push_str("## Built from\n\n| option | value |\n| --- | --- |\n");
    let rows: Vec<(&str, String)> = vec![
        (
            "driver",
            format!("{} {}", spec.driver.name, spec.driver.version),
        ),
        ("provides", format!("vm / {} / kubernetes", spec.os.distro)),
        ("image", spec.os.image.clone()),
        ("image version", spec.os.version.clone()),
        ("Kubernetes", spec.kubernetes.version.clone()),
        (
            "network driver",
            spec.kubernetes.network_driver.as_str().to_string(),
        ),
        (
            "masters",
            format!("{} × {}", spec.nodes.master.count, spec.nodes.master.flavor),
        ),
        (
            "workers",
            format!("{} × {}", spec.nodes.worker.count, spec.nodes.worker.flavor),
        ),
        ("fixed network", spec.network.fixed_cidr.to_string()),
        (
            "pods / services",
            format!(
                "{} / {}",
                spec.kubernetes.pod_cidr, spec.kubernetes.service_cidr
            ),
        ),
        ("DNS", spec.network.dns_servers.join(", ")),
        ("external network", spec.network.external_network.clone()),
        ("floating IPs", yes(spec.network.floating_ips).into()),
        (
            "API load balancer",
            match spec.network.api_load_balancer {
                LoadBalancer::Octavia => "Octavia".into(),
                LoadBalancer::None => "none".into(),
            },
        ),
        ("HTTP proxy", spec.proxy.http.clone()),
        ("HTTPS proxy", spec.proxy.https.clone()),
        ("no proxy", spec.proxy.no_proxy.join(",")),
        ("NTP servers", spec.ntp_servers.join(", ")),
        (
            "extra CA certificates",
            spec.ca_certificates
                .iter()
                .map(|c| c.written.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("registry mirror", spec.registry.mirror.clone()),
        ("insecure registries", spec.registry.insecure.join(", ")),
        (
            "volumes (GiB)",
            format!(
                "containers {}, etcd {}",
                spec.volumes.container, spec.volumes.etcd
            ),
        ),
        (
            "cloud controller manager",
            yes(spec.addons.cloud_controller_manager).into(),
        ),
        ("Cinder CSI", yes(spec.addons.cinder_csi).into()),
        ("Octavia Services", yes(spec.addons.octavia_services).into()),
        (
            "cloud-provider-openstack",
            spec.addons.cloud_provider_version.clone(),
        ),
    ];
    for (k, v) in rows {
        let shown = if v.is_empty() {
            "—".to_string()
        } else {
            markdown_code(&v)
        };
        s.push_str(&format!("| {k} | {shown} |\n"));
    }
    s.push_str(&format!(
        "\n## Install\n\nInstall the package in the Python environments of **both** magnum-api and\nmagnum-conductor, then restart both:\n\n```sh\npip install .\nmagnum-driver-manage list-drivers -d -p   # lists `{name}`\n```\n\nSelect it per image, so that it runs beside other drivers for the same\n`{}` images:\n\n```sh\nopenstack image set --property os_distro={} --property magnum_driver={name} IMAGE\n```\n\n",
        spec.os.distro, spec.os.distro
    ));
    s.push_str("## How nodes come up\n\nNo agent: each server's user data is an Ignition config. A systemd unit runs the\nfragments below in order, then signals the node's `OS::Heat::WaitCondition` (with\nFAILURE at once if a step fails). Nodes get their certificates from Magnum's\ncertificate API with the cluster's trust, so they chain to the cluster CA that\n`openstack coe cluster config` and Magnum's health monitor use. Masters run kubeadm\nin external-CA mode; workers run the kubelet with their Magnum-signed certificate.\nValues reach the nodes as files under `/etc/hotc/params`; scripts read them, never\nrun them.\n\n| fragment | roles | does |\n| --- | --- | --- |\n");
    for f in &bp.fragments {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            f.file,
            f.roles.join(", "),
            f.description
        ));
    }
    s.push_str("\n## Environments Magnum can select\n\n");
    for l in lists {
        let names: Vec<&str> = l
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or(p))
            .collect();
        s.push_str(&format!("- {}\n", names.join(", ")));
    }
    s.push_str("\n## Files\n\n");
    for path in files.keys() {
        s.push_str(&format!("- `{path}`\n"));
    }
    s.push_str("- `README.md`\n");
    s
}
