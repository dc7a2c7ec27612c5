//! `hotc lsp` over stdio, driven like an editor drives it: the exchanges are
//! recorded as snapshots (file URIs as `file:///TREE`), in UTF-16 and UTF-8
//! position encoding on text whose non-ASCII characters make the two differ.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, copy_tree, position};
use serde_json::{Value, json};

const TREE: &str = "tests/fixtures/lsp/tree";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots/lsp",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap_or("-"),
                d["range"]["start"]["line"],
                d["range"]["start"]["character"]
            )
        })
        .collect()
}

/// The whole session on the fixture tree, in one encoding.
fn session(utf8: bool) -> String {
    let dir = copy_tree(TREE, if utf8 { "utf8" } else { "utf16" });
    let mut client = Client::start(&dir);
    let offered: &[&str] = if utf8 {
        &["utf-8", "utf-16"]
    } else {
        &["utf-16"]
    };
    let init = client.initialize(Some(offered));
    let expected = if utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], expected);

    let text = client.open("parent.yaml", 1);
    let diagnostics = client.recorded_diagnostics("parent.yaml", 1);
    let uri = client.uri("parent.yaml");
    let at = |needle: &str, nth: usize, delta: usize| position(&text, needle, nth, delta, utf8);
    let unknown_type = at("OS::Heat::RandomStrng", 0, 0);
    assert!(
        diagnostics["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "H801" && d["range"]["start"] == unknown_type),
        "H801 at {unknown_type} in {diagnostics}"
    );

    let doc = |position: Value| json!({"textDocument": {"uri": uri}, "position": position});
    // Hover: a type, a property, a parameter after an emoji, an attribute.
    client.request("textDocument/hover", doc(at("OS::Nova::Server", 0, 3)));
    client.request("textDocument/hover", doc(at("flavor", 0, 2)));
    client.request("textDocument/hover", doc(at("get_param: image", 1, 12)));
    client.request("textDocument/hover", doc(at("[child, id]", 0, 8)));
    // Definition: a parameter, a resource, a nested template, a get_file.
    client.request(
        "textDocument/definition",
        doc(at("get_param: image", 1, 12)),
    );
    client.request("textDocument/definition", doc(at("[child, id]", 0, 2)));
    client.request("textDocument/definition", doc(at("child.yaml", 0, 1)));

    // Completion: a property name typed after an emoji line, parameter names.
    let edited = text.replace(
        "      flavor: m1.small\n",
        "      flavor: m1.small\n      net\n      key_name: {get_param: im}\n",
    );
    client.change_all("parent.yaml", 2, &edited);
    let at2 = |needle: &str, nth: usize, delta: usize| position(&edited, needle, nth, delta, utf8);
    let properties = client.request_quiet("textDocument/completion", doc(at2("      net\n", 0, 9)));
    let labels: Vec<&str> = properties["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"networks"), "{labels:?}");
    assert!(
        !labels.contains(&"flavor"),
        "a property already set is not offered"
    );
    let networks = properties["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "networks")
        .cloned()
        .unwrap();
    client.record("<-- textDocument/completion (the networks item)", &networks);
    client.request("textDocument/completion", doc(at2("get_param: im}", 0, 13)));
    let types = client.request_quiet("textDocument/completion", doc(at2("RandomStrng", 0, 6)));
    let type_labels: Vec<&str> = types["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        type_labels.contains(&"OS::Heat::RandomString"),
        "{type_labels:?}"
    );
    let parent_again = client.recorded_diagnostics("parent.yaml", 2);

    // Back to the original text: quick fixes for its diagnostics.
    client.change_all("parent.yaml", 3, &text);
    let fixed = client.diagnostics_where("parent.yaml", |p| p["version"] == 3);
    assert_eq!(codes(&fixed), codes(&diagnostics));
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}});
    client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}),
    );
    let _ = parent_again;
    let status = client.shutdown();
    assert!(status.success(), "{status:?}");
    std::mem::take(&mut client.transcript)
}

#[test]
fn session_in_utf16() {
    snapshot("session_utf16", &session(false));
}

#[test]
fn session_in_utf8() {
    snapshot("session_utf8", &session(true));
}

/// A fresh tree of the given files, with a hotc.toml making it the root.
fn tree(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hotc.toml"), "").unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

const PARENT: &str = "heat_template_version: 2018-08-31
resources:
  child:
    type: child.yaml
    properties:
      name: web
";
const CHILD: &str = "heat_template_version: 2018-08-31
parameters:
  name: {type: string}
outputs:
  name:
    value: {get_param: name}
";

#[test]
fn editing_a_nested_template_republishes_its_parent() {
    let dir = tree("nested", &[("parent.yaml", PARENT), ("child.yaml", CHILD)]);
    let mut client = Client::start(&dir);
    client.initialize(None);
    client.open("parent.yaml", 1);
    assert_eq!(
        codes(&client.diagnostics("parent.yaml")),
        Vec::<String>::new()
    );
    client.open("child.yaml", 1);
    client.diagnostics("child.yaml");
    // The child now requires a parameter the parent does not pass, and no
    // longer declares the one it does: unsaved, only in the buffer.
    let edited = CHILD
        .replace("name: {type: string}", "size: {type: number}")
        .replace("get_param: name", "get_param: size");
    client.change_all("child.yaml", 2, &edited);
    let parent = client.diagnostics_where("parent.yaml", |p| {
        !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let messages: Vec<&str> = parent["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("size")) && messages.iter().any(|m| m.contains("name")),
        "{messages:?}"
    );
    // Closing the child: the parent reads the disk again.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": client.uri("child.yaml")}}),
    );
    let closed = client.diagnostics("child.yaml");
    assert_eq!(
        closed["diagnostics"],
        json!([]),
        "didClose clears diagnostics"
    );
    let parent = client.diagnostics_where("parent.yaml", |p| {
        p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(parent["version"], 1);
    assert!(client.shutdown().success());
}

#[cfg(unix)]
#[test]
fn a_fifo_get_file_target_does_not_hang_the_server() {
    let dir = tree(
        "fifo",
        &[
            (
                "slow.yaml",
                "heat_template_version: 2018-08-31\nresources:\n  config:\n    type: OS::Heat::SoftwareConfig\n    properties:\n      config: {get_file: pipe.sh}\n",
            ),
            (
                "other.yaml",
                "heat_template_version: 2018-08-31\nresources:\n  server:\n    type: OS::Nova::Servr\n",
            ),
        ],
    );
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.sh"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let mut client = Client::start(&dir);
    client.initialize(None);
    client.open("slow.yaml", 1);
    client.open("other.yaml", 1);
    let slow = client.diagnostics("slow.yaml");
    assert!(
        slow["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"]
                .as_str()
                .unwrap()
                .contains("not a regular file")),
        "{slow}"
    );
    let other = client.diagnostics("other.yaml");
    assert_eq!(codes(&other), ["H801 3:10"]);
    // Still answering.
    let hover = client.request_quiet(
        "textDocument/hover",
        json!({"textDocument": {"uri": client.uri("other.yaml")}, "position": {"line": 3, "character": 12}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("OS::Nova::Servr")
    );
    assert!(client.shutdown().success());
}

#[test]
fn malformed_messages_and_unknown_methods_get_errors_and_the_server_goes_on() {
    let dir = tree("malformed", &[("a.yaml", PARENT)]);
    let mut client = Client::start(&dir);
    // Before initialize, a request is refused.
    let early = client.request_quiet("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(None);
    client.send_raw(b"{this is not json");
    let parse_error = client.response(&Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);
    client.send(&json!({"jsonrpc": "2.0", "id": 99}));
    assert_eq!(client.response(&json!(99))["error"]["code"], -32600);
    let unknown = client.request_quiet("hotc/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request_quiet("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad_params["error"]["code"], -32602);
    let nowhere = client.request_quiet(
        "textDocument/definition",
        json!({"textDocument": {"uri": "untitled:x"}, "position": {"line": 999, "character": 999}}),
    );
    assert_eq!(nowhere["result"], Value::Null);
    // A notification with bad parameters is dropped.
    client.notify("textDocument/didOpen", json!({"textDocument": 7}));
    client.open("a.yaml", 1);
    client.diagnostics("a.yaml");
    let past_the_end = client.request_quiet(
        "textDocument/hover",
        json!({"textDocument": {"uri": client.uri("a.yaml")}, "position": {"line": 99, "character": 99}}),
    );
    assert_eq!(past_the_end["result"], Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn a_burst_of_changes_publishes_the_last_version() {
    let dir = tree("burst", &[("a.yaml", PARENT)]);
    let mut client = Client::start(&dir);
    client.initialize(None);
    let base = "heat_template_version: 2018-08-31\nresources:\n";
    client.open_text("a.yaml", 1, base);
    for version in 2..=30 {
        let text = format!("{base}  r{version}:\n    type: OS::Nova::Servr{version}\n");
        client.change_all("a.yaml", version, &text);
    }
    let last = client.diagnostics_where("a.yaml", |p| p["version"] == 30);
    let messages: Vec<&str> = last["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["`OS::Nova::Servr30` is not a resource type Heat knows"]
    );
    // Nothing older comes after it.
    let response = client.request_quiet("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let later = client.unread_diagnostics("a.yaml");
    assert!(later.iter().all(|p| p["version"] == 30), "{later:?}");
    client.notify("exit", Value::Null);
    assert!(client.wait().success());
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let dir = tree("exit", &[]);
    let mut client = Client::start(&dir);
    client.initialize(None);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));
}
