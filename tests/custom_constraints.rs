//! hotc's pure custom constraints give Heat's verdicts and messages, as
//! recorded from Heat 27.0.1's own constraint classes in
//! tests/golden/custom-constraints.json (scripts/custom-constraints-golden.py).

use hotc::hot::custom_constraints::{self, PURE};
use serde_json::Value;

fn golden() -> Value {
    let text = std::fs::read_to_string("tests/golden/custom-constraints.json")
        .expect("the committed golden table");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn every_verdict_and_message_is_heats() {
    let golden = golden();
    let table = golden["constraints"].as_object().expect("constraints");
    let mut names: Vec<&str> = table.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, PURE, "the golden table covers every pure constraint");
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for (name, cases) in table {
        let cases = cases.as_array().expect("cases");
        assert!(cases.len() >= 15, "{name}: few cases");
        for case in cases {
            let value = &case["value"];
            assert!(case.get("raises").is_none(), "{name} {value}: Heat raised");
            let expected = match case["ok"].as_bool() {
                Some(true) => Ok(()),
                _ => Err(case["message"].as_str().expect("a message").to_string()),
            };
            let got = custom_constraints::validate(name, value);
            checked += 1;
            if got.as_ref() != Some(&expected) {
                mismatches.push(format!(
                    "{name} {value}:\n    Heat: {expected:?}\n    hotc: {got:?}"
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {checked} verdicts differ from Heat's:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn what_is_not_checked() {
    use serde_json::json;
    assert_eq!(
        custom_constraints::validate("nova.flavor", &json!("m1.small")),
        None
    );
    assert_eq!(custom_constraints::validate("no.such", &json!("x")), None);
    assert_eq!(custom_constraints::validate("ip_addr", &json!(5)), None);
    assert_eq!(
        custom_constraints::validate("ip_addr", &json!("1.2.3")),
        Some(Err(
            "Error validating value '1.2.3': Invalid IP address".into()
        ))
    );
}
