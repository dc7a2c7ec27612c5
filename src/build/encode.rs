//! Encoders: each spec value is written into the generated tree through the
//! encoder of the place it lands in (YAML, Python, TOML, JSON, a data URL,
//! Markdown). Values never reach node shell scripts as code: scripts read them
//! from files.

/// A YAML double-quoted scalar (valid YAML 1.1 and 1.2; Heat reads it back as
/// exactly `s`).
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            // Line and paragraph separators and the BOM are breaks or
            // invisible in YAML: escape them.
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Python string literal (double-quoted, with escapes).
pub fn python_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c as u32 >= 0x7f => {
                let n = c as u32;
                if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-encodes every byte but RFC 3986's unreserved characters, as
/// Python's `urllib.parse.quote(s, safe='')` does. The result is safe in a data
/// URL, a JSON string and a YAML plain scalar.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(base64_len(bytes.len()));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The length of the base64 of `n` bytes.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// A Markdown code span that shows `s` literally.
pub fn markdown_code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.replace('|', "\\|");
    format!("{fence} {flat} {fence}")
}

/// A JSON string.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "\"",
        "'",
        "%",
        "$",
        "\\",
        "\n",
        "é ü 日本",
        "a: b",
        "#x",
        "- y",
        "{z}",
        "${HOME}",
        "%index%",
        "yes",
        "0755",
        "\u{2028}",
        "",
    ];

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
            assert_eq!(base64_len(plain.len()), encoded.len());
        }
    }

    #[test]
    fn yaml_strings_read_back_exactly() {
        for value in HOSTILE {
            let text = format!("k: {}\n", yaml_string(value));
            let parsed = crate::syntax::parse(&text);
            assert!(parsed.issues.is_empty(), "{text:?}: {:?}", parsed.issues);
            let root = parsed.root.expect("a tree");
            assert_eq!(
                root.get("k").and_then(|n| n.as_str()),
                Some(*value),
                "{text:?}"
            );
        }
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("a b/%\n"), "a%20b%2F%25%0A");
        assert_eq!(percent_encode("é"), "%C3%A9");
        for value in HOSTILE {
            assert!(
                percent_encode(value)
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b))
            );
        }
    }

    #[test]
    fn toml_and_python_escape_quotes_and_controls() {
        assert_eq!(toml_string("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
        assert_eq!(python_string("it's\n\u{e9}"), "'it\\'s\\n\\u00e9'");
    }

    #[test]
    fn markdown_code_spans_cannot_be_closed_early() {
        assert_eq!(markdown_code("a`b"), "`` a`b ``");
        assert_eq!(markdown_code("x|y"), "` x\\|y `");
    }
}
