//! Every situation of Heat's error catalogue (hot-semantics.md §8.2, beside
//! the project in ../shared/reference) is covered: by the rule that reports
//! it, or marked "not yet" or "non-goal" with the reason.

use std::path::Path;

const REFERENCE: &str = "../shared/reference/hot-semantics.md";

enum Coverage {
    /// The rules that report it.
    Rules(&'static [&'static str]),
    NotYet(&'static str),
    NonGoal(&'static str),
}

use Coverage::*;

/// The catalogue's situations, as the reference words them, and how hotc
/// covers each.
const TABLE: &[(&str, Coverage)] = &[
    ("no version key", Rules(&["H102"])),
    ("bad or unsupported version value", Rules(&["H103"])),
    ("unknown top-level section", Rules(&["H105"])),
    ("resource without type", Rules(&["H301"])),
    ("empty type", Rules(&["H301"])),
    ("unknown resource key", Rules(&["H302"])),
    (
        "key from a newer version (external_id/condition)",
        Rules(&["H302"]),
    ),
    ("field of the wrong type", Rules(&["H303"])),
    ("unknown resource type", Rules(&["H801"])),
    ("name containing `/`", Rules(&["H304"])),
    ("parameter and resource share a name", Rules(&["H305"])),
    ("depends_on target missing", Rules(&["H306"])),
    ("cycle", Rules(&["H320", "H306"])),
    (
        "get_resource/get_attr on a missing or disabled resource (in resources)",
        Rules(&["H402"]),
    ),
    ("same, in outputs (get_attr)", Rules(&["H402"])),
    (
        "get_resource on a missing resource in outputs",
        Rules(&["H402"]),
    ),
    (
        "get_attr on an undefined attribute",
        Rules(&["H812", "H709"]),
    ),
    ("get_attr wrong arity / shape", Rules(&["H403"])),
    (
        "get_param of an undeclared parameter in properties",
        Rules(&["H401"]),
    ),
    ("same, in outputs", Rules(&["H401"])),
    (
        "parameter without a value",
        NonGoal(
            "hotc checks templates without the deployer's full set of values: a parameter \
             without a value is unknown, not missing (values given with -P or environments \
             are checked by H208)",
        ),
    ),
    ("unknown user parameter", Rules(&["H209", "H724"])),
    ("bad parameter type", Rules(&["H202"])),
    ("constraint on the wrong type", Rules(&["H205"])),
    ("default breaks a constraint", Rules(&["H207"])),
    ("default of the wrong type", Rules(&["H206"])),
    ("undefined condition name used", Rules(&["H502"])),
    ("non-condition function in a condition", Rules(&["H405"])),
    (
        "condition definition not boolean/function",
        Rules(&["H501"]),
    ),
    ("condition cycle", Rules(&["H503"])),
    ("removed CFN function", Rules(&["H404"])),
    ("function argument shape", Rules(&["H403"])),
    (
        "yaql syntax",
        NotYet("hotc does not parse YAQL expressions; their argument shape is checked (H403)"),
    ),
    ("unknown property", Rules(&["H804", "H706"])),
    ("missing required property", Rules(&["H805", "H707"])),
    (
        "property type / constraint",
        Rules(&["H806", "H807", "H708"]),
    ),
    ("invalid deletion policy", Rules(&["H308"])),
    ("Snapshot not supported", Rules(&["H811"])),
    ("unknown update_policy key", Rules(&["H810"])),
    ("output without value", Rules(&["H601"])),
    ("get_file missing (in properties)", Rules(&["H701"])),
    ("nested file missing", Rules(&["H701", "H705"])),
    (
        "error inside a nested template",
        Rules(&["H706", "H707", "H708", "H709", "H804"]),
    ),
    ("parameter group errors", Rules(&["H210"])),
    ("environment errors", Rules(&["H721", "H725", "H726"])),
];

fn catalogue_rows(text: &str) -> Vec<String> {
    let start = text.find("### 8.2").expect("the catalogue section");
    let section = &text[start..];
    let end = section.find("**Not reported").unwrap_or(section.len());
    section[..end]
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .filter_map(|l| l.split('|').nth(1))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && !c.starts_with("---"))
        .collect()
}

#[test]
fn every_situation_heat_reports_is_covered() {
    // The mapping itself is checked without the reference.
    for (situation, coverage) in TABLE {
        if let Rules(codes) = coverage {
            assert!(!codes.is_empty(), "{situation}: no rule");
            for code in *codes {
                assert!(
                    hotc::rules::find(code).is_some(),
                    "{situation}: {code} is not a rule"
                );
            }
        }
    }
    if !Path::new(REFERENCE).exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{REFERENCE} is missing: CI must check the coverage");
        }
        eprintln!("skipped: {REFERENCE} is not present");
        return;
    }
    let text = std::fs::read_to_string(REFERENCE).expect("reference");
    let rows = catalogue_rows(&text);
    assert!(rows.len() > 40, "too few catalogue rows: {}", rows.len());
    let missing: Vec<&String> = rows
        .iter()
        .filter(|r| !TABLE.iter().any(|(s, _)| s == r))
        .collect();
    assert!(missing.is_empty(), "situations not mapped: {missing:?}");
    let stale: Vec<&str> = TABLE
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| !rows.iter().any(|r| r == s))
        .collect();
    assert!(
        stale.is_empty(),
        "mapped situations not in the catalogue: {stale:?}"
    );
    let (mut rules, mut not_yet, mut non_goal) = (0, 0, 0);
    for (situation, coverage) in TABLE {
        match coverage {
            Rules(_) => rules += 1,
            NotYet(why) => {
                not_yet += 1;
                eprintln!("not yet: {situation}: {why}");
            }
            NonGoal(why) => {
                non_goal += 1;
                eprintln!("non-goal: {situation}: {why}");
            }
        }
    }
    eprintln!("catalogue: {rules} covered by rules, {not_yet} not yet, {non_goal} non-goals");
}
