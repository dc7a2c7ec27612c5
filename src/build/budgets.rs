//! Size budgets of what a driver sends, measured on the exact bytes that Heat
//! and its client would produce from the rendered tree:
//!
//! - Nova's user data: at most 65,535 bytes after base64. A node's `user_data`
//!   is `list_join` of the Ignition map, which Heat serialises with
//!   `jsonutils.dumps(map, sort_keys=True)`; with `user_data_format: RAW` Heat
//!   passes that string on, and the Nova client base64-encodes it.
//! - Heat's max_template_size (524,288 characters) per template: the root
//!   template arrives as a map and Heat measures `str(template)` (Python's
//!   repr); a nested template arrives in `files` as the JSON text the client
//!   made of it.
//! - Heat's max_json_body_size (1,048,576 bytes) for the whole stacks.create
//!   request: `jsonutils.dumps` of stack name, parameters, template, files
//!   (every template and get_file the client reaches, the environments as
//!   JSON), environment files and timeout.
//!
//! Values known only when a cluster is created (parameters Magnum sends,
//! attributes of resources, the install path of the package) are stand-ins of
//! a reserved length; the rest is exact. `scripts/build-conformance.py` checks
//! these functions against Heat's and the client's own code.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::encode::base64_len;
use crate::syntax::{Node, Value};

pub const USER_DATA_LIMIT: usize = 65_535;
pub const TEMPLATE_LIMIT: usize = 524_288;
pub const REQUEST_LIMIT: usize = 1_048_576;

/// Characters reserved for a parameter whose value only exists at cluster
/// create, by name (at least its default is counted).
pub fn reserve(name: &str) -> usize {
    match name {
        // Magnum's CA for the OpenStack endpoints, percent-encoded (one CA of
        // 2 KiB takes about 2.4 KiB).
        "openstack_ca" => 4096,
        "auth_url" | "magnum_url" | "http_proxy" | "https_proxy" => 256,
        "no_proxy" => 512,
        "ssh_public_key" => 1024,
        // `<stack name, 43>-master-<index>`.
        "name" => 64,
        "index" => 4,
        "bootstrap_token" => 23,
        "certificate_key" => 64,
        // An IPv6 address at most.
        "api_address" | "api_public_address" | "existing_master_private_ip" => 45,
        _ => 128,
    }
}

/// Characters reserved for an attribute of a resource that only exists once
/// the stack is created.
fn attribute_reserve(attribute: &str) -> usize {
    match attribute {
        "fixed_ips" | "ip_address" | "private_ip" | "floating_ip_address" => 45,
        // https://<heat>:8004/v1/<project>/stacks/<name>/<id>/resources/<name>/signal
        "endpoint" => 512,
        "token" => 64,
        _ => 256,
    }
}

/// The install path of the package, as the client's `file://` URLs show it.
pub const URL_PREFIX_RESERVE: usize = 256;

#[derive(Clone, Debug)]
pub struct Measure {
    pub what: String,
    pub bytes: usize,
    pub limit: usize,
}

impl Measure {
    pub fn exceeded(&self) -> bool {
        self.bytes > self.limit
    }
}

// ---------------------------------------------------------------- Python ---

/// `json.dumps(value)` as Python writes it: `", "` and `": "` separators,
/// non-ASCII as `\uXXXX`; keys in the map's order (sorted, for serde_json's
/// map, which is what `sort_keys=True` gives).
pub fn py_json(value: &Json) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&py_number(n)),
        Json::String(s) => json_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Json::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_string(k, out);
                out.push_str(": ");
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

fn py_number(n: &serde_json::Number) -> String {
    if n.is_f64() {
        crate::syntax::scalar::python_float_repr(n.as_f64().unwrap_or_default())
    } else {
        n.to_string()
    }
}

/// A string as Python's json module escapes it with `ensure_ascii=True`.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// The length of `str(value)` in Python, in characters: what Heat measures
/// against max_template_size for a template sent as a map.
pub fn py_repr_len(value: &Json) -> usize {
    match value {
        Json::Null => 4,
        Json::Bool(true) => 4,
        Json::Bool(false) => 5,
        Json::Number(n) => py_number(n).len(),
        Json::String(s) => repr_string_len(s),
        Json::Array(items) => {
            2 + items.iter().map(py_repr_len).sum::<usize>() + 2 * items.len().saturating_sub(1)
        }
        Json::Object(map) => {
            2 + map
                .iter()
                .map(|(k, v)| repr_string_len(k) + 2 + py_repr_len(v))
                .sum::<usize>()
                + 2 * map.len().saturating_sub(1)
        }
    }
}

/// `len(repr(s))`: single quotes unless the text holds `'` and no `"`.
fn repr_string_len(s: &str) -> usize {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut n = 2;
    for c in s.chars() {
        n += match c {
            '\\' | '\n' | '\r' | '\t' => 2,
            c if c == quote => 2,
            c if (c as u32) < 0x20 || c as u32 == 0x7f => 4,
            c if (c as u32) >= 0x80 && c.is_control() => 4,
            _ => 1,
        };
    }
    n
}

// ------------------------------------------------------------ resolution ---

/// What the functions of a template resolve to.
pub struct Values<'a> {
    /// Parameter values as Heat holds them (typed).
    pub parameters: &'a BTreeMap<String, Json>,
    /// `get_attr: [resource, attribute, path...]`.
    pub attribute: &'a dyn Fn(&str, &str) -> Json,
    /// `get_resource: name`.
    pub reference: &'a dyn Fn(&str) -> Json,
    /// `get_file: path` → the file's text.
    pub file: &'a dyn Fn(&str) -> Option<String>,
}

/// Heat before the stack is created: attributes are None, references are the
/// resources' names.
pub fn before_create<'a>(
    parameters: &'a BTreeMap<String, Json>,
    file: &'a dyn Fn(&str) -> Option<String>,
) -> Values<'a> {
    Values {
        parameters,
        attribute: &|_, _| Json::Null,
        reference: &|name| Json::String(name.to_string()),
        file,
    }
}

struct Resolver<'a, 'd> {
    values: &'a Values<'a>,
    conditions: Option<&'d Node>,
}

impl Resolver<'_, '_> {
    fn resolve(&self, node: &Node) -> Result<Json, String> {
        if let Value::Map(entries) = &node.value {
            if let [entry] = entries.as_slice() {
                let args = &entry.value;
                match &*entry.key_text {
                    "get_param" => return self.get_param(args),
                    "get_attr" => {
                        let items = args.as_seq().ok_or("get_attr takes a list")?;
                        let resource = items.first().and_then(Node::as_str).unwrap_or_default();
                        let attribute = items.get(1).and_then(Node::as_str).unwrap_or_default();
                        return Ok((self.values.attribute)(resource, attribute));
                    }
                    "get_resource" => {
                        return Ok((self.values.reference)(args.as_str().unwrap_or_default()));
                    }
                    "get_file" => {
                        let path = args.as_str().ok_or("get_file takes a path")?;
                        return (self.values.file)(path)
                            .map(Json::String)
                            .ok_or_else(|| format!("get_file: no file {path}"));
                    }
                    "list_join" => return self.list_join(args),
                    "if" => {
                        let items = args.as_seq().ok_or("if takes a list")?;
                        let [condition, then, otherwise] = items else {
                            return Err("if takes three arguments".into());
                        };
                        let branch = if self.condition(condition, 0)? {
                            then
                        } else {
                            otherwise
                        };
                        return self.resolve(branch);
                    }
                    _ => {}
                }
            }
        }
        Ok(match &node.value {
            Value::Seq(items) => Json::Array(
                items
                    .iter()
                    .map(|i| self.resolve(i))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Map(entries) => {
                let mut map = Map::new();
                for e in entries {
                    map.insert(e.key_text.to_string(), self.resolve(&e.value)?);
                }
                Json::Object(map)
            }
            _ => node.to_json(),
        })
    }

    fn get_param(&self, args: &Node) -> Result<Json, String> {
        let name = match &args.value {
            Value::Str(s) => s.to_string(),
            Value::Seq(items) => items
                .first()
                .and_then(Node::as_str)
                .ok_or("get_param needs a name")?
                .to_string(),
            _ => return Err("get_param needs a name".into()),
        };
        self.values
            .parameters
            .get(&name)
            .cloned()
            .ok_or_else(|| format!("get_param: no value for {name}"))
    }

    /// `list_join: [delimiter, list, ...]`: maps and lists inside are written
    /// as JSON with sorted keys, None as nothing.
    fn list_join(&self, args: &Node) -> Result<Json, String> {
        let items = args.as_seq().ok_or("list_join takes a list")?;
        let (delimiter, lists) = items.split_first().ok_or("list_join: no delimiter")?;
        let delimiter = match self.resolve(delimiter)? {
            Json::String(s) => s,
            _ => return Err("list_join: the delimiter is not a string".into()),
        };
        let mut strings = Vec::new();
        for list in lists {
            match self.resolve(list)? {
                Json::Array(values) => {
                    for v in values {
                        strings.push(match v {
                            Json::Null => String::new(),
                            Json::String(s) => s,
                            v @ (Json::Array(_) | Json::Object(_)) => py_json(&v),
                            other => return Err(format!("list_join: cannot join {other}")),
                        });
                    }
                }
                Json::Null => {}
                other => return Err(format!("list_join: {other} is not a list")),
            }
        }
        Ok(Json::String(strings.join(&delimiter)))
    }

    fn condition(&self, node: &Node, depth: usize) -> Result<bool, String> {
        if depth > 32 {
            return Err("conditions nest too deep".into());
        }
        match &node.value {
            Value::Bool(b) => return Ok(*b),
            Value::Str(name) => {
                let def = self
                    .conditions
                    .and_then(|c| c.get(name))
                    .ok_or_else(|| format!("no condition {name}"))?;
                return self.condition(def, depth + 1);
            }
            _ => {}
        }
        let entries = node.as_map().ok_or("a condition is a name or a function")?;
        let [entry] = entries else {
            return Err("a condition function has one key".into());
        };
        let args = &entry.value;
        let operands = || args.as_seq().ok_or("the operands are a list");
        match &*entry.key_text {
            "get_param" => match self.get_param(args)? {
                Json::Bool(b) => Ok(b),
                Json::String(s) => Ok(matches!(
                    s.to_ascii_lowercase().as_str(),
                    "true" | "yes" | "on" | "t" | "y" | "1"
                )),
                other => Err(format!("{other} is not a boolean")),
            },
            "equals" => {
                let [a, b] = operands()? else {
                    return Err("equals takes two values".into());
                };
                Ok(self.resolve(a)? == self.resolve(b)?)
            }
            "not" => Ok(!self.condition(args, depth + 1)?),
            "and" => {
                for op in operands()? {
                    if !self.condition(op, depth + 1)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            "or" => {
                for op in operands()? {
                    if self.condition(op, depth + 1)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => Err(format!("unsupported condition function {other}")),
        }
    }
}

/// The string Heat makes of the `user_data` of the template's `server`.
pub fn user_data(template: &str, values: &Values) -> Result<String, String> {
    let parsed = crate::syntax::parse(template);
    let root = parsed.root.ok_or("the template is empty")?;
    let user_data = root
        .get("resources")
        .and_then(|r| r.get("server"))
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.get("user_data"))
        .ok_or("the template has no server with user_data")?;
    let resolver = Resolver {
        values,
        conditions: root.get("conditions"),
    };
    match resolver.resolve(user_data)? {
        Json::String(s) => Ok(s),
        other => Err(format!("user_data resolves to {other}, not a string")),
    }
}

/// A parameter's value as Heat holds it, from its type and its text.
pub fn typed(kind: &str, text: &str) -> Json {
    match kind {
        "number" => text
            .parse::<i64>()
            .map(Json::from)
            .unwrap_or_else(|_| Json::String(text.into())),
        "boolean" => Json::Bool(matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "yes" | "on" | "t" | "y" | "1"
        )),
        "comma_delimited_list" => Json::Array(
            text.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Json::String(s.trim().into()))
                .collect(),
        ),
        _ => Json::String(text.into()),
    }
}

/// Stand-in values for a template's parameters: each string at least as long
/// as its default and its reserve; other types at their default.
pub fn stand_in_parameters(template: &str) -> BTreeMap<String, Json> {
    let parsed = crate::syntax::parse(template);
    let mut out = BTreeMap::new();
    let Some(params) = parsed
        .root
        .as_ref()
        .and_then(|r| r.get("parameters"))
        .and_then(Node::as_map)
    else {
        return out;
    };
    for p in params {
        let kind = p
            .value
            .get("type")
            .and_then(Node::as_str)
            .unwrap_or("string");
        let default = p.value.get("default");
        let value = match kind {
            "string" => {
                let text = default.and_then(Node::scalar_text).unwrap_or_default();
                let len = text.chars().count().max(reserve(&p.key_text));
                Json::String("x".repeat(len))
            }
            "boolean" => Json::Bool(true),
            _ => default.map(Node::to_json).unwrap_or(Json::Null),
        };
        out.insert(p.key_text.to_string(), value);
    }
    out
}

/// The user data of a node template (path relative to the templates folder)
/// after Nova's base64, with stand-ins for what only the cluster knows.
pub fn user_data_measure(
    files: &BTreeMap<String, Vec<u8>>,
    templates_dir: &str,
    template: &str,
) -> Result<Measure, String> {
    let text = files
        .get(&format!("{templates_dir}/{template}"))
        .map(|b| String::from_utf8_lossy(b).to_string())
        .ok_or_else(|| format!("no template {template}"))?;
    let parameters = stand_in_parameters(&text);
    let file = |path: &str| {
        files
            .get(&format!("{templates_dir}/{path}"))
            .map(|b| String::from_utf8_lossy(b).to_string())
    };
    let values = Values {
        parameters: &parameters,
        attribute: &|_, attribute| Json::String("x".repeat(attribute_reserve(attribute))),
        reference: &|_| Json::String("x".repeat(36)),
        file: &file,
    };
    let data = user_data(&text, &values)?;
    Ok(Measure {
        what: format!("user data of {template}"),
        bytes: base64_len(data.len()),
        limit: USER_DATA_LIMIT,
    })
}

// --------------------------------------------------------------- request ---

/// What Magnum adds to the tree in its stacks.create call.
pub struct RequestValues {
    /// `file:///…/<package>/templates/` as the client writes the URLs.
    pub templates_url: String,
    pub stack_name: String,
    pub parameters: Json,
    pub timeout_mins: u32,
}

/// The stacks.create request as the client sends it, and the size Heat gives
/// each template (the root's repr, each nested template's JSON text).
pub struct Request {
    pub body: Json,
    pub templates: Vec<(String, usize)>,
}

/// Reads a template of the tree as the client does: parsed, its `get_file`
/// and template `type` values replaced by URLs, the files they name added.
fn collect(
    tree: &BTreeMap<String, Vec<u8>>,
    templates_dir: &str,
    rel: &str,
    url: &str,
    files: &mut Map<String, Json>,
    sizes: &mut Vec<(String, usize)>,
) -> Result<Json, String> {
    let text = tree
        .get(&format!("{templates_dir}/{rel}"))
        .map(|b| String::from_utf8_lossy(b).to_string())
        .ok_or_else(|| format!("no file {rel}"))?;
    let parsed = crate::syntax::parse(&text);
    let root = parsed.root.ok_or_else(|| format!("{rel} is empty"))?;
    let mut json = root.to_json();
    let base = rel
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    rewrite(tree, templates_dir, &base, url, &mut json, files, sizes)?;
    Ok(json)
}

fn rewrite(
    tree: &BTreeMap<String, Vec<u8>>,
    templates_dir: &str,
    base: &str,
    url: &str,
    json: &mut Json,
    files: &mut Map<String, Json>,
    sizes: &mut Vec<(String, usize)>,
) -> Result<(), String> {
    match json {
        Json::Object(map) => {
            for (key, value) in map.iter_mut() {
                let target = match (key.as_str(), &*value) {
                    ("get_file", Json::String(p)) => Some(p.clone()),
                    ("type", Json::String(p))
                        if p.ends_with(".yaml") || p.ends_with(".template") =>
                    {
                        Some(p.clone())
                    }
                    _ => None,
                };
                if let Some(target) = target {
                    let rel = format!("{base}{target}");
                    let full = format!("{url}{rel}");
                    if !files.contains_key(&full) {
                        let bytes = tree
                            .get(&format!("{templates_dir}/{rel}"))
                            .ok_or_else(|| format!("no file {rel}"))?;
                        let text = String::from_utf8_lossy(bytes).to_string();
                        let is_template = crate::syntax::parse(&text)
                            .root
                            .is_some_and(|r| r.as_map().is_some());
                        let content = if is_template {
                            let nested = collect(tree, templates_dir, &rel, url, files, sizes)?;
                            let dumped = py_json(&nested);
                            sizes.push((rel.clone(), dumped.chars().count()));
                            dumped
                        } else {
                            text
                        };
                        files.insert(full.clone(), Json::String(content));
                    }
                    *value = Json::String(full);
                } else {
                    rewrite(tree, templates_dir, base, url, value, files, sizes)?;
                }
            }
        }
        Json::Array(items) => {
            for item in items {
                rewrite(tree, templates_dir, base, url, item, files, sizes)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The stacks.create request for the root template and one environment list
/// (paths relative to the templates folder).
pub fn request(
    tree: &BTreeMap<String, Vec<u8>>,
    templates_dir: &str,
    root: &str,
    environments: &[String],
    values: &RequestValues,
) -> Result<Request, String> {
    let mut files = Map::new();
    let mut sizes = Vec::new();
    let template = collect(
        tree,
        templates_dir,
        root,
        &values.templates_url,
        &mut files,
        &mut sizes,
    )?;
    sizes.insert(0, (root.to_string(), py_repr_len(&template)));
    let mut environment_files = Vec::new();
    for env in environments {
        let text = tree
            .get(&format!("{templates_dir}/{env}"))
            .map(|b| String::from_utf8_lossy(b).to_string())
            .ok_or_else(|| format!("no environment {env}"))?;
        let parsed = crate::syntax::parse(&text);
        let json = parsed.root.map(|r| r.to_json()).unwrap_or(Json::Null);
        let url = format!("{}{env}", values.templates_url);
        files.insert(url.clone(), Json::String(py_json(&json)));
        environment_files.push(Json::String(url));
    }
    let mut body = Map::new();
    body.insert("stack_name".into(), Json::String(values.stack_name.clone()));
    body.insert("parameters".into(), values.parameters.clone());
    body.insert("template".into(), template);
    body.insert("files".into(), Json::Object(files));
    body.insert("environment_files".into(), Json::Array(environment_files));
    body.insert("timeout_mins".into(), Json::from(values.timeout_mins));
    Ok(Request {
        body: Json::Object(body),
        templates: sizes,
    })
}

/// Stand-ins for the request: the parameters Magnum may send (every root
/// parameter, at least as long as its default and its reserve), a stack name of
/// the longest form Magnum makes, and an install path of a reserved length.
pub fn stand_in_request(root_template: &str, package: &str) -> RequestValues {
    let parameters: Map<String, Json> = stand_in_parameters(root_template)
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Json::Array(_) => Json::String("x".repeat(reserve(&k))),
                other => other,
            };
            (k, v)
        })
        .collect();
    RequestValues {
        templates_url: format!(
            "file://{}/{package}/templates/",
            "x".repeat(URL_PREFIX_RESERVE)
        ),
        stack_name: "x".repeat(43),
        parameters: Json::Object(parameters),
        timeout_mins: 60,
    }
}

/// The template and request measures for every environment list.
pub fn request_measures(
    tree: &BTreeMap<String, Vec<u8>>,
    package: &str,
    lists: &[Vec<String>],
) -> Result<Vec<Measure>, String> {
    let templates_dir = format!("{package}/templates");
    let root_text = tree
        .get(&format!("{templates_dir}/cluster.yaml"))
        .map(|b| String::from_utf8_lossy(b).to_string())
        .unwrap_or_default();
    let values = stand_in_request(&root_text, package);
    let prefix = format!("{templates_dir}/");
    let mut largest: Option<(usize, Request)> = None;
    let mut lists: Vec<Vec<String>> = lists.to_vec();
    lists.push(Vec::new());
    for list in &lists {
        let relative: Vec<String> = list
            .iter()
            .map(|e| e.strip_prefix(&prefix).unwrap_or(e).to_string())
            .collect();
        let req = request(tree, &templates_dir, "cluster.yaml", &relative, &values)?;
        let bytes = py_json(&req.body).len();
        if largest.as_ref().is_none_or(|(b, _)| bytes > *b) {
            largest = Some((bytes, req));
        }
    }
    let Some((bytes, req)) = largest else {
        return Ok(Vec::new());
    };
    let mut out: Vec<Measure> = req
        .templates
        .iter()
        .map(|(rel, size)| Measure {
            what: format!("template {rel}"),
            bytes: *size,
            limit: TEMPLATE_LIMIT,
        })
        .collect();
    out.push(Measure {
        what: "the stacks.create request".into(),
        bytes,
        limit: REQUEST_LIMIT,
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_written_as_python_writes_it() {
        let v: Json = serde_json::json!({"b": [1, true, null], "a": "x\"\\\n\té\u{1F600}\u{7f}/"});
        assert_eq!(
            py_json(&v),
            r#"{"a": "x\"\\\n\t\u00e9\ud83d\ude00\u007f/", "b": [1, true, null]}"#
        );
        assert_eq!(py_json(&serde_json::json!({})), "{}");
        assert_eq!(py_json(&serde_json::json!([])), "[]");
    }

    #[test]
    fn repr_lengths_follow_python() {
        // str({'a': "it's", 'b': [1, None, True]}) == "{'a': \"it's\", 'b': [1, None, True]}"
        let v: Json = serde_json::json!({"a": "it's", "b": [1, null, true]});
        assert_eq!(
            py_repr_len(&v),
            "{'a': \"it's\", 'b': [1, None, True]}".len()
        );
        // Both quotes: single quotes, the inner one escaped; non-ASCII as is.
        assert_eq!(repr_string_len("a'\"é"), "'a\\'\"é'".chars().count());
        assert_eq!(repr_string_len("a\nb"), 6);
    }
}
