//! Benchmark: `hotc lsp` re-checking a 2,000-line template after one
//! keystroke: the time from sending `didChange` (one inserted or deleted
//! character) to receiving the `publishDiagnostics` of that version.
//!
//!     cargo bench --bench lsp

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use serde_json::json;

/// About 2,000 lines: parameters, and servers with ports, volumes and their
/// attachments referring to each other.
fn template() -> String {
    let mut t =
        String::from("heat_template_version: 2018-08-31\ndescription: generated\nparameters:\n");
    for p in ["image", "flavor", "network", "key_name"] {
        t.push_str(&format!(
            "  {p}:\n    type: string\n    default: x\n    description: the {p}\n"
        ));
    }
    t.push_str("resources:\n");
    let mut i = 0;
    while t.lines().count() < 2000 {
        t.push_str(&format!(
            "  port{i}:
    type: OS::Neutron::Port
    properties:
      network: {{get_param: network}}
  server{i}:
    type: OS::Nova::Server
    depends_on: [port{i}]
    properties:
      name: server-{i}
      image: {{get_param: image}}
      flavor: {{get_param: flavor}}
      key_name: {{get_param: key_name}}
      networks:
        - port: {{get_resource: port{i}}}
  volume{i}:
    type: OS::Cinder::Volume
    properties:
      size: 10
  attachment{i}:
    type: OS::Cinder::VolumeAttachment
    properties:
      instance_uuid: {{get_resource: server{i}}}
      volume_id: {{get_resource: volume{i}}}
"
        ));
        i += 1;
    }
    t.push_str("outputs:\n  first:\n    value: {get_attr: [server0, name]}\n");
    t
}

fn main() {
    let dir = std::env::temp_dir().join(format!("hotc-bench-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hotc.toml"), "").unwrap();
    let text = template();
    let lines = text.lines().count();
    std::fs::write(dir.join("big.yaml"), &text).unwrap();
    let mut client = lsp_client::Client::start(&dir);
    client.initialize(None);
    client.open("big.yaml", 1);
    let first = client.diagnostics_where("big.yaml", |p| p["version"] == 1);
    let uri = client.uri("big.yaml");
    // The keystroke: a character typed into `name: server-0`, then deleted.
    let line = text
        .lines()
        .position(|l| l == "      name: server-0")
        .unwrap();
    let mut times = Vec::new();
    for version in 2..=101 {
        let change = if version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 12}, "end": {"line": line, "character": 12}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 12}, "end": {"line": line, "character": 13}}, "text": ""})
        };
        let start = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let published = client.diagnostics_where("big.yaml", |p| p["version"] == version);
        times.push(start.elapsed());
        assert_eq!(published["diagnostics"], first["diagnostics"]);
    }
    assert!(client.shutdown().success());
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "lsp re-check after one keystroke, {lines}-line template ({} diagnostics), {} runs: median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        first["diagnostics"].as_array().map_or(0, Vec::len),
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1]),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
