//! Environment files: `parameters`, `parameter_defaults`, `resource_registry` and
//! the other sections, and their merge in the order given, as Heat's server does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::source::{FileId, Span};
use crate::syntax::{Entry, Node, Value};

/// The sections an environment may have.
pub const SECTIONS: [&str; 6] = [
    "parameters",
    "parameter_defaults",
    "resource_registry",
    "encrypted_param_names",
    "event_sinks",
    "parameter_merge_strategies",
];

/// Whether a parsed document is an environment rather than a template: a mapping
/// without a version key whose keys are all environment sections.
pub fn is_environment(root: &Node) -> bool {
    let Some(entries) = root.as_map() else {
        return false;
    };
    !entries.is_empty()
        && root.get("heat_template_version").is_none()
        && entries.iter().any(|e| SECTIONS.contains(&&*e.key_text))
}

/// What a registry entry maps a type to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Another type name (an alias), e.g. `OS::Heat::None`.
    Type(String),
    /// A template file, resolved against the environment's folder.
    File {
        written: String,
        path: Option<PathBuf>,
    },
    /// `null`: deletes an earlier mapping.
    Delete,
}

#[derive(Clone, Debug)]
pub struct RegistryEntry {
    pub file: FileId,
    /// The type name or glob (`OS::TripleO::*`), as written.
    pub key: String,
    pub key_span: Span,
    pub target: Target,
    pub value_span: Span,
}

impl RegistryEntry {
    pub fn is_glob(&self) -> bool {
        self.key.ends_with('*')
    }
}

/// One value from an environment, with where it was written.
#[derive(Clone, Debug)]
pub struct Located {
    pub value: Json,
    pub file: FileId,
    pub key_span: Span,
}

/// The environment of a stack: every environment file merged in order.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub parameters: BTreeMap<String, Located>,
    pub parameter_defaults: BTreeMap<String, Located>,
    /// Type-level entries, later files override earlier ones with the same key.
    pub registry: Vec<RegistryEntry>,
    /// Per-resource entries (`resources: {name: {Type: impl}}`); a later file's
    /// `resources` section replaces the whole earlier one (server-side merge).
    pub per_resource: BTreeMap<String, Vec<RegistryEntry>>,
    /// Type names that the environments of a tree map in more than one way
    /// (directory mode): hotc cannot tell which mapping a deployment uses.
    pub unresolved: std::collections::BTreeSet<String>,
}

/// How a type resolves through the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A plugin type name (after following aliases).
    Type(String),
    /// A template file.
    File(Option<PathBuf>, String),
    /// The alias chain loops.
    Loop,
    /// Mapped in more than one way by the environments of the tree.
    Unresolved,
}

/// What Heat says, or silently does, while it merges environment files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeIssue {
    /// A value for a parameter no template of the stack declares: Heat drops
    /// it (it keeps such names only from the first section it merges).
    Dropped {
        file: FileId,
        key_span: Span,
        name: String,
        section: &'static str,
    },
    /// Two files give one parameter different merge strategies.
    ConflictingStrategy {
        file: FileId,
        key_span: Span,
        name: String,
        strategy: String,
    },
    /// `merge`/`deep_merge` of a parameter whose type cannot be merged
    /// (boolean), or of a value Heat cannot read for that type.
    InvalidMerge {
        file: FileId,
        key_span: Span,
        name: String,
        message: String,
    },
}

/// The declared parameters of the templates of a stack, by name: what Heat's
/// environment merge calls the parameter schemata.
pub type Schemata<'a> = &'a dyn Fn(&str) -> Option<crate::hot::parameters::ParamType>;

impl Environment {
    /// Merges environment files in order, as Heat's server does
    /// (`environment_util.merge_environments`): `parameters` and
    /// `parameter_defaults` with the merge strategies of each file, keeping
    /// only declared names once a section holds values (`given_first` says
    /// whether `-P` values fill `parameters` before the files); other sections
    /// one level deep.
    pub fn merge_files(
        files: &[(FileId, &Path, &Node)],
        given_first: bool,
        schemata: Schemata,
    ) -> (Environment, Vec<MergeIssue>) {
        let mut env = Environment::default();
        let mut issues = Vec::new();
        let mut strategies: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        let mut parameters_nonempty = given_first;
        let mut defaults_nonempty = false;
        for (file, path, root) in files {
            let in_file = root.get("parameter_merge_strategies");
            for (section, nonempty) in [
                ("parameters", &mut parameters_nonempty),
                ("parameter_defaults", &mut defaults_nonempty),
            ] {
                let Some(entries) = root.get(section).and_then(Node::as_map) else {
                    continue;
                };
                if entries.is_empty() {
                    continue;
                }
                let target = if section == "parameters" {
                    &mut env.parameters
                } else {
                    &mut env.parameter_defaults
                };
                merge_section(
                    *file,
                    section,
                    entries,
                    in_file,
                    !*nonempty,
                    schemata,
                    &mut strategies,
                    target,
                    &mut issues,
                );
                *nonempty = true;
            }
            env.merge_registry(*file, path, root);
        }
        (env, issues)
    }

    /// Adds one environment file (in `-e` order), every value kept.
    pub fn merge_file(&mut self, file: FileId, path: &Path, root: &Node) {
        if let Some(entries) = root.get("parameters").and_then(Node::as_map) {
            for e in entries {
                self.parameters
                    .insert(e.key_text.to_string(), located(file, e));
            }
        }
        if let Some(entries) = root.get("parameter_defaults").and_then(Node::as_map) {
            for e in entries {
                self.parameter_defaults
                    .insert(e.key_text.to_string(), located(file, e));
            }
        }
        self.merge_registry(file, path, root);
    }

    /// The `resource_registry` of one file, over the earlier ones.
    fn merge_registry(&mut self, file: FileId, path: &Path, root: &Node) {
        let Some(registry) = root.get("resource_registry") else {
            return;
        };
        let base = base_dir(path, registry);
        let mut per_resource_seen = false;
        for e in registry.as_map().unwrap_or(&[]) {
            match &*e.key_text {
                "base_url" => {}
                "resources" => {
                    if !per_resource_seen {
                        self.per_resource.clear();
                        per_resource_seen = true;
                    }
                    for r in e.value.as_map().unwrap_or(&[]) {
                        let base = base_dir(path, &r.value).or_else(|| base.clone());
                        let mut list = Vec::new();
                        for m in r.value.as_map().unwrap_or(&[]) {
                            if matches!(&*m.key_text, "hooks" | "restricted_actions" | "base_url") {
                                continue;
                            }
                            list.push(entry(file, m, base.as_deref(), path));
                        }
                        self.per_resource.insert(r.key_text.to_string(), list);
                    }
                }
                _ => {
                    let new = entry(file, e, base.as_deref(), path);
                    self.registry.retain(|old| old.key != new.key);
                    self.registry.push(new);
                }
            }
        }
    }

    /// Resolves `type_name` for the resource `resource_name`, following aliases.
    /// Returns None when the registry does not map it (a plugin type as written).
    pub fn resolve(&self, type_name: &str, resource_name: Option<&str>) -> Option<Resolution> {
        self.resolve_traced(type_name, resource_name)
            .map(|(r, _)| r)
    }

    /// Like [`Environment::resolve`], with the registry entries that mapped it,
    /// in order.
    pub fn resolve_traced(
        &self,
        type_name: &str,
        resource_name: Option<&str>,
    ) -> Option<(Resolution, Vec<&RegistryEntry>)> {
        let mut name = type_name.to_string();
        let mut mapped = false;
        let mut trace: Vec<&RegistryEntry> = Vec::new();
        for _ in 0..32 {
            if self.unresolved.contains(&name) {
                return Some((Resolution::Unresolved, trace));
            }
            let Some(entry) = self.lookup(&name, if mapped { None } else { resource_name }) else {
                return mapped.then_some((Resolution::Type(name), trace));
            };
            trace.push(entry);
            match &entry.target {
                Target::Delete => return mapped.then_some((Resolution::Type(name), trace)),
                Target::File { written, path } => {
                    return Some((Resolution::File(path.clone(), written.clone()), trace));
                }
                Target::Type(t) => {
                    let next = if entry.is_glob() {
                        match t.strip_suffix('*') {
                            Some(prefix) => format!("{prefix}{}", &name[entry.key.len() - 1..]),
                            None => t.clone(),
                        }
                    } else {
                        t.clone()
                    };
                    if next == name {
                        return Some((Resolution::Type(name), trace));
                    }
                    if next == type_name || trace.iter().any(|e| e.key == next) {
                        return Some((Resolution::Loop, trace));
                    }
                    name = next;
                    mapped = true;
                }
            }
        }
        Some((Resolution::Loop, trace))
    }

    /// The mapping of a tree: every registry entry of the environment files
    /// found there, a type that they map in different ways marked unresolved.
    pub fn of_tree(files: &[(FileId, &Path, &Node)]) -> Environment {
        let mut each: Vec<Environment> = Vec::new();
        for (file, path, root) in files {
            let mut env = Environment::default();
            env.merge_file(*file, path, root);
            each.push(env);
        }
        let mut out = Environment::default();
        for env in each {
            for entry in env.registry {
                match out.registry.iter().find(|e| e.key == entry.key) {
                    Some(existing) if !same_target(&existing.target, &entry.target) => {
                        out.unresolved.insert(entry.key.clone());
                    }
                    Some(_) => {}
                    None => out.registry.push(entry),
                }
            }
        }
        let unresolved = out.unresolved.clone();
        out.registry.retain(|e| !unresolved.contains(&e.key));
        out
    }

    /// The entry that applies to a type: a per-resource one, an exact one, then the
    /// longest matching glob.
    fn lookup(&self, name: &str, resource_name: Option<&str>) -> Option<&RegistryEntry> {
        if let Some(list) = resource_name.and_then(|r| self.per_resource.get(r)) {
            if let Some(e) = list.iter().find(|e| e.key == name) {
                return Some(e);
            }
        }
        if let Some(e) = self.registry.iter().find(|e| e.key == name) {
            return Some(e);
        }
        self.registry
            .iter()
            .filter(|e| {
                e.is_glob()
                    && name.starts_with(&e.key[..e.key.len() - 1])
                    // A many-to-one glob never matches its own target.
                    && !matches!(&e.target, Target::Type(t) if !t.ends_with('*') && t == name)
            })
            .max_by_key(|e| e.key.len())
    }
}

/// One `parameters` or `parameter_defaults` section merged into what came
/// before it.
#[allow(clippy::too_many_arguments)]
fn merge_section(
    file: FileId,
    section: &'static str,
    entries: &[Entry],
    in_file: Option<&Node>,
    take_whole: bool,
    schemata: Schemata,
    strategies: &mut std::collections::HashMap<String, String>,
    target: &mut BTreeMap<String, Located>,
    issues: &mut Vec<MergeIssue>,
) {
    use crate::hot::parameters::ParamType;
    let file_default = in_file
        .and_then(|m| m.get("default"))
        .and_then(Node::as_str)
        .filter(|s| ALLOWED_STRATEGIES.contains(s))
        .unwrap_or("overwrite");
    let strategy_of = |name: &str, known: Option<&String>| -> String {
        match in_file.and_then(|m| m.get(name)).and_then(Node::as_str) {
            Some(s) if ALLOWED_STRATEGIES.contains(&s) => s.to_string(),
            _ => known.cloned().unwrap_or_else(|| file_default.to_string()),
        }
    };
    // Strategies are recorded (and conflicts found) before anything merges.
    for e in entries {
        if e.value.is_null() || schemata(&e.key_text).is_none() {
            continue;
        }
        let strategy = strategy_of(&e.key_text, strategies.get(&*e.key_text));
        match strategies.get(&*e.key_text) {
            None => {
                strategies.insert(e.key_text.to_string(), strategy);
            }
            Some(known) if *known != strategy => issues.push(MergeIssue::ConflictingStrategy {
                file,
                key_span: e.key.span,
                name: e.key_text.to_string(),
                strategy,
            }),
            Some(_) => {}
        }
    }
    if take_whole {
        for e in entries {
            target.insert(e.key_text.to_string(), located(file, e));
        }
        return;
    }
    for e in entries {
        let name: &str = &e.key_text;
        let Some(ty) = schemata(name) else {
            issues.push(MergeIssue::Dropped {
                file,
                key_span: e.key.span,
                name: name.to_string(),
                section,
            });
            continue;
        };
        if e.value.is_null() {
            continue;
        }
        let strategy = strategies
            .get(name)
            .cloned()
            .unwrap_or_else(|| "overwrite".into());
        let new = located(file, e);
        if strategy == "overwrite" {
            target.insert(name.to_string(), new);
            continue;
        }
        let deep = strategy == "deep_merge";
        let invalid = |message: String| MergeIssue::InvalidMerge {
            file,
            key_span: e.key.span,
            name: name.to_string(),
            message,
        };
        // Heat reads the value for the parameter's type first.
        let value = match (ty, &new.value) {
            (ParamType::Json, Json::String(s)) if !s.is_empty() => match serde_json::from_str(s) {
                Ok(v) => v,
                Err(e) => {
                    issues.push(invalid(format!("Invalid parameter in environment {e}.")));
                    continue;
                }
            },
            (ParamType::Json, v) => v.clone(),
            (_, v @ (Json::String(_) | Json::Array(_))) => v.clone(),
            _ => {
                issues.push(invalid("Invalid parameter in environment .".into()));
                continue;
            }
        };
        let old = target.get(name).map(|l| l.value.clone());
        let merged = match ty {
            ParamType::Json => merge_map(old, value, deep),
            ParamType::CommaDelimitedList => merge_list(old, value),
            ParamType::String | ParamType::Number => match (old, value) {
                (Some(Json::String(a)), Json::String(b)) => Json::String(a + &b),
                (None, v) => v,
                (_, v) => v,
            },
            ParamType::Boolean => {
                issues.push(invalid(format!(
                    "Invalid merge strategy '{strategy}' for parameter '{name}'."
                )));
                continue;
            }
        };
        target.insert(
            name.to_string(),
            Located {
                value: merged,
                ..new
            },
        );
    }
}

const ALLOWED_STRATEGIES: [&str; 3] = ["overwrite", "merge", "deep_merge"];

fn merge_list(old: Option<Json>, new: Json) -> Json {
    match (old, new) {
        (None, new) => new,
        (Some(Json::Array(mut a)), Json::Array(b)) => {
            a.extend(b);
            Json::Array(a)
        }
        (Some(Json::String(a)), Json::String(b)) if a.is_empty() => Json::String(b),
        (Some(Json::String(a)), Json::String(b)) => Json::String(format!("{a},{b}")),
        (Some(Json::Array(a)), Json::String(b)) => {
            let mut joined: Vec<String> =
                a.iter().map(crate::hot::parameters::python_str).collect();
            joined.push(b);
            Json::String(joined.join(","))
        }
        (Some(_), new) => new,
    }
}

fn merge_map(old: Option<Json>, new: Json, deep: bool) -> Json {
    let (Some(Json::Object(mut old)), Json::Object(new)) = (old, new.clone()) else {
        return new;
    };
    if old.is_empty() {
        return Json::Object(new);
    }
    for (k, v) in new {
        if v.is_null() {
            continue;
        }
        if !deep {
            old.insert(k, v);
            continue;
        }
        let previous = old.get(&k).cloned().filter(|p| !is_empty(p));
        let merged = match (&v, previous) {
            (Json::Object(_), Some(p)) => merge_map(Some(p), v.clone(), true),
            (Json::Array(_), Some(p)) => merge_list(Some(p), v.clone()),
            (Json::String(s), Some(Json::String(p))) => Json::String(p + s),
            _ => v.clone(),
        };
        old.insert(k, merged);
    }
    Json::Object(old)
}

fn is_empty(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::String(s) => s.is_empty(),
        Json::Array(a) => a.is_empty(),
        Json::Object(m) => m.is_empty(),
        Json::Bool(b) => !b,
        Json::Number(n) => n.as_f64() == Some(0.0),
    }
}

/// Whether two registry targets map to the same thing (files by resolved path).
fn same_target(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::File { path: Some(p), .. }, Target::File { path: Some(q), .. }) => p == q,
        _ => a == b,
    }
}

fn located(file: FileId, e: &Entry) -> Located {
    Located {
        value: e.value.to_json(),
        file,
        key_span: e.key.span,
    }
}

fn base_dir(env_path: &Path, map: &Node) -> Option<PathBuf> {
    let base = map.get("base_url")?.as_str()?;
    let base = base.strip_prefix("file://").unwrap_or(base);
    Some(env_path.parent().unwrap_or(Path::new("/")).join(base))
}

/// A registry value: a string without `::` is a file, relative to `base_url`
/// when there is one, else to the environment file's folder (client rule).
fn entry(file: FileId, e: &Entry, base: Option<&Path>, env_path: &Path) -> RegistryEntry {
    let target = match &e.value.value {
        Value::Null => Target::Delete,
        Value::Str(s) if !s.contains("::") => Target::File {
            written: s.to_string(),
            path: None,
        },
        Value::Str(s) => Target::Type(s.to_string()),
        _ => Target::Type(e.value.scalar_text().unwrap_or_default()),
    };
    let target = match target {
        Target::File { written, .. } => {
            let anchor = match base {
                Some(b) => b.join("x"),
                None => env_path.to_path_buf(),
            };
            let path = crate::workspace::references::resolve(&written, &anchor);
            Target::File { written, path }
        }
        other => other,
    };
    RegistryEntry {
        file,
        key: e.key_text.to_string(),
        key_span: e.key.span,
        target,
        value_span: e.value.span,
    }
}
