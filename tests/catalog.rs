//! The built-in catalog is what the importer makes of Heat's facts.

use std::path::Path;

/// `../shared/heat-catalog/heat-resource-types.json`, or `None` (after saying
/// so) when it is missing outside CI.
fn heat_facts() -> Option<String> {
    let path = Path::new("../shared/heat-catalog/heat-resource-types.json");
    if !path.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{} is missing and CI=true", path.display());
        }
        eprintln!("skipping: {} not found", path.display());
        return None;
    }
    Some(std::fs::read_to_string(path).expect("readable heat-resource-types.json"))
}

#[test]
fn regenerating_the_catalog_gives_the_committed_file() {
    let Some(facts) = heat_facts() else {
        return;
    };
    let supplement = std::fs::read_to_string("stdlib/catalog/sources/heat-27.0.1-supplement.json")
        .expect("the committed supplement");
    let generated = hotc::catalog::import::import(&facts, &supplement).expect("the import runs");
    let committed =
        std::fs::read_to_string("stdlib/catalog/heat-27.0.1.jsonl").expect("the committed catalog");
    if generated != committed {
        let line = generated
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| generated.lines().count().min(committed.lines().count()));
        panic!(
            "stdlib/catalog/heat-27.0.1.jsonl is stale from line {} (see stdlib/catalog/README.md to regenerate):\n  generated: {}\n  committed: {}",
            line + 1,
            generated.lines().nth(line).unwrap_or("<end>"),
            committed.lines().nth(line).unwrap_or("<end>")
        );
    }
}

#[test]
fn the_built_in_catalog_is_heats() {
    let Some(facts) = heat_facts() else {
        return;
    };
    let facts: serde_json::Value = serde_json::from_str(&facts).expect("JSON");
    let catalog = hotc::catalog::Catalog::builtin();
    assert_eq!(catalog.heat_version(), Some("27.0.1"));
    let heat: Vec<&String> = facts["resource_types"]
        .as_object()
        .expect("types")
        .keys()
        .collect();
    let ours: Vec<&str> = catalog.names().collect();
    assert_eq!(ours, heat);
    assert_eq!(
        catalog.custom_constraints().len(),
        facts["custom_constraints"]
            .as_object()
            .expect("constraints")
            .len()
    );
}
