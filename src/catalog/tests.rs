use serde_json::json;

use super::*;
use crate::hot::constraints::Constraint;
use crate::hot::parameters::ParamType;

fn builtin_text() -> &'static str {
    super::releases::RELEASES
        .last()
        .expect("a built-in release")
        .text
}

#[test]
fn every_built_in_line_parses_and_writes_back_unchanged() {
    for release in super::releases::RELEASES {
        let catalog = Catalog::parse(release.text)
            .unwrap_or_else(|e| panic!("heat-{}.jsonl: {e}", release.version));
        assert_eq!(catalog.to_text(), release.text, "heat-{}", release.version);
    }
}

#[test]
fn the_compile_time_index_is_the_run_time_index() {
    for release in super::releases::RELEASES {
        let runtime = Catalog::index_trusted(release.text).expect("valid");
        let built = Catalog::from_release(release);
        let entries = |c: &Catalog| -> Vec<(String, Range<usize>, usize)> {
            c.types
                .iter()
                .map(|e| (e.name.to_string(), e.range.clone(), e.line))
                .collect()
        };
        assert_eq!(entries(&built), entries(&runtime));
        assert_eq!(built.meta_lines, runtime.meta_lines);
        assert_eq!(built.name, runtime.name);
    }
}

#[test]
fn heat_27_in_numbers() {
    let catalog = Catalog::builtin();
    assert_eq!(catalog.name(), "heat-27.0.1");
    assert_eq!(Catalog::releases(), vec!["27.0.1"]);
    assert!(std::ptr::eq(
        Catalog::release("27.0.1").expect("27.0.1"),
        catalog
    ));
    assert!(Catalog::release("1.0").is_none());
    assert_eq!(catalog.len(), 201);
    let count = |status: Status| catalog.types().filter(|t| t.status() == status).count();
    assert_eq!(
        [
            count(Status::Supported),
            count(Status::Deprecated),
            count(Status::Unsupported),
            count(Status::Hidden)
        ],
        [157, 1, 5, 38]
    );
    assert_eq!(catalog.custom_constraints().len(), 70);
    let offline: Vec<&str> = catalog
        .custom_constraints()
        .iter()
        .filter(|c| !c.needs_service && !c.test_only)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        offline,
        [
            "cron_expression",
            "dns_domain",
            "dns_name",
            "expiration",
            "ip_addr",
            "ip_or_cidr",
            "iso_8601",
            "json_string",
            "mac_addr",
            "net_cidr",
            "rel_dns_name",
            "timezone"
        ]
    );
    assert_eq!(
        catalog
            .custom_constraint("nova.flavor")
            .and_then(|c| c.service.as_deref()),
        Some("nova")
    );
    assert_eq!(catalog.aliases().len(), 9);
    let names: Vec<&str> = catalog.names().collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
}

#[test]
fn a_type_with_its_properties_attributes_and_status() {
    let catalog = Catalog::builtin();
    let random = catalog.get("OS::Heat::RandomString").expect("RandomString");
    assert_eq!(random.support.status, Status::Supported);
    assert_eq!(random.support.version.as_deref(), Some("2014.1"));
    let length = random.property("length").expect("length");
    assert_eq!(length.kind, PropertyType::Integer);
    assert_eq!(length.default, Some(json!(32)));
    assert_eq!(
        length.constraints,
        vec![Constraint::Range {
            min: Some(1.into()),
            max: Some(512.into())
        }]
    );
    // Both keys of a character class, `class` from the supplement.
    let classes = random.property("character_classes").expect("classes");
    assert_eq!(classes.kind, PropertyType::List);
    assert_eq!(
        classes.default,
        Some(json!([{"class": "lettersdigits", "min": 1}]))
    );
    let item = classes.item.as_deref().expect("an item schema");
    assert_eq!(item.kind, PropertyType::Map);
    let keys: Vec<&str> = item
        .keys
        .iter()
        .flatten()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(keys, ["class", "min"]);
    let sequence = random.property("sequence").expect("sequence");
    assert_eq!(sequence.support.status, Status::Hidden);
    assert_eq!(
        sequence.support.previous.as_deref().map(|p| p.status),
        Some(Status::Deprecated)
    );
    assert_eq!(
        random.attribute("value").and_then(|a| a.kind),
        Some(PropertyType::String)
    );
    assert!(random.accepts_attribute("show"));
    assert!(!random.accepts_attribute("nope"));

    let server = catalog.get("OS::Nova::Server").expect("Server");
    assert!(server.supports_snapshot_deletion_policy);
    assert!(server.property("flavor").expect("flavor").required);
    assert!(server.property("flavor").expect("flavor").update_allowed);
    let networks = server.property("networks").expect("networks");
    let network = networks.item.as_deref().expect("items");
    assert_eq!(
        network.key("uuid").and_then(|k| k.replaced_by.as_deref()),
        Some("network")
    );
    assert_eq!(
        network.key("fixed_ip").map(|k| k.constraints.clone()),
        Some(vec![Constraint::Custom("ip_addr".into())])
    );

    let port = catalog.get("OS::Neutron::Port").expect("Port");
    assert_eq!(
        port.property("network_id")
            .and_then(|p| p.replaced_by.as_deref()),
        Some("network")
    );
    let group = catalog.get("OS::Neutron::SecurityGroup").expect("group");
    assert!(group.property("description").is_some());

    let resource_group = catalog.get("OS::Heat::ResourceGroup").expect("group");
    assert!(resource_group.dynamic_attributes);
    let policies: Vec<&str> = resource_group
        .update_policy
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(policies, ["batch_create", "rolling_update"]);
    assert!(
        catalog
            .get("OS::Heat::Value")
            .expect("Value")
            .update_policy
            .is_empty()
    );

    let none = catalog.get("OS::Heat::None").expect("None");
    assert!(none.accepts_any_properties && none.dynamic_attributes);
    let lbaas = catalog.get("OS::Neutron::LBaaS::Pool").expect("LBaaS");
    assert!(lbaas.removed_placeholder);
    assert_eq!(lbaas.status(), Status::Hidden);
    let alarm = catalog.get("OS::Aodh::Alarm").expect("Alarm");
    assert_eq!(alarm.status(), Status::Deprecated);
    assert_eq!(alarm.support.supported_since(), Some("2014.1"));

    assert!(catalog.get("OS::Nova::Sever").is_none());
    assert!(catalog.contains("OS::Nova::Server"));
}

#[test]
fn aliases_resolve_as_in_heats_global_environment() {
    let set = CatalogSet::builtin();
    let name = |n: &str| match set.resolve(n) {
        Some(Resolved::Type(t)) => Some(t.name.clone()),
        Some(Resolved::Template(url)) => Some(url.to_string()),
        None => None,
    };
    assert_eq!(
        name("OS::Nova::Server").as_deref(),
        Some("OS::Nova::Server")
    );
    assert_eq!(
        name("OS::Quantum::Net").as_deref(),
        Some("OS::Neutron::Net")
    );
    assert_eq!(
        name("OS::Quantum::FloatingIP").as_deref(),
        Some("OS::Neutron::FloatingIP")
    );
    assert_eq!(
        name("OS::Metering::Alarm").as_deref(),
        Some("OS::Aodh::Alarm")
    );
    assert_eq!(
        name("OS::Ceilometer::GnocchiResourcesAlarm").as_deref(),
        Some("OS::Aodh::GnocchiResourcesAlarm")
    );
    // CombinationAlarm is a hidden placeholder in 27.0.1, still a type.
    assert_eq!(
        name("OS::Ceilometer::CombinationAlarm").as_deref(),
        Some("OS::Aodh::CombinationAlarm")
    );
    assert_eq!(
        name("AWS::CloudWatch::Alarm").as_deref(),
        Some("file:///etc/heat/templates/AWS_CloudWatch_Alarm.yaml")
    );
    assert_eq!(name("OS::Quantum::Nope"), None);
    assert_eq!(name("OS::Nope::Thing"), None);
}

#[test]
fn nearest_names_for_help() {
    let set = CatalogSet::builtin();
    assert_eq!(set.nearest("OS::Nova::Sever", 3), ["OS::Nova::Server"]);
    assert_eq!(set.nearest("os::nova::server", 3), ["OS::Nova::Server"]);
    let port = set.nearest("OS::Nova::Port", 3);
    assert!(port.contains(&"OS::Neutron::Port"), "{port:?}");
    assert_eq!(
        set.nearest("OS::Heat::RandomStrin", 3),
        ["OS::Heat::RandomString"]
    );
    // A hidden type only when nothing else is close.
    assert_eq!(
        set.nearest("OS::Neutron::LBaaS::Pol", 3),
        ["OS::Neutron::LBaaS::Pool"]
    );
    assert!(set.nearest("Completely::Different", 3).is_empty());
}

#[test]
fn template_resource_properties_from_parameters() {
    assert_eq!(
        PropertyType::for_parameter(ParamType::String),
        PropertyType::String
    );
    assert_eq!(
        PropertyType::for_parameter(ParamType::Number),
        PropertyType::Number
    );
    assert_eq!(
        PropertyType::for_parameter(ParamType::CommaDelimitedList),
        PropertyType::List
    );
    assert_eq!(
        PropertyType::for_parameter(ParamType::Json),
        PropertyType::Map
    );
    assert_eq!(
        PropertyType::for_parameter(ParamType::Boolean),
        PropertyType::Boolean
    );
    let json = PropertySchema::for_parameter("p", ParamType::Json, true, vec![]);
    assert!(json.required && json.update_allowed && json.allow_conversion);
    let string = PropertySchema::for_parameter("s", ParamType::String, false, vec![]);
    assert!(!string.allow_conversion);
}

const USER: &str = r#"# Types of our own plugins.
{"catalog":"acme","format":1}
{"custom_constraint":"acme.zone","needs_service":true,"service":"acme"}

{"resource_type":"ACME::Thing","support":{"status":"unsupported"}}
{"property":"size","type":"integer","required":true,"constraints":[{"range":{"min":1}}]}
{"property":"tags","type":"list","schema":{"*":{"type":"string"}}}
{"attribute":"id","type":"string"}
{"resource_type":"OS::Heat::None","accepts_any_properties":false}
{"property":"only","type":"string"}
"#;

#[test]
fn a_users_catalog_layered_over_a_release() {
    let user = Catalog::parse(USER).expect("valid");
    assert_eq!(user.name(), "acme");
    assert_eq!(user.heat_version(), None);
    let thing = user.get("ACME::Thing").expect("thing");
    assert_eq!(thing.status(), Status::Unsupported);
    assert_eq!(
        thing
            .property("tags")
            .and_then(|p| p.item.as_deref())
            .map(|i| i.kind),
        Some(PropertyType::String)
    );
    let set = Catalog::layered(&[&user, Catalog::builtin()]);
    assert!(set.get("ACME::Thing").is_some());
    assert!(set.get("OS::Nova::Server").is_some());
    // The user's definition wins.
    let none = set.get("OS::Heat::None").expect("None");
    assert!(!none.accepts_any_properties);
    assert_eq!(set.names().len(), 202);
    assert_eq!(set.nearest("ACME::Thingy", 2), ["ACME::Thing"]);
    assert!(set.custom_constraint("acme.zone").is_some());
    assert!(set.custom_constraint("ip_addr").is_some());
    assert!(matches!(
        set.resolve("OS::Quantum::Net"),
        Some(Resolved::Type(t)) if t.name == "OS::Neutron::Net"
    ));
}

#[test]
fn mistakes_in_a_catalog_file_have_a_line_and_column() {
    let header = "{\"catalog\":\"x\",\"format\":1}\n";
    let ty = "{\"resource_type\":\"X::Y\"}\n";
    let cases: &[(String, (usize, usize), &str)] = &[
        (String::new(), (1, 1), "a catalog starts with a header line"),
        (
            ty.to_string(),
            (1, 1),
            "a catalog starts with a header line",
        ),
        (
            "{\"catalog\":\"x\",\"format\":2}".into(),
            (1, 16),
            "catalog format 2 is not supported",
        ),
        (
            format!("{header}{ty}{{\"property\":\"p\",\"type\":\"strng\"}}"),
            (3, 24),
            "unknown variant `strng`",
        ),
        (
            format!("{header}{ty}{{\"property\":\"p\",\"type\":\"string\",\"requird\":true}}"),
            (3, 33),
            "unknown field `requird`",
        ),
        (
            format!("{header}{{\"property\":\"p\",\"type\":\"string\"}}"),
            (2, 1),
            "follows the resource_type line",
        ),
        (
            format!("{header}{ty}{{\"property\":\"p\",\"type\":\"string\""),
            (3, 31),
            "EOF while parsing an object",
        ),
        (
            format!("{header}[1, 2]"),
            (2, 1),
            "expected a JSON object whose first key",
        ),
        (
            format!("{header}{{\"propertee\":\"p\"}}"),
            (2, 3),
            "unknown record `propertee`",
        ),
        (
            format!("{header}{ty}{ty}"),
            (3, 1),
            "resource type `X::Y` is declared twice",
        ),
        (
            format!(
                "{header}{ty}{{\"property\":\"p\",\"type\":\"string\",\"constraints\":[{{\"range\":{{\"min\":1}}}}]}}"
            ),
            (3, 33),
            "p: a range constraint is not valid for a string property",
        ),
        (
            format!(
                "{header}{ty}{{\"property\":\"p\",\"type\":\"list\",\"schema\":{{\"a\":{{\"type\":\"string\"}}}}}}"
            ),
            (3, 31),
            "p: a list's schema has one key, `*`",
        ),
        (
            format!(
                "{header}{ty}{{\"property\":\"p\",\"type\":\"string\",\"constraints\":[{{}}]}}"
            ),
            (3, 33),
            "p: a constraint needs one of",
        ),
        (
            format!("{header}{ty}{{\"property\":\"p\",\"type\":\"string\",\"replaced_by\":\"q\"}}"),
            (2, 1),
            "property `p` is replaced by `q`, which is not a property",
        ),
        (
            format!("{header}{ty}{{\"attribute\":\"a\"}}\n{{\"attribute\":\"a\"}}"),
            (4, 1),
            "attribute `a` is declared twice",
        ),
        (
            format!("{header}{{\"alias\":\"A\"}}"),
            (2, 13),
            "missing field `target`",
        ),
        (
            format!("{header}{{\"catalog\":\"again\",\"format\":1}}"),
            (2, 1),
            "one header line",
        ),
        (
            format!("{header}{ty}{{\"alias\":\"A\",\"target\":\"B\"}}\n{{\"attribute\":\"a\"}}"),
            (4, 1),
            "follows the resource_type line",
        ),
        (
            format!("{header}{{\"resource_type\":\"ä\",\"bogus\":1}}"),
            (2, 22),
            "unknown field `bogus`",
        ),
    ];
    for (text, (line, column), message) in cases {
        let error = Catalog::parse(text).expect_err(text);
        assert!(
            error.message.contains(message),
            "{text:?}: {error} should say {message:?}"
        );
        assert_eq!(
            (error.line, error.column),
            (*line, *column),
            "{text:?}: {error}"
        );
    }
}

#[test]
fn the_built_in_text_is_the_shipped_file() {
    assert!(builtin_text().starts_with("{\"catalog\":\"heat-27.0.1\""));
}

/// A tiny deterministic generator, for mangling catalogs.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn mangled_catalogs_are_errors_not_panics() {
    let source: String = builtin_text()
        .lines()
        .take(120)
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = source.as_bytes();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut errors = 0;
    for _ in 0..400 {
        let mut mangled = bytes.to_vec();
        for _ in 0..1 + next(&mut seed) % 4 {
            let at = (next(&mut seed) as usize) % mangled.len();
            match next(&mut seed) % 4 {
                0 => {
                    mangled.remove(at);
                }
                1 => {
                    let junk = b"{}[]\",:\n#*";
                    mangled.insert(at, junk[(next(&mut seed) as usize) % junk.len()]);
                }
                2 => mangled.truncate(at),
                _ => {
                    let other = (next(&mut seed) as usize) % mangled.len();
                    mangled.swap(at, other);
                }
            }
            if mangled.is_empty() {
                break;
            }
        }
        let Ok(text) = String::from_utf8(mangled) else {
            continue;
        };
        match Catalog::parse(&text) {
            Ok(catalog) => {
                // Whatever parsed can be used and written back.
                let _ = catalog.to_text();
                let _ = CatalogSet::new(vec![&catalog]).nearest("OS::Heat::X", 3);
            }
            Err(e) => {
                errors += 1;
                assert!(e.line >= 1 && e.column >= 1, "{e}");
            }
        }
    }
    assert!(
        errors > 100,
        "mangling should break most catalogs ({errors})"
    );
}
