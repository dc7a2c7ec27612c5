use serde_json::json;

use super::*;
use crate::catalog::Catalog;
use crate::grammar::Grammar;
use crate::hot::functions::{Context, as_call};

/// Parses `text` (a YAML mapping) and gives the node of `key`.
fn parse(text: &str) -> Node {
    crate::syntax::parse(text).root.expect("YAML")
}

/// Calls: `get_param: p` is the value of `params[p]`; `kind: K` yields
/// that kind; any other call of HOT 2018-08-31 is unknown.
fn calls(node: &Node) -> Option<CallInfo> {
    let version = Grammar::builtin().version("2018-08-31").expect("version");
    if let Some(kind) = node.get("kind").and_then(Node::as_str) {
        return Some(CallInfo::Kind(match kind {
            "string" => ValueKind::String,
            "integer" => ValueKind::Integer,
            "float" => ValueKind::Float,
            "number" => ValueKind::Number,
            "boolean" => ValueKind::Boolean,
            "list" => ValueKind::List,
            "map" => ValueKind::Map,
            _ => ValueKind::Null,
        }));
    }
    let call = as_call(node, version, Context::Normal)?;
    Some(match (call.name, call.args.as_str()) {
        ("get_param", Some("words")) => CallInfo::Value {
            value: json!(["a", "b"]),
            constraints: true,
        },
        ("get_param", Some("big")) => CallInfo::Value {
            value: json!(1000),
            constraints: true,
        },
        ("get_resource", Some(name)) => CallInfo::Value {
            value: json!(name),
            constraints: false,
        },
        _ => CallInfo::Unknown,
    })
}

fn check(type_name: &str, properties: &str) -> (String, Vec<Problem>) {
    let text = format!("properties: {properties}\n");
    let root = parse(&text);
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let ty = Catalog::builtin().get(type_name).expect("a type");
    let problems = checker.properties(ty, root.get("properties"));
    (text, problems)
}

/// (problem kind, Heat path, Heat message, the text the span covers).
type Found = Vec<(ProblemKind, String, String, String)>;

fn summary(type_name: &str, properties: &str) -> Found {
    let (text, problems) = check(type_name, properties);
    problems
        .into_iter()
        .map(|p| (p.kind, p.path, p.message, text[p.span.range()].to_string()))
        .collect()
}

fn one(
    kind: ProblemKind,
    path: &str,
    message: &str,
    at: &str,
) -> Vec<(ProblemKind, String, String, String)> {
    vec![(kind, path.into(), message.into(), at.into())]
}

#[test]
fn problems_point_at_the_offending_node() {
    use ProblemKind::*;
    let cases: Vec<(&str, &str, Found)> = vec![
        ("OS::Heat::RandomString", "{length: 32}", vec![]),
        (
            "OS::Heat::RandomString",
            "{lenght: 32}",
            one(
                UnknownProperty {
                    name: "lenght".into(),
                    suggestion: Some("length".into()),
                },
                "",
                "Unknown Property lenght",
                "lenght",
            ),
        ),
        (
            "OS::Heat::RandomString",
            "{length: abc}",
            one(WrongType, "length", "Value 'abc' is not an integer", "abc"),
        ),
        (
            "OS::Heat::RandomString",
            "{length: 0}",
            one(
                Constraint,
                "length",
                "0 is out of range (min: 1, max: 512)",
                "0",
            ),
        ),
        (
            "OS::Nova::Server",
            "{image: i}",
            one(
                MissingProperty {
                    name: "flavor".into(),
                },
                "",
                "Property flavor not assigned",
                "{image: i}",
            ),
        ),
        (
            "OS::Nova::Server",
            "{flavor: f, networks: [{network: n}, {fixed_ip: 1.2.3}]}",
            one(
                Constraint,
                "networks[1].fixed_ip",
                "Error validating value '1.2.3': Invalid IP address",
                "1.2.3",
            ),
        ),
        (
            "AWS::EC2::Instance",
            "{ImageId: i, InstanceType: t, KernelId: k}",
            one(
                NotImplemented {
                    name: "KernelId".into(),
                },
                "",
                "Property KernelId not implemented yet",
                "KernelId",
            ),
        ),
        (
            "OS::Neutron::Port",
            "{network: a, network_id: b}",
            one(
                Conflict,
                "network",
                "Cannot define the following properties at the same time: network, network_id",
                "network",
            ),
        ),
        // Several mistakes: each is reported (Heat stops at its first).
        (
            "OS::Heat::RandomString",
            "{length: x, salt: [1], bogus: 1}",
            vec![
                (
                    UnknownProperty {
                        name: "bogus".into(),
                        suggestion: None,
                    },
                    "".into(),
                    "Unknown Property bogus".into(),
                    "bogus".into(),
                ),
                (
                    WrongType,
                    "length".into(),
                    "Value 'x' is not an integer".into(),
                    "x".into(),
                ),
                (
                    WrongType,
                    "salt".into(),
                    "Value must be a string; got [1]".into(),
                    "[1]".into(),
                ),
            ],
        ),
        // Types that take anything.
        ("OS::Heat::None", "{whatever: [1]}", vec![]),
    ];
    for (ty, properties, expected) in cases {
        assert_eq!(summary(ty, properties), expected, "{ty} {properties}");
    }
}

#[test]
fn calls_are_checked_by_what_they_yield() {
    use ProblemKind::*;
    let rs = "OS::Heat::RandomString";
    let cases: Vec<(&str, &str, Found)> = vec![
        // Unknown results are not checked.
        (rs, "{length: {get_attr: [a, b]}}", vec![]),
        (rs, "{length: {kind: string}}", vec![]),
        (rs, "{length: {kind: nothing}}", vec![]),
        (rs, "{salt: {kind: integer}}", vec![]),
        (rs, "{salt: {kind: number}}", vec![]),
        (
            rs,
            "{salt: {kind: float}}",
            one(
                WrongType,
                "salt",
                "Value must be a string; got a float",
                "{kind: float}",
            ),
        ),
        (
            rs,
            "{salt: {kind: list}}",
            one(
                WrongType,
                "salt",
                "Value must be a string; got a list",
                "{kind: list}",
            ),
        ),
        (
            rs,
            "{length: {kind: map}}",
            one(
                WrongType,
                "length",
                "int() argument must be a string, a bytes-like object or a real number, not 'dict'",
                "{kind: map}",
            ),
        ),
        (
            "OS::Neutron::Net",
            "{admin_state_up: {kind: integer}}",
            one(
                WrongType,
                "admin_state_up",
                "an integer is not a valid boolean",
                "{kind: integer}",
            ),
        ),
        (
            "OS::Neutron::Net",
            "{dhcp_agent_ids: {kind: string}}",
            one(
                WrongType,
                "dhcp_agent_ids",
                "a string is not a list",
                "{kind: string}",
            ),
        ),
        (
            "OS::Neutron::Net",
            "{value_specs: {kind: list}}",
            one(
                WrongType,
                "value_specs",
                "a list is not a map",
                "{kind: list}",
            ),
        ),
        // Known values are checked like literals, at the call.
        (
            rs,
            "{salt: {get_param: words}}",
            one(
                WrongType,
                "salt",
                "Value must be a string; got ['a', 'b']",
                "{get_param: words}",
            ),
        ),
        (
            rs,
            "{length: {get_param: big}}",
            one(
                Constraint,
                "length",
                "1000 is out of range (min: 1, max: 512)",
                "{get_param: big}",
            ),
        ),
        // A resource's name: its type is checked, not its constraints.
        (
            rs,
            "{length: {get_resource: other}}",
            one(
                WrongType,
                "length",
                "Value 'other' is not an integer",
                "{get_resource: other}",
            ),
        ),
        (
            "OS::Neutron::Port",
            "{network: n, mac_address: {get_resource: p}}",
            vec![],
        ),
        // Calls inside literals.
        (
            "OS::Heat::SoftwareDeployment",
            "{server: s, actions: [CREATE, {get_attr: [a, b]}]}",
            vec![],
        ),
        (
            "OS::Heat::SoftwareDeployment",
            "{server: s, actions: [FOO, {get_param: words}]}",
            one(
                Constraint,
                "actions",
                r#"["FOO", ["a", "b"]] is not an allowed value ["CREATE", "UPDATE", "DELETE", "SUSPEND", "RESUME"]"#,
                "[FOO, {get_param: words}]",
            ),
        ),
    ];
    for (ty, properties, expected) in cases {
        assert_eq!(summary(ty, properties), expected, "{ty} {properties}");
    }
}

#[test]
fn length_is_known_when_items_are_not() {
    // OS::Heat::ResourceGroup index_var needs 3 characters; a list's length
    // is known even when its items are calls.
    let schema = PropertySchema {
        constraints: vec![Constraint::Length {
            min: Some(3),
            max: None,
        }],
        ..PropertySchema::new("items", PropertyType::List)
    };
    let root = parse("v: [{get_attr: [a, b]}, x]\n");
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let problems = checker.value(&schema, root.get("v").expect("v"));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "length (2) is out of range (min: 3, max: None)"
    );
    assert_eq!(problems[0].path, "");
}

#[test]
fn update_policies_and_messages() {
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let group = Catalog::builtin()
        .get("OS::Heat::ResourceGroup")
        .expect("group");
    let root = parse("p: {rolling_update: {max_batch_size: 0, pause_tme: 1}, batch: {}}\n");
    let problems = checker.map(&group.update_policy, root.get("p"));
    let messages: Vec<String> = problems
        .iter()
        .map(|p| p.heat_message("resources.g.update_policy"))
        .collect();
    assert_eq!(
        messages,
        [
            "Property error: resources.g.update_policy: Unknown Property batch",
            "Property error: resources.g.update_policy.rolling_update: Unknown Property pause_tme",
            "Property error: resources.g.update_policy.rolling_update.max_batch_size: 0 is out of range (min: 1, max: None)",
        ]
    );
    assert_eq!(
        problems[1].kind,
        ProblemKind::UnknownProperty {
            name: "pause_tme".into(),
            suggestion: Some("pause_time".into())
        }
    );
    // No schema: any key is unknown.
    let value = Catalog::builtin().get("OS::Heat::Value").expect("value");
    let root = parse("p: {rolling_update: {}}\n");
    assert_eq!(checker.map(&value.update_policy, root.get("p")).len(), 1);
    // A path that starts with a list item.
    let problem = Problem {
        kind: ProblemKind::WrongType,
        span: Span::default(),
        path: "[0].a".into(),
        message: "m".into(),
    };
    assert_eq!(problem.heat_message("x"), "Property error: x[0].a: m");
}

#[test]
fn unknown_custom_constraints_are_heats_error() {
    let schema = PropertySchema {
        constraints: vec![
            Constraint::Custom("nova.flavor".into()),
            Constraint::Custom("acme.nope".into()),
        ],
        ..PropertySchema::new("p", PropertyType::String)
    };
    let root = parse("v: m1.small\n");
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let problems = checker.value(&schema, root.get("v").expect("v"));
    assert_eq!(
        problems
            .iter()
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>(),
        ["\"m1.small\" does not validate acme.nope (constraint not found)"]
    );
}

#[test]
fn deep_and_odd_values_do_not_break_it() {
    let deep = format!("v: {}1{}\n", "[".repeat(200), "]".repeat(200));
    let root = parse(&deep);
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let list = PropertySchema::new("l", PropertyType::List);
    assert!(checker.value(&list, root.get("v").expect("v")).is_empty());
    let string = PropertySchema::new("s", PropertyType::String);
    let problems = checker.value(&string, root.get("v").expect("v"));
    assert_eq!(problems.len(), 1);
    // A properties section that is not a map is the resource's problem.
    let ty = Catalog::builtin().get("OS::Nova::Server").expect("server");
    for text in ["p: [1]\n", "p: null\n", "p: x\n"] {
        let root = parse(text);
        assert!(checker.properties(ty, root.get("p")).is_empty(), "{text}");
    }
    // No properties at all: the required ones are missing.
    assert_eq!(checker.properties(ty, None).len(), 1);
}

#[test]
fn every_catalog_property_takes_any_value_without_panicking() {
    let set = CatalogSet::builtin();
    let checker = ValueChecker {
        catalogs: &set,
        calls: &calls,
    };
    let values = [
        "null",
        "x",
        "''",
        "1",
        "-1",
        "1.5",
        ".nan",
        "true",
        "[1, [2], {a: b}]",
        "[null, {}]",
        "{a: 1, b: [x]}",
        "{get_param: words}",
        "{get_param: big}",
        "{get_resource: r}",
        "{kind: float}",
        "99999999999999999999999",
    ];
    let mut problems = 0;
    for ty in Catalog::builtin().types() {
        for value in values {
            let text = ty
                .properties
                .iter()
                .map(|p| format!("  {:?}: {value}\n", p.name))
                .collect::<String>();
            let root = parse(&format!("p:\n{text}"));
            problems += checker.properties(ty, root.get("p")).len();
            problems += checker.map(&ty.update_policy, root.get("p")).len();
        }
    }
    assert!(problems > 1000);
}
