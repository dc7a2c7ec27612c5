//! The built-in HOT grammar: it parses, it says what Heat says, and it agrees
//! with the facts read out of Heat (`../shared/heat-catalog/heat-hot-versions.json`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use hotc::grammar::{Evaluation, FunctionStatus, Grammar, Shape, VersionSpec};
use serde_json::Value;

fn version(value: &str) -> &'static VersionSpec {
    match Grammar::builtin().version(value) {
        Some(spec) => spec,
        None => panic!("no version {value}"),
    }
}

fn has_function(value: &str, name: &str) -> bool {
    version(value).function(name).is_some()
}

fn status(value: &str, name: &str) -> Option<FunctionStatus> {
    version(value).function(name).map(|f| f.status)
}

#[test]
fn the_grammar_file_parses() {
    let text = include_str!("../grammar/hot.grammar");
    let parsed = Grammar::parse(text).map_err(|e| e.to_string());
    assert_eq!(parsed.as_ref(), Ok(Grammar::builtin()));
    assert_eq!(Grammar::builtin().versions.len(), 11);
}

#[test]
fn accepted_values_are_in_heats_order() {
    // From Heat's message for an unknown heat_template_version.
    let heat = "2013-05-23, 2014-10-16, 2015-04-30, 2015-10-15, 2016-04-08, 2016-10-14, \
                2017-02-24, 2017-09-01, 2018-03-02, 2018-08-31, 2021-04-16, \
                newton, ocata, pike, queens, rocky, wallaby";
    assert_eq!(Grammar::builtin().accepted_values().join(", "), heat);
}

#[test]
fn versions_are_found_by_date_or_alias_only() {
    let grammar = Grammar::builtin();
    assert_eq!(
        grammar.version("newton").map(|v| v.date.as_str()),
        Some("2016-10-14")
    );
    assert_eq!(
        grammar.version("2016-10-14").map(|v| v.release.as_str()),
        Some("Newton")
    );
    assert_eq!(
        grammar.version("wallaby").map(|v| v.date.as_str()),
        Some("2021-04-16")
    );
    for rejected in ["icehouse", "mitaka", "Newton", "2099-01-01", "2016-10-14 "] {
        assert!(
            grammar.version(rejected).is_none(),
            "{rejected} must not be accepted"
        );
    }
}

#[test]
fn functions_appear_and_disappear_per_version() {
    assert!(!has_function("2016-04-08", "if"));
    assert!(has_function("2016-10-14", "if"));
    assert!(!has_function("2016-10-14", "str_replace_strict"));
    assert!(has_function("2017-02-24", "str_replace_strict"));
    assert!(!has_function("2015-04-30", "str_split"));
    assert!(has_function("2015-10-15", "str_split"));
    assert!(!has_function("2014-10-16", "repeat"));
    assert!(has_function("2015-04-30", "digest"));

    assert_eq!(
        status("2015-04-30", "Fn::Select"),
        Some(FunctionStatus::Available)
    );
    assert_eq!(
        status("2015-10-15", "Fn::Select"),
        Some(FunctionStatus::Removed)
    );
    assert_eq!(
        status("2013-05-23", "Fn::Join"),
        Some(FunctionStatus::Available)
    );
    assert_eq!(
        status("2014-10-16", "Fn::Join"),
        Some(FunctionStatus::Removed)
    );
    assert_eq!(status("2021-04-16", "Ref"), Some(FunctionStatus::Removed));
    // Never HOT functions: plain data in every version.
    for name in ["Fn::GetAtt", "Fn::If", "get_input", "equals"] {
        assert!(
            Grammar::builtin().any_version_with_function(name).is_none(),
            "{name}"
        );
    }
    let first = |name: &str| {
        Grammar::builtin()
            .any_version_with_function(name)
            .map(|v| v.date.as_str())
    };
    assert_eq!(first("make_url"), Some("2017-09-01"));
    assert_eq!(first("Fn::Select"), Some("2013-05-23"));
    assert_eq!(
        version("2021-04-16")
            .function("map_merge")
            .map(|f| f.since.as_str()),
        Some("2016-04-08")
    );
}

#[test]
fn variants_follow_heats_availability_matrix() {
    let variant = |value: &str, name: &str| {
        version(value)
            .function(name)
            .and_then(|f| f.variant.clone())
    };
    let expect = [
        ("get_attr", "2013-05-23", "a"),
        ("get_attr", "2014-10-16", "b"),
        ("get_attr", "2015-04-30", "b"),
        ("get_attr", "2015-10-15", "c"),
        ("str_replace", "2015-04-30", "a"),
        ("str_replace", "2015-10-15", "b"),
        ("list_join", "2015-04-30", "a"),
        ("list_join", "2015-10-15", "b"),
        ("repeat", "2016-04-08", "a"),
        ("repeat", "2016-10-14", "b"),
        ("repeat", "2017-02-24", "b"),
        ("repeat", "2017-09-01", "c"),
        ("if", "2018-08-31", "a"),
        ("if", "2021-04-16", "b"),
    ];
    for (name, value, letter) in expect {
        assert_eq!(
            variant(value, name).as_deref(),
            Some(letter),
            "{name} in {value}"
        );
    }
    assert_eq!(variant("2021-04-16", "get_param"), None);
}

#[test]
fn argument_shapes_and_messages() {
    let spec = |value: &str, name: &str| match version(value).function(name) {
        Some(spec) => spec.clone(),
        None => panic!("{name} in {value}"),
    };
    let if_a = spec("2016-10-14", "if");
    assert_eq!(if_a.args.to_string(), "literal [any, any, any]");
    assert!(!if_a.args.accepts_call());
    assert_eq!(
        if_a.message.as_deref(),
        Some(
            r#"Arguments to "if" must be of the form: [condition_name, value_if_true, value_if_false]"#
        )
    );
    assert_eq!(
        spec("2021-04-16", "if").args.to_string(),
        "literal [any, any, any?]"
    );
    assert_eq!(
        spec("2013-05-23", "get_attr").args.to_string(),
        "literal [any, any, any*]"
    );
    assert_eq!(
        spec("2017-09-01", "repeat").args.to_string(),
        "literal {template: any, for_each: map, permutations?: literal boolean, ...}"
    );
    assert_eq!(
        spec("2016-10-14", "yaql").args.to_string(),
        "literal {expression: string, data?: any}"
    );
    assert_eq!(spec("2021-04-16", "get_param").args, Shape::Any);
    assert_eq!(spec("2021-04-16", "get_param").message, None);
    // Removed functions are rejected whatever their arguments.
    let select = spec("2015-10-15", "Fn::Select");
    assert_eq!((select.args, select.message), (Shape::Any, None));
    assert_eq!(
        spec("2013-05-23", "Fn::Select").args.to_string(),
        "literal [any, any]"
    );
    assert_eq!(
        spec("2017-02-24", "filter").message.as_deref(),
        Some(
            r#""filter" expected 2 arguments of the form [values, sequence] but got {count} arguments instead"#
        )
    );
    // Heat prints KeyError messages as Python reprs: quoted, with `\n` escapes.
    assert_eq!(
        spec("2015-10-15", "str_replace").message.as_deref(),
        Some(
            r#"'"str_replace" syntax should be str_replace:\n              template: This is var1 template var2\n              params:\n                var1: a\n                var2: string'"#
        )
    );
    assert!(
        spec("2013-05-23", "Fn::MemberListToMap")
            .message
            .is_some_and(
                |m| m.starts_with("Wrong Arguments try: \"\n            {'Fn::MemberListToMap'")
            )
    );

    let and = version("2016-10-14")
        .condition_function("and")
        .map(|f| f.args.to_string());
    assert_eq!(and.as_deref(), Some("literal [any, any, any*]"));
    let get_param = version("2016-10-14").condition_function("get_param");
    assert_eq!(get_param.map(|f| f.since.as_str()), Some("2013-05-23"));
}

#[test]
fn sections_keys_and_policies_per_version() {
    assert!(!version("2016-04-08").has_section("conditions"));
    assert!(version("2016-10-14").has_section("conditions"));
    assert!(version("2013-05-23").has_section("heat_template_version"));
    assert!(!version("2013-05-23").has_section("__undefined__"));

    assert!(!version("2016-04-08").has_resource_key("external_id"));
    assert!(version("newton").has_resource_key("external_id"));
    assert!(version("newton").has_resource_key("condition"));
    assert!(!version("2016-04-08").has_output_key("condition"));
    assert!(version("newton").has_output_key("condition"));

    assert!(!version("2017-09-01").has_parameter_key("tags"));
    assert!(version("2018-03-02").has_parameter_key("tags"));
    assert!(version("2013-05-23").has_parameter_key("immutable"));
    assert!(version("2013-05-23").has_parameter_key("schema"));

    assert!(!version("2016-10-14").has_constraint_kind("modulo"));
    assert!(version("2017-02-24").has_constraint_kind("modulo"));
    assert!(version("2017-02-24").is_constraint_key("description"));
    assert!(!version("2017-02-24").has_constraint_kind("description"));

    assert!(!version("2016-04-08").has_deletion_policy("retain"));
    assert!(version("2016-10-14").has_deletion_policy("retain"));
    assert!(version("2016-04-08").has_deletion_policy("Retain"));
    assert!(!version("2021-04-16").has_deletion_policy("RETAIN"));

    assert_eq!(
        version("2013-05-23").parameter_types,
        [
            "string",
            "number",
            "comma_delimited_list",
            "json",
            "boolean"
        ]
    );
    assert!(!version("2021-04-16").has_parameter_type("String"));

    assert!(!version("2018-08-31").if_allows_two_arguments);
    assert!(version("2021-04-16").if_allows_two_arguments);

    assert!(!version("2016-10-14").is_condition_function("yaql"));
    assert!(version("2017-09-01").is_condition_function("yaql"));
    assert!(version("2017-09-01").is_condition_function("contains"));
    assert!(!version("2021-04-16").is_condition_function("if"));
    assert!(version("2016-04-08").condition_functions.is_empty());
}

#[test]
fn where_functions_are_evaluated() {
    let old = version("2015-10-15");
    let new = version("2018-03-02");
    assert_eq!(old.evaluation("parameters"), Some(Evaluation::Literal));
    assert_eq!(
        old.evaluation("resources.*.depends_on"),
        Some(Evaluation::Literal)
    );
    assert_eq!(
        old.evaluation("resources.*.properties"),
        Some(Evaluation::Functions)
    );
    assert_eq!(
        old.evaluation("resources.*.deletion_policy"),
        Some(Evaluation::Resolved)
    );
    assert_eq!(
        old.evaluation("outputs.*.value"),
        Some(Evaluation::Functions)
    );
    assert_eq!(old.evaluation("conditions.*"), None);
    assert_eq!(old.evaluation("resources.*.external_id"), None);
    assert_eq!(new.evaluation("conditions.*"), Some(Evaluation::Conditions));
    assert_eq!(
        new.evaluation("resources.*.condition"),
        Some(Evaluation::Conditions)
    );
    assert_eq!(
        new.evaluation("outputs.*.condition"),
        Some(Evaluation::Conditions)
    );
    assert_eq!(
        new.evaluation("resources.*.external_id"),
        Some(Evaluation::Functions)
    );
    // Every resource and output key of every version says how it is evaluated.
    for spec in &Grammar::builtin().versions {
        for key in &spec.resource_keys {
            let location = format!("resources.*.{key}");
            assert!(
                spec.evaluation(&location).is_some(),
                "{} {location}",
                spec.date
            );
        }
        for key in &spec.output_keys {
            let location = format!("outputs.*.{key}");
            assert!(
                spec.evaluation(&location).is_some(),
                "{} {location}",
                spec.date
            );
        }
    }
}

/// `../shared/heat-catalog/heat-hot-versions.json`, or `None` (after saying
/// so) when it is missing outside CI.
fn heat_versions_json() -> Option<Value> {
    let path = Path::new("../shared/heat-catalog/heat-hot-versions.json");
    if !path.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{} is missing and CI=true", path.display());
        }
        eprintln!("skipping: {} not found", path.display());
        return None;
    }
    let text = std::fs::read_to_string(path).expect("readable heat-hot-versions.json");
    Some(serde_json::from_str(&text).expect("valid JSON"))
}

fn strings(value: &Value) -> BTreeSet<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        Value::Object(map) => map.keys().cloned().collect(),
        _ => BTreeSet::new(),
    }
}

fn set(items: &[String]) -> BTreeSet<String> {
    items.iter().cloned().collect()
}

#[test]
fn the_grammar_agrees_with_heat() {
    let Some(json) = heat_versions_json() else {
        return;
    };
    let grammar = Grammar::builtin();
    let classes: Vec<&Value> = json["template_classes"]
        .as_array()
        .expect("template_classes")
        .iter()
        .filter(|c| c["kind"] == "hot")
        .collect();
    assert_eq!(
        classes.len(),
        grammar.versions.len(),
        "number of HOT versions"
    );

    for class in classes {
        let values: Vec<&str> = class["versions"]
            .as_array()
            .expect("versions")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let spec = grammar
            .version(values[0])
            .expect("a version for every HOT class");
        let mut ours: Vec<&str> = vec![spec.date.as_str()];
        ours.extend(spec.aliases.iter().map(String::as_str));
        assert_eq!(ours, values, "dates and aliases");
        let date = values[0];

        let heat_functions: BTreeMap<String, FunctionStatus> = class["functions"]
            .as_object()
            .expect("functions")
            .iter()
            .map(|(name, f)| {
                let status = match f["status"].as_str() {
                    Some("supported") => FunctionStatus::Available,
                    Some("removed") => FunctionStatus::Removed,
                    other => panic!("{date} {name}: unexpected status {other:?}"),
                };
                (name.clone(), status)
            })
            .collect();
        let our_functions: BTreeMap<String, FunctionStatus> = spec
            .functions
            .iter()
            .map(|f| (f.name.clone(), f.status))
            .collect();
        assert_eq!(our_functions, heat_functions, "{date}: functions");
        assert_eq!(
            our_functions.len(),
            spec.functions.len(),
            "{date}: duplicate functions"
        );

        assert_eq!(
            set(&spec.condition_functions),
            strings(&class["condition_functions"]),
            "{date}: condition functions"
        );
        for name in &spec.condition_functions {
            assert_eq!(
                class["condition_parser_functions"][name]["status"], "supported",
                "{date}: {name} in conditions"
            );
        }
        assert_eq!(
            set(&spec.sections),
            strings(&class["sections"]),
            "{date}: sections"
        );
        assert_eq!(
            spec.resource_keys,
            to_vec(&class["resource_keys"]),
            "{date}: resource keys"
        );
        assert_eq!(
            spec.output_keys,
            to_vec(&class["output_keys"]),
            "{date}: output keys"
        );
        assert_eq!(
            spec.deletion_policies,
            to_vec(&class["deletion_policies"]),
            "{date}: deletion policies"
        );
        let schema = &class["parameter_schema"];
        assert_eq!(
            set(&spec.parameter_keys),
            strings(&schema["keys"]),
            "{date}: parameter keys"
        );
        assert_eq!(
            spec.parameter_types,
            to_vec(&schema["types"]),
            "{date}: parameter types"
        );
        assert_eq!(
            set(&spec.constraint_kinds),
            strings(&schema["constraint_kinds"]),
            "{date}: constraint kinds"
        );
    }

    let aliases: BTreeMap<String, String> = json["version_aliases"]
        .as_object()
        .expect("version_aliases")
        .iter()
        .map(|(alias, date)| (alias.clone(), date.as_str().unwrap_or_default().to_string()))
        .collect();
    let ours: BTreeMap<String, String> = grammar
        .versions
        .iter()
        .flat_map(|v| v.aliases.iter().map(|a| (a.clone(), v.date.clone())))
        .collect();
    assert_eq!(ours, aliases, "aliases");
}

fn to_vec(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Heat's function matrix names the implementing class per version: a
/// variant changes exactly where the class changes.
#[test]
fn variants_change_where_heats_implementation_changes() {
    let Some(json) = heat_versions_json() else {
        return;
    };
    let matrix = json["hot_function_matrix"]
        .as_object()
        .expect("hot_function_matrix");
    for (name, per_version) in matrix {
        let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut variant_of: BTreeMap<Option<String>, String> = BTreeMap::new();
        for (date, class) in per_version.as_object().expect("versions of a function") {
            let class = class.as_str().unwrap_or_default();
            if class == "removed" {
                continue;
            }
            let spec = version(date).function(name);
            let variant = spec.and_then(|f| f.variant.clone());
            assert_eq!(
                spec.map(|f| f.status),
                Some(FunctionStatus::Available),
                "{name} {date}"
            );
            if let Some(earlier) = seen.get(class) {
                assert_eq!(&variant, earlier, "{name}: {class} has one variant");
            }
            if let Some(other) = variant_of.get(&variant) {
                assert_eq!(other, class, "{name}: variant {variant:?} is one class");
            }
            seen.insert(class.to_string(), variant.clone());
            variant_of.insert(variant, class.to_string());
        }
        if seen.len() > 1 {
            assert!(
                seen.values().all(Option::is_some),
                "{name}: variants must be named"
            );
        }
    }
}
