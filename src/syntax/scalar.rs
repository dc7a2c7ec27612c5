//! Typing of plain scalars exactly as Heat's YAML loader does it: PyYAML's YAML 1.1
//! implicit resolver, with timestamps kept as strings (Heat overrides that
//! constructor). JSON documents use JSON's own rules.

/// A typed scalar value.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer outside `i64`, as decimal text.
    BigInt(String),
    Float(f64),
    Str(String),
}

/// What an implicit (untagged, plain) scalar resolves to, before construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implicit {
    Null,
    Bool,
    Int,
    Float,
    Merge,
    Value,
    /// Timestamps, and everything else: a string.
    Str,
}

/// PyYAML's implicit resolver (first match wins, tried in the order the resolvers
/// were registered: bool, float, int, merge, null, timestamp, value).
pub fn implicit_kind(text: &str) -> Implicit {
    let first = text.chars().next();
    let in_set = |set: &str| first.is_some_and(|c| set.contains(c));
    if in_set("yYnNtTfFoO") && is_bool(text) {
        return Implicit::Bool;
    }
    if in_set("-+0123456789.") && is_float(text) {
        return Implicit::Float;
    }
    if in_set("-+0123456789") && is_int(text) {
        return Implicit::Int;
    }
    if text == "<<" {
        return Implicit::Merge;
    }
    if (first.is_none() || in_set("~nN")) && matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Implicit::Null;
    }
    if text == "=" {
        return Implicit::Value;
    }
    Implicit::Str
}

fn is_bool(text: &str) -> bool {
    matches!(
        text,
        "yes"
            | "Yes"
            | "YES"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// A tiny cursor for the hand-written regular expressions below.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_if(&mut self, f: impl Fn(u8) -> bool) -> bool {
        match self.peek() {
            Some(b) if f(b) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }
    /// Zero or more; returns how many.
    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.eat_if(&f) {}
        self.pos - start
    }
    fn sign(&mut self) {
        let _ = self.eat(b'-') || self.eat(b'+');
    }
    fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}
fn digit_(b: u8) -> bool {
    b.is_ascii_digit() || b == b'_'
}

/// `(?::[0-5]?[0-9])+` — one or more base-60 groups.
fn sexagesimal_groups(c: &mut Cursor) -> bool {
    let mut groups = 0;
    loop {
        let save = c.pos;
        if !c.eat(b':') {
            break;
        }
        // [0-5]?[0-9]: try two digits first, then one.
        let two = c.rest().len() >= 2
            && (b'0'..=b'5').contains(&c.rest()[0])
            && c.rest()[1].is_ascii_digit();
        if two {
            c.pos += 2;
        } else if c.eat_if(digit) {
        } else {
            c.pos = save;
            break;
        }
        groups += 1;
    }
    groups > 0
}

/// PyYAML's float regular expression.
fn is_float(text: &str) -> bool {
    // Alternatives are tried independently, each must consume the whole text.
    let exponent = |c: &mut Cursor| {
        let save = c.pos;
        if c.eat_if(|b| b == b'e' || b == b'E') {
            if c.eat_if(|b| b == b'-' || b == b'+') && c.eat_while(digit) > 0 {
                return;
            }
            c.pos = save;
        }
    };
    // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    {
        let mut c = Cursor::new(text);
        c.sign();
        if c.eat_if(digit) {
            c.eat_while(digit_);
            if c.eat(b'.') {
                c.eat_while(digit_);
                exponent(&mut c);
                if c.done() {
                    return true;
                }
            }
        }
    }
    // \.[0-9_]+(?:[eE][-+][0-9]+)?
    {
        let mut c = Cursor::new(text);
        if c.eat(b'.') && c.eat_while(digit_) > 0 {
            exponent(&mut c);
            if c.done() {
                return true;
            }
        }
    }
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    {
        let mut c = Cursor::new(text);
        c.sign();
        if c.eat_if(digit) {
            c.eat_while(digit_);
            if sexagesimal_groups(&mut c) && c.eat(b'.') {
                c.eat_while(digit_);
                if c.done() {
                    return true;
                }
            }
        }
    }
    // [-+]?\.(?:inf|Inf|INF)
    {
        let mut c = Cursor::new(text);
        c.sign();
        if c.eat(b'.') && matches!(c.rest(), b"inf" | b"Inf" | b"INF") {
            return true;
        }
    }
    // \.(?:nan|NaN|NAN)
    matches!(text, ".nan" | ".NaN" | ".NAN")
}

/// PyYAML's int regular expression.
fn is_int(text: &str) -> bool {
    let alternatives: [&dyn Fn(&mut Cursor) -> bool; 5] = [
        // [-+]?0b[0-1_]+
        &|c| {
            c.sign();
            c.eat(b'0') && c.eat(b'b') && c.eat_while(|b| b == b'0' || b == b'1' || b == b'_') > 0
        },
        // [-+]?0[0-7_]+
        &|c| {
            c.sign();
            c.eat(b'0') && c.eat_while(|b| (b'0'..=b'7').contains(&b) || b == b'_') > 0
        },
        // [-+]?(?:0|[1-9][0-9_]*)
        &|c| {
            c.sign();
            if c.eat(b'0') {
                return true;
            }
            if c.eat_if(|b| (b'1'..=b'9').contains(&b)) {
                c.eat_while(digit_);
                return true;
            }
            false
        },
        // [-+]?0x[0-9a-fA-F_]+
        &|c| {
            c.sign();
            c.eat(b'0') && c.eat(b'x') && c.eat_while(|b| b.is_ascii_hexdigit() || b == b'_') > 0
        },
        // [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        &|c| {
            c.sign();
            if !c.eat_if(|b| (b'1'..=b'9').contains(&b)) {
                return false;
            }
            c.eat_while(digit_);
            sexagesimal_groups(c)
        },
    ];
    alternatives.iter().any(|alt| {
        let mut c = Cursor::new(text);
        alt(&mut c) && c.done()
    })
}

/// Why a scalar could not be constructed (PyYAML raises `ValueError` there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstructError(pub String);

/// `construct_yaml_int`, applied to any text (implicit or `!!int`).
pub fn construct_int(text: &str) -> Result<Scalar, ConstructError> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let (negative, digits) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, &cleaned[..]),
    };
    let invalid = || ConstructError(format!("invalid literal for int(): '{text}'"));
    let magnitude: Option<u128> = if digits == "0" {
        Some(0)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        parse_radix(bin, 2)
    } else if let Some(hex) = digits.strip_prefix("0x") {
        parse_radix(hex, 16)
    } else if digits.starts_with('0') {
        parse_radix(digits, 8)
    } else if digits.contains(':') {
        let mut value: u128 = 0;
        let mut ok = true;
        for part in digits.split(':') {
            match parse_radix(part, 10) {
                Some(p) => {
                    value = match value.checked_mul(60).and_then(|v| v.checked_add(p)) {
                        Some(v) => v,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        ok.then_some(value)
    } else {
        parse_radix(digits, 10)
    };
    let Some(magnitude) = magnitude else {
        // Either not a number at all, or larger than 128 bits.
        if digits.is_empty()
            || !digits
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b':')
        {
            return Err(invalid());
        }
        return Ok(Scalar::BigInt(format!(
            "{}{}",
            if negative { "-" } else { "" },
            digits
        )));
    };
    let signed = i128::try_from(magnitude)
        .ok()
        .map(|m| if negative { -m } else { m });
    match signed.and_then(|v| i64::try_from(v).ok()) {
        Some(v) => Ok(Scalar::Int(v)),
        None => Ok(Scalar::BigInt(format!(
            "{}{}",
            if negative && magnitude != 0 { "-" } else { "" },
            magnitude
        ))),
    }
}

fn parse_radix(digits: &str, radix: u32) -> Option<u128> {
    if digits.is_empty() {
        return None;
    }
    u128::from_str_radix(digits, radix).ok()
}

/// `construct_yaml_float`, applied to any text (implicit or `!!float`).
pub fn construct_float(text: &str) -> Result<f64, ConstructError> {
    let cleaned: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_lowercase();
    let (sign, body) = match cleaned.as_bytes().first() {
        Some(b'-') => (-1.0, &cleaned[1..]),
        Some(b'+') => (1.0, &cleaned[1..]),
        _ => (1.0, &cleaned[..]),
    };
    let invalid = || ConstructError(format!("could not convert string to float: '{text}'"));
    if body == ".inf" {
        return Ok(sign * f64::INFINITY);
    }
    if body == ".nan" {
        return Ok(f64::NAN);
    }
    if body.contains(':') {
        let mut value = 0.0;
        for part in body.split(':') {
            value = value * 60.0 + python_float(part).ok_or_else(invalid)?;
        }
        return Ok(sign * value);
    }
    python_float(body).map(|v| sign * v).ok_or_else(invalid)
}

/// Python's `float()` on the texts the YAML resolver lets through.
fn python_float(text: &str) -> Option<f64> {
    let t = text.trim();
    // Rust does not accept a bare "." or an exponent without digits, nor does Python.
    if t.is_empty() || t == "." {
        return None;
    }
    match t.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => return Some(f64::NAN),
        _ => {}
    }
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Resolves a plain scalar of a YAML document as Heat's loader does.
pub fn resolve_plain(text: &str) -> Result<Scalar, ConstructError> {
    match implicit_kind(text) {
        Implicit::Null => Ok(Scalar::Null),
        Implicit::Bool => Ok(Scalar::Bool(matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "true" | "on"
        ))),
        Implicit::Int => construct_int(text),
        Implicit::Float => construct_float(text).map(Scalar::Float),
        Implicit::Merge => Err(ConstructError(
            "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'".into(),
        )),
        Implicit::Value => Err(ConstructError(
            "could not determine a constructor for the tag 'tag:yaml.org,2002:value'".into(),
        )),
        Implicit::Str => Ok(Scalar::Str(text.to_string())),
    }
}

/// Resolves a bare (unquoted) token of a JSON document.
pub fn resolve_json(text: &str) -> Option<Scalar> {
    match text {
        "true" => return Some(Scalar::Bool(true)),
        "false" => return Some(Scalar::Bool(false)),
        "null" => return Some(Scalar::Null),
        _ => {}
    }
    let b = text.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == int_start || (b[int_start] == b'0' && i - int_start > 1) {
        return None;
    }
    let mut is_float = false;
    if b.get(i) == Some(&b'.') {
        is_float = true;
        i += 1;
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == s {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        is_float = true;
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == s {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    if is_float {
        text.parse::<f64>().ok().map(Scalar::Float)
    } else {
        match text.parse::<i64>() {
            Ok(v) => Some(Scalar::Int(v)),
            Err(_) => Some(Scalar::BigInt(text.trim_start_matches('+').to_string())),
        }
    }
}

/// Python's `repr()` of a float, which is what Heat shows and JSON-encodes.
pub fn python_float_repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.into();
    }
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        }
        .into();
    }
    let exponent = value.abs().log10().floor() as i32;
    if (-4..16).contains(&exponent) {
        let text = format!("{value:?}");
        if text.contains('e') {
            // Rust chose scientific notation; spell it out.
            let plain = format!("{value}");
            if plain.contains('.') {
                plain
            } else {
                format!("{plain}.0")
            }
        } else {
            text
        }
    } else {
        // Scientific: shortest digits, Python style "1e+16", "1.5e-05".
        let text = format!("{value:e}");
        let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        format!(
            "{mantissa}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Scalar {
        resolve_plain(text).unwrap()
    }

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        assert_eq!(plain("yes"), Scalar::Bool(true));
        assert_eq!(plain("Off"), Scalar::Bool(false));
        assert_eq!(plain("y"), Scalar::Str("y".into()));
        assert_eq!(plain("tRue"), Scalar::Str("tRue".into()));
        assert_eq!(plain("~"), Scalar::Null);
        assert_eq!(plain(""), Scalar::Null);
        assert_eq!(plain("nUll"), Scalar::Str("nUll".into()));
    }

    #[test]
    fn yaml_1_1_numbers() {
        assert_eq!(plain("0755"), Scalar::Int(493));
        assert_eq!(plain("0x1F"), Scalar::Int(31));
        assert_eq!(plain("0b101"), Scalar::Int(5));
        assert_eq!(plain("1_000"), Scalar::Int(1000));
        assert_eq!(plain("1:20"), Scalar::Int(80));
        assert_eq!(plain("-1:30"), Scalar::Int(-90));
        assert_eq!(plain("09"), Scalar::Str("09".into()));
        assert_eq!(plain("1e3"), Scalar::Str("1e3".into()));
        assert_eq!(plain("1.0e3"), Scalar::Str("1.0e3".into()));
        assert_eq!(plain("1.0e+3"), Scalar::Float(1000.0));
        assert_eq!(plain("1."), Scalar::Float(1.0));
        assert_eq!(plain("2013-05-23"), Scalar::Str("2013-05-23".into()));
        assert_eq!(plain("0o17"), Scalar::Str("0o17".into()));
        assert_eq!(
            plain("99999999999999999999"),
            Scalar::BigInt("99999999999999999999".into())
        );
    }

    #[test]
    fn python_float_reprs() {
        assert_eq!(python_float_repr(1000.0), "1000.0");
        assert_eq!(python_float_repr(1e16), "1e+16");
        assert_eq!(python_float_repr(0.0001), "0.0001");
        assert_eq!(python_float_repr(0.00001), "1e-05");
        assert_eq!(python_float_repr(1.5e300), "1.5e+300");
    }
}
