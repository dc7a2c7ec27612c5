//! Python's readings of text that Heat relies on: `int()` and `float()` of a
//! string, `str.isspace()`, `str.strip()`, and `repr()` of a string. Heat's
//! checks are written in Python, so these decide what it accepts.

/// Python's `str.isspace()` for one character.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` with no argument.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The first code point of each run of ten Unicode decimal digits (category
/// Nd), as Python 3.11 (Unicode 14.0) reads them in `int()` and `float()`:
/// `[c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0]`.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit in any script, as Python's `int()` reads it.
pub fn decimal_digit(c: char) -> Option<u32> {
    let code = c as u32;
    let i = DIGIT_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// A whole number as Python's `int()` of a string reads it, beyond `i128`
/// kept as its decimal text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PyInt {
    Small(i128),
    Big(String),
}

impl PyInt {
    pub fn as_i128(&self) -> Option<i128> {
        match self {
            PyInt::Small(i) => Some(*i),
            PyInt::Big(_) => None,
        }
    }
}

impl std::fmt::Display for PyInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PyInt::Small(i) => write!(f, "{i}"),
            PyInt::Big(s) => f.write_str(s),
        }
    }
}

/// Python's `int(text)`: surrounding whitespace, an optional sign, decimal
/// digits of any script with single underscores between them.
pub fn int(text: &str) -> Option<PyInt> {
    let t = strip(text);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let digits = digits_with_underscores(body)?;
    let trimmed = digits.trim_start_matches('0');
    let canonical = if trimmed.is_empty() { "0" } else { trimmed };
    let sign = if negative && canonical != "0" {
        "-"
    } else {
        ""
    };
    Some(match canonical.parse::<i128>() {
        Ok(v) if canonical.len() <= 38 => PyInt::Small(if negative { -v } else { v }),
        _ => PyInt::Big(format!("{sign}{canonical}")),
    })
}

/// `1_000` → `1000` (ASCII), or None when not a run of digits with single
/// underscores between them.
fn digits_with_underscores(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut previous_underscore = true;
    for c in body.chars() {
        if c == '_' {
            if previous_underscore {
                return None;
            }
            previous_underscore = true;
        } else {
            out.push(char::from_digit(decimal_digit(c)?, 10)?);
            previous_underscore = false;
        }
    }
    (!out.is_empty() && !previous_underscore).then_some(out)
}

/// Python's `float(text)`: whitespace, sign, digits (any script, single
/// underscores between digits), a fraction, an exponent, or inf/infinity/nan.
pub fn float(text: &str) -> Option<f64> {
    let t = strip(text);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let ascii = ascii_float(body)?;
            ascii.parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The float syntax with digits made ASCII: `digits [. digits] [e [sign] digits]`
/// where either side of the point may be empty (not both).
fn ascii_float(body: &str) -> Option<String> {
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let whole = if whole.is_empty() {
        String::new()
    } else {
        digits_with_underscores(whole)?
    };
    let fraction = match fraction {
        None => None,
        Some("") => Some(String::new()),
        Some(f) => Some(digits_with_underscores(f)?),
    };
    if whole.is_empty() && fraction.as_deref().is_none_or(str::is_empty) {
        return None;
    }
    let mut out = whole;
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(&f);
    }
    if let Some(e) = exponent {
        let (sign, digits) = match e.as_bytes().first() {
            Some(b'-') => ("-", &e[1..]),
            Some(b'+') => ("", &e[1..]),
            _ => ("", e),
        };
        out.push('e');
        out.push_str(sign);
        out.push_str(&digits_with_underscores(digits)?);
    }
    Some(out)
}

/// Python's `repr()` of a string.
pub fn repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let code = c as u32;
                if code < 0x100 {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code < 0x10000 {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for the characters that matter in messages:
/// controls, separators other than the space, format characters, surrogates
/// and private use are not printable.
fn is_printable(c: char) -> bool {
    let code = c as u32;
    !(c.is_control()
        || (c != ' ' && is_space(c))
        || matches!(code, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
            | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
            | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_reads_what_python_reads() {
        let small = |i: i128| Some(PyInt::Small(i));
        assert_eq!(int("12"), small(12));
        assert_eq!(int(" 12\n"), small(12));
        assert_eq!(int("+7"), small(7));
        assert_eq!(int("-0"), small(0));
        assert_eq!(int("1_000"), small(1000));
        assert_eq!(int("007"), small(7));
        assert_eq!(int("\u{663}"), small(3));
        assert_eq!(int("\u{1c}5\u{3000}"), small(5));
        for bad in [
            "", " ", "1.5", "1e3", "0x10", "_1", "1_", "1__0", "+-1", "- 1", "abc",
        ] {
            assert_eq!(int(bad), None, "{bad:?}");
        }
        assert_eq!(
            int("99999999999999999999999999999999999999999"),
            Some(PyInt::Big(
                "99999999999999999999999999999999999999999".into()
            ))
        );
    }

    #[test]
    fn float_reads_what_python_reads() {
        assert_eq!(float("1.5"), Some(1.5));
        assert_eq!(float(" -2 "), Some(-2.0));
        assert_eq!(float("1e3"), Some(1000.0));
        assert_eq!(float(".5"), Some(0.5));
        assert_eq!(float("5."), Some(5.0));
        assert_eq!(float("1_0.2_5"), Some(10.25));
        assert_eq!(float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(float("nan").is_some_and(f64::is_nan));
        for bad in ["", ".", "e3", "1e", "1.5.2", "abc", "0x10", "1_.5", "in f"] {
            assert_eq!(float(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn repr_quotes_like_python() {
        assert_eq!(repr("abc"), "'abc'");
        assert_eq!(repr("O'Higgins"), "\"O'Higgins\"");
        assert_eq!(repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(repr("a\nb\\"), "'a\\nb\\\\'");
        assert_eq!(repr("\u{7}\u{a0}é"), "'\\x07\\xa0é'");
    }
}
