//! The language server's message handling. The first byte picks the mode:
//! even, the rest of the input arrives as raw bytes after `initialize`
//! (framing, JSON, JSON-RPC); odd, it is the text of an open buffer that is
//! edited and asked for hovers, definitions, completions and fixes at
//! positions taken from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fn frame(out: &mut Vec<u8>, message: &Value) {
    let body = message.to_string();
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body.as_bytes());
}

fn request(out: &mut Vec<u8>, id: u32, method: &str, params: Value) {
    frame(
        out,
        &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
    );
}

fn notify(out: &mut Vec<u8>, method: &str, params: Value) {
    frame(
        out,
        &json!({"jsonrpc": "2.0", "method": method, "params": params}),
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut input = Vec::new();
    let utf8 = mode & 2 == 2;
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    request(
        &mut input,
        1,
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": encodings}}, "rootUri": "file:///fuzz"}),
    );
    notify(&mut input, "initialized", json!({}));
    if mode & 1 == 0 {
        input.extend_from_slice(rest);
    } else {
        let text = String::from_utf8_lossy(rest);
        let uri = "file:///fuzz/t.yaml";
        notify(
            &mut input,
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        let lines = text.lines().count() as u32 + 1;
        let mut id = 2;
        for (i, &b) in rest.iter().take(8).enumerate() {
            let position = json!({"line": u32::from(b) % lines, "character": (i as u32) * 3 % 40});
            let at = json!({"textDocument": {"uri": uri}, "position": position});
            for method in [
                "textDocument/hover",
                "textDocument/definition",
                "textDocument/completion",
            ] {
                request(&mut input, id, method, at.clone());
                id += 1;
            }
            request(
                &mut input,
                id,
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position}, "context": {"diagnostics": []}}),
            );
            id += 1;
        }
        notify(
            &mut input,
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 2}}, "text": "x"}
            ]}),
        );
        notify(
            &mut input,
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    request(&mut input, 9999, "shutdown", Value::Null);
    notify(&mut input, "exit", Value::Null);
    let _ = hotc::lsp::serve(std::io::Cursor::new(input), std::io::sink());
});
