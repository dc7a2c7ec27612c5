//! Blueprints (`drivers/<family>/`) and the stdlib they are made of
//! (`stdlib/blocks`, `stdlib/fragments`), embedded in the binary and read with
//! hotc's own YAML reader.

use crate::syntax::{self, Node};

/// One embedded data file.
pub struct DataFile {
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! data_files {
    ($($path:literal),* $(,)?) => {
        &[$(DataFile { path: $path, text: include_str!(concat!("../../", $path)) }),*]
    };
}

/// Every data file a build can use.
pub static DATA: &[DataFile] = data_files![
    "drivers/k8s-fcos/parameters.yaml",
    "drivers/k8s-fcos/templates.yaml",
    "drivers/k8s-fcos/fragments.yaml",
    "stdlib/blocks/api-lb.yaml",
    "stdlib/blocks/api-pool-member.yaml",
    "stdlib/blocks/bootstrap-token.yaml",
    "stdlib/blocks/cluster-conditions.yaml",
    "stdlib/blocks/cluster-outputs.yaml",
    "stdlib/blocks/container-volume.yaml",
    "stdlib/blocks/etcd-volume.yaml",
    "stdlib/blocks/master-group.yaml",
    "stdlib/blocks/network.yaml",
    "stdlib/blocks/node-outputs.yaml",
    "stdlib/blocks/node-port.yaml",
    "stdlib/blocks/node-server.yaml",
    "stdlib/blocks/octavia-lb.yaml",
    "stdlib/blocks/private-network.yaml",
    "stdlib/blocks/security-groups.yaml",
    "stdlib/blocks/wait-condition.yaml",
    "stdlib/blocks/worker-group.yaml",
    "stdlib/fragments/addons.sh",
    "stdlib/fragments/bootstrap.sh",
    "stdlib/fragments/ca-trust.sh",
    "stdlib/fragments/certs.sh",
    "stdlib/fragments/chrony.sh",
    "stdlib/fragments/containerd.sh",
    "stdlib/fragments/kube-install.sh",
    "stdlib/fragments/kube-master.sh",
    "stdlib/fragments/kube-worker.sh",
    "stdlib/fragments/proxy.sh",
    "stdlib/fragments/signal.sh",
    "stdlib/fragments/volumes.sh",
];

pub fn data(path: &str) -> Result<&'static str, String> {
    DATA.iter()
        .find(|f| f.path == path)
        .map(|f| f.text)
        .ok_or_else(|| format!("internal error: no data file {path}"))
}

/// How a parameter's value reaches Heat.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// BaseTemplateDefinition always sends it.
    Base,
    /// A ParameterMapping from the cluster template and/or the cluster.
    Mapping {
        cluster_template: Option<String>,
        cluster: Option<String>,
    },
    Nodegroup {
        attr: String,
        role: String,
    },
    Label(String),
    Computed,
    Scale,
    NodegroupStack,
    Environment,
    Template,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeDelivery {
    None,
    Encoded,
    Raw,
}

/// A default: a literal (as YAML text read into a node) or a spec option.
#[derive(Clone, Debug)]
pub enum Default {
    None,
    Literal(Node),
    Spec(String),
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub kind: String,
    pub description: String,
    pub default: Default,
    pub hidden: bool,
    pub source: Source,
    pub node: NodeDelivery,
    pub unused: bool,
    pub templates: Vec<String>,
    pub constraints: Option<Node>,
    pub when: Option<String>,
    /// For template-local parameters: the root parameter that feeds it.
    pub from: Option<String>,
}

#[derive(Clone, Debug)]
pub struct TemplatePlan {
    pub file: String,
    pub description: String,
    pub role: Option<String>,
    pub blocks: Vec<String>,
    pub locals: Vec<Parameter>,
    pub when: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OutputMapping {
    pub output: String,
    pub cluster_attr: Option<String>,
    pub nodegroup_attr: Option<String>,
    pub role: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EnvironmentPlan {
    pub file: String,
    pub when: Option<String>,
    /// parameter name → YAML value text
    pub set: Vec<(String, bool)>,
}

#[derive(Clone, Debug)]
pub struct FragmentPlan {
    pub file: String,
    pub roles: Vec<String>,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct Blueprint {
    pub parameters: Vec<Parameter>,
    pub templates: Vec<TemplatePlan>,
    pub outputs: Vec<OutputMapping>,
    pub environments: Vec<EnvironmentPlan>,
    pub fragments: Vec<FragmentPlan>,
}

fn parse_data(path: &str) -> Result<Node, String> {
    let parsed = syntax::parse(data(path)?);
    if let Some(issue) = parsed.issues.first() {
        return Err(format!("internal error: {path}: {}", issue.message));
    }
    parsed
        .root
        .ok_or_else(|| format!("internal error: {path} is empty"))
}

fn text(node: &Node, key: &str) -> Option<String> {
    node.get(key)
        .and_then(|n| n.scalar_text())
        .filter(|_| node.get(key).is_some_and(|n| !n.is_null()))
}

fn list_of_text(node: &Node, key: &str) -> Vec<String> {
    node.get(key)
        .and_then(Node::as_seq)
        .map(|items| items.iter().filter_map(Node::scalar_text).collect())
        .unwrap_or_default()
}

fn parameter(node: &Node, origin: &str) -> Result<Parameter, String> {
    let name = text(node, "name")
        .ok_or_else(|| format!("internal error: {origin}: a parameter without a name"))?;
    let default = match node.get("default") {
        None => Default::None,
        Some(d) => match d.get("spec").and_then(Node::as_str) {
            Some(option) => Default::Spec(option.to_string()),
            None => Default::Literal(d.clone()),
        },
    };
    let source = match node.get("magnum") {
        None => Source::Template,
        Some(m) => match m.as_str() {
            Some("base") => Source::Base,
            Some("computed") => Source::Computed,
            Some("scale") => Source::Scale,
            Some("nodegroup_stack") => Source::NodegroupStack,
            Some("environment") => Source::Environment,
            Some("template") => Source::Template,
            Some(other) => {
                return Err(format!(
                    "internal error: {origin}: {name}: unknown source {other}"
                ));
            }
            None => {
                if let Some(attr) = text(m, "nodegroup") {
                    Source::Nodegroup {
                        attr,
                        role: text(m, "role").unwrap_or_else(|| "worker".into()),
                    }
                } else if let Some(label) = text(m, "label") {
                    Source::Label(label)
                } else {
                    Source::Mapping {
                        cluster_template: text(m, "cluster_template"),
                        cluster: text(m, "cluster"),
                    }
                }
            }
        },
    };
    let node_delivery = match node.get("node").and_then(Node::as_str) {
        Some("encoded") => NodeDelivery::Encoded,
        Some("raw") => NodeDelivery::Raw,
        _ => NodeDelivery::None,
    };
    Ok(Parameter {
        kind: text(node, "type").unwrap_or_else(|| "string".into()),
        description: text(node, "description").unwrap_or_default(),
        default,
        hidden: node.get("hidden").and_then(Node::as_bool).unwrap_or(false),
        source,
        node: node_delivery,
        unused: node.get("unused").and_then(Node::as_bool).unwrap_or(false),
        templates: list_of_text(node, "in"),
        constraints: node.get("constraints").cloned(),
        when: text(node, "when"),
        from: text(node, "from"),
        name,
    })
}

impl Blueprint {
    /// The Kubernetes on Fedora CoreOS blueprint.
    pub fn k8s_fcos() -> Result<Blueprint, String> {
        let params = parse_data("drivers/k8s-fcos/parameters.yaml")?;
        let parameters = params
            .get("parameters")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(|p| parameter(p, "parameters.yaml"))
            .collect::<Result<Vec<_>, _>>()?;
        let plan = parse_data("drivers/k8s-fcos/templates.yaml")?;
        let mut templates = Vec::new();
        for t in plan
            .get("templates")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let locals = t
                .get("parameters")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .map(|p| parameter(p, "templates.yaml"))
                .collect::<Result<Vec<_>, _>>()?;
            templates.push(TemplatePlan {
                file: text(t, "file").unwrap_or_default(),
                description: text(t, "description").unwrap_or_default(),
                role: text(t, "role"),
                blocks: list_of_text(t, "blocks"),
                locals,
                when: text(t, "when"),
            });
        }
        let outputs = plan
            .get("magnum_outputs")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(|o| OutputMapping {
                output: text(o, "output").unwrap_or_default(),
                cluster_attr: text(o, "cluster"),
                nodegroup_attr: text(o, "nodegroup"),
                role: text(o, "role"),
            })
            .collect();
        let environments = plan
            .get("environments")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(|e| EnvironmentPlan {
                file: text(e, "file").unwrap_or_default(),
                when: text(e, "when"),
                set: e
                    .get("set")
                    .and_then(Node::as_map)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| (s.key_text.to_string(), s.value.as_bool().unwrap_or(false)))
                    .collect(),
            })
            .collect();
        let frags = parse_data("drivers/k8s-fcos/fragments.yaml")?;
        let fragments = frags
            .get("fragments")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(|f| FragmentPlan {
                file: text(f, "file").unwrap_or_default(),
                roles: list_of_text(f, "roles"),
                description: text(f, "description").unwrap_or_default(),
            })
            .collect();
        Ok(Blueprint {
            parameters,
            templates,
            outputs,
            environments,
            fragments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_k8s_fcos_blueprint_loads_and_names_existing_blocks() {
        let b = Blueprint::k8s_fcos().expect("blueprint");
        assert!(b.parameters.len() > 30);
        for t in &b.templates {
            for block in &t.blocks {
                data(&format!("stdlib/blocks/{block}.yaml")).expect("block exists");
            }
        }
        for f in &b.fragments {
            data(&format!("stdlib/fragments/{}", f.file)).expect("fragment exists");
        }
    }
}
