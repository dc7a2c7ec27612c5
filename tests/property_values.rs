//! The property checker agrees with Heat's stack validation on every case of
//! tests/fixtures/property-values/cases.txt, whose verdicts were recorded
//! from Heat 27.0.1 in tests/golden/property-values.json
//! (scripts/property-values-golden.py).

use std::collections::HashMap;

use hotc::catalog::value::{CallInfo, Problem, ValueChecker, ValueKind};
use hotc::catalog::{CatalogSet, PropertySchema};
use hotc::grammar::Grammar;
use hotc::hot::Template;
use hotc::hot::constraints::read_entry;
use hotc::hot::functions::{Context, as_call};
use hotc::hot::parameters::{EffectiveValues, ParamType};
use hotc::syntax::{self, Node};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/property-values";

struct Case {
    name: String,
    ty: String,
    properties: String,
}

fn read_cases() -> (Vec<String>, Vec<Case>) {
    let text = std::fs::read_to_string(format!("{FIXTURES}/cases.txt")).expect("cases.txt");
    let mut params = Vec::new();
    let mut cases = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(p) = line.strip_prefix("@param ") {
            params.push(p.to_string());
            continue;
        }
        let mut parts = line.splitn(3, '|').map(str::trim);
        let (Some(name), Some(ty), Some(properties)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("a bad case line: {line}");
        };
        cases.push(Case {
            name: name.into(),
            ty: ty.into(),
            properties: properties.into(),
        });
    }
    (params, cases)
}

/// The template the golden script validated.
fn template(params: &[String], case: &Case) -> String {
    let mut lines = vec![
        "heat_template_version: 2018-08-31".to_string(),
        "parameters:".into(),
    ];
    lines.extend(params.iter().map(|p| format!("  {p}")));
    lines.extend([
        "resources:".into(),
        "  none: {type: OS::Heat::None}".into(),
        "  rs: {type: OS::Heat::RandomString}".into(),
        "  r:".into(),
        format!("    type: {}", case.ty),
        format!("    properties: {}", case.properties),
        String::new(),
    ]);
    lines.join("\n")
}

/// What the calls of these templates yield during Heat's validation, the way
/// a rule would tell the checker.
fn call_info<'t>(values: &'t EffectiveValues) -> impl Fn(&Node) -> Option<CallInfo> + 't {
    let version = Grammar::builtin().version("2018-08-31").expect("version");
    move |node: &Node| {
        let call = as_call(node, version, Context::Normal)?;
        Some(match call.name {
            "get_param" => match call.args.as_str().and_then(|p| values.get(p)) {
                Some(value) => CallInfo::Value {
                    value: value.clone(),
                    constraints: true,
                },
                None => CallInfo::Unknown,
            },
            // Heat validates a reference to a resource not yet created as its name.
            "get_resource" => match call.args.as_str() {
                Some(name) => CallInfo::Value {
                    value: Value::String(name.into()),
                    constraints: false,
                },
                None => CallInfo::Unknown,
            },
            // Heat evaluates these with their literal arguments.
            "list_join" | "str_split" | "list_concat" | "map_merge" => {
                match evaluate(call.name, &call.args.to_json()) {
                    Some(value) => CallInfo::Value {
                        value,
                        constraints: true,
                    },
                    None => CallInfo::Kind(kind_of(call.name)),
                }
            }
            "str_replace" | "digest" => CallInfo::Kind(ValueKind::String),
            "repeat" => CallInfo::Kind(ValueKind::List),
            _ => CallInfo::Unknown,
        })
    }
}

fn kind_of(function: &str) -> ValueKind {
    match function {
        "list_join" => ValueKind::String,
        "map_merge" => ValueKind::Map,
        _ => ValueKind::List,
    }
}

/// A few functions on literal arguments (nested calls are not evaluated).
fn evaluate(function: &str, args: &Value) -> Option<Value> {
    let args = args.as_array()?;
    match function {
        "list_join" => {
            let delimiter = args.first()?.as_str()?;
            let items: Option<Vec<&str>> =
                args.get(1)?.as_array()?.iter().map(Value::as_str).collect();
            Some(Value::String(items?.join(delimiter)))
        }
        "str_split" => {
            let delimiter = args.first()?.as_str()?;
            let text = args.get(1)?.as_str()?;
            Some(Value::Array(
                text.split(delimiter)
                    .map(|p| Value::String(p.into()))
                    .collect(),
            ))
        }
        "list_concat" => {
            let mut out = Vec::new();
            for list in args {
                out.extend(list.as_array()?.iter().cloned());
            }
            Some(Value::Array(out))
        }
        "map_merge" => {
            let mut out = serde_json::Map::new();
            for map in args {
                for (k, v) in map.as_object()? {
                    out.insert(k.clone(), v.clone());
                }
            }
            Some(Value::Object(out))
        }
        _ => None,
    }
}

/// A template resource's properties, from the provider's parameters.
fn provider_schemas() -> Vec<PropertySchema> {
    let text = std::fs::read_to_string(format!("{FIXTURES}/provider.yaml")).expect("provider");
    let parsed = syntax::parse(&text);
    let root = parsed.root.expect("a provider template");
    let template = Template::new(&root);
    let version = template.version.expect("a known version");
    template
        .parameters
        .iter()
        .map(|p| {
            let ty = p
                .get("type")
                .and_then(Node::as_str)
                .and_then(ParamType::parse)
                .expect("a parameter type");
            let constraints = p
                .get("constraints")
                .and_then(Node::as_seq)
                .unwrap_or(&[])
                .iter()
                .map(|c| read_entry(c, version).expect("a constraint").constraint)
                .collect();
            PropertySchema::for_parameter(p.name, ty, p.get("default").is_none(), constraints)
        })
        .collect()
}

fn check(params: &[String], case: &Case, catalogs: &CatalogSet) -> (String, Vec<Problem>) {
    let text = template(params, case);
    let parsed = syntax::parse(&text);
    let root = parsed.root.expect("a template");
    let template = Template::new(&root);
    let values = EffectiveValues::compute(&template, &hotc::hot::inputs::StackInputs::default());
    let calls = call_info(&values);
    let checker = ValueChecker {
        catalogs,
        calls: &calls,
    };
    let resource = template.resource("r").expect("resource r");
    let properties = resource.get("properties");
    let problems = if case.ty.ends_with(".yaml") {
        checker.map(&provider_schemas(), properties)
    } else {
        let ty = catalogs.get(&case.ty).expect("a catalog type");
        checker.properties(ty, properties)
    };
    (text, problems)
}

#[test]
fn the_checker_agrees_with_heat_on_every_case() {
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/golden/property-values.json").expect("the golden file"),
    )
    .expect("JSON");
    let verdicts: HashMap<&str, &Value> = golden["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| (c["name"].as_str().expect("a name"), c))
        .collect();
    let (params, cases) = read_cases();
    assert!(cases.len() > 150);
    assert_eq!(verdicts.len(), cases.len(), "every case has Heat's verdict");
    let catalogs = CatalogSet::builtin();
    let mut disagreements = Vec::new();
    for case in &cases {
        let verdict = verdicts[case.name.as_str()];
        let (text, problems) = check(&params, case, &catalogs);
        let ours: Vec<String> = problems
            .iter()
            .map(|p| p.heat_message("resources.r.properties"))
            .collect();
        // Heat stops at its first error; hotc reports every one, so Heat's
        // must be among them. Errors that are not about property values
        // (a resource-level shape) are not the checker's.
        let heat = verdict["message"]
            .as_str()
            .map(|m| m.strip_prefix("StackValidationFailed: ").unwrap_or(m));
        let agrees = match heat {
            None => ours.is_empty(),
            Some(m) if m.starts_with("Property error: ") => ours.iter().any(|o| o == m),
            Some(_) => ours.is_empty(),
        };
        // Every problem points inside the resource's properties.
        let start = text.find("    properties: ").expect("properties") + 16;
        let spans_ok = problems
            .iter()
            .all(|p| p.span.start as usize >= start && (p.span.end as usize) <= text.len());
        if !agrees || !spans_ok {
            disagreements.push(format!(
                "{}: {}\n    Heat: {}\n    hotc: {ours:?}",
                case.name,
                case.properties,
                heat.unwrap_or("accepted")
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree with Heat:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
}
