//! `hotc types`: the catalog as users see it, exit codes and streams.

#[path = "support/run.rs"]
mod run;
use run::hotc;

fn stdout_of(args: &[&str]) -> String {
    let out = hotc(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{args:?}: nothing on stderr");
    String::from_utf8(out.stdout).expect("UTF-8")
}

macro_rules! snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots/types", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

#[test]
fn the_list_has_every_type_with_its_status() {
    let text = stdout_of(&["types"]);
    assert_eq!(text.lines().count(), 201);
    snapshot!("list", text);
}

#[test]
fn the_list_as_json() {
    let text = stdout_of(&["types", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 201);
    assert_eq!(
        list[0],
        serde_json::json!({"resource_type": "AWS::AutoScaling::AutoScalingGroup", "status": "SUPPORTED", "version": "2014.1"})
    );
}

#[test]
fn one_type_with_properties_and_attributes() {
    for name in [
        "OS::Heat::RandomString",
        "OS::Heat::ResourceGroup",
        "OS::Nova::Server",
        "OS::Neutron::LBaaS::Pool",
        "OS::Aodh::Alarm",
    ] {
        snapshot!(name.replace("::", "-"), stdout_of(&["types", name]));
    }
}

#[test]
fn one_type_as_json() {
    let text = stdout_of(&["types", "OS::Heat::RandomString", "--format", "json"]);
    let ty: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(ty["resource_type"], "OS::Heat::RandomString");
    assert_eq!(
        ty["properties"]["length"]["constraints"],
        serde_json::json!([{"range": {"min": 1, "max": 512}}])
    );
    snapshot!("OS-Heat-RandomString.json", text);
}

#[test]
fn an_alias_shows_its_target() {
    let text = stdout_of(&["types", "OS::Quantum::Net"]);
    assert!(text.starts_with("OS::Neutron::Net  supported\n  (OS::Quantum::Net is an alias of OS::Neutron::Net in Heat's global environment)\n"), "{text}");
    assert_eq!(
        stdout_of(&["types", "AWS::CloudWatch::Alarm"]),
        "AWS::CloudWatch::Alarm is a provider template in Heat's global environment: file:///etc/heat/templates/AWS_CloudWatch_Alarm.yaml\n"
    );
}

#[test]
fn an_unknown_type_exits_2_with_the_nearest_names() {
    let cases = [
        (
            "OS::Nova::Sever",
            "hotc: no resource type `OS::Nova::Sever`; did you mean OS::Nova::Server?\n",
        ),
        (
            "OS::Nova::Port",
            "hotc: no resource type `OS::Nova::Port`; did you mean one of OS::Ironic::Port, OS::Neutron::Port?\n",
        ),
        (
            "Nothing::Like::It",
            "hotc: no resource type `Nothing::Like::It`; `hotc types` lists them\n",
        ),
    ];
    for (name, message) in cases {
        let out = hotc(&["types", name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message);
    }
}

#[test]
fn help_has_examples() {
    let text = stdout_of(&["types", "--help"]);
    assert!(
        text.contains("Examples:\n  hotc types\n  hotc types OS::Nova::Server\n"),
        "{text}"
    );
    let out = hotc(&["types", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
