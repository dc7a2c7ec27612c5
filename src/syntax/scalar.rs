//! Typing of plain scalars exactly as Heat's YAML loader does it: PyYAML's YAML 1.1
//! implicit resolver, with timestamps kept as strings (Heat overrides that
//! constructor). When libyaml refuses a document, Heat retries with PyYAML's
//! pure-Python SafeLoader, which has no such override: there an unquoted date is a
//! date. JSON documents use JSON's own rules.

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
    Timestamp(Timestamp),
}

/// A `datetime.date` or `datetime.datetime`, as PyYAML's SafeLoader constructs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub time: Option<TimeOfDay>,
    /// What the client sends for it (`oslo_serialization.jsonutils.to_primitive`).
    wire: Box<str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub microsecond: u32,
    /// Offset from UTC in minutes; `None` for a naive datetime.
    pub utc_offset: Option<i32>,
}

impl Timestamp {
    /// The text the client sends: `2013-05-23` for a date, and for a datetime
    /// `2001-12-14T21:59:43.100000` (jsonutils drops the time zone).
    pub fn wire_text(&self) -> &str {
        &self.wire
    }

    /// Python's `repr()`: `datetime.date(2013, 5, 23)`, `datetime.datetime(...)`.
    pub fn python_repr(&self) -> String {
        let Some(t) = self.time else {
            return format!("datetime.date({}, {}, {})", self.year, self.month, self.day);
        };
        let mut fields = vec![
            self.year as u32,
            self.month as u32,
            self.day as u32,
            t.hour as u32,
            t.minute as u32,
            t.second as u32,
            t.microsecond,
        ];
        for _ in 0..2 {
            if fields.last() == Some(&0) {
                fields.pop();
            }
        }
        let mut out = format!(
            "datetime.datetime({}",
            fields
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        match t.utc_offset {
            None => {}
            Some(0) => out.push_str(", tzinfo=datetime.timezone.utc"),
            Some(minutes) => {
                let seconds = minutes as i64 * 60;
                let days = seconds.div_euclid(86_400);
                let rest = seconds.rem_euclid(86_400);
                let delta = match (days, rest) {
                    (0, s) => format!("seconds={s}"),
                    (d, 0) => format!("days={d}"),
                    (d, s) => format!("days={d}, seconds={s}"),
                };
                out.push_str(&format!(
                    ", tzinfo=datetime.timezone(datetime.timedelta({delta}))"
                ));
            }
        }
        out.push(')');
        out
    }

    /// The instant it stands for, for equality of mapping keys (Python compares
    /// aware datetimes in UTC; a date never equals a datetime).
    pub fn key(&self) -> (bool, i64, u32, bool) {
        let days = days_from_civil(self.year as i64, self.month as i64, self.day as i64);
        match self.time {
            None => (false, days, 0, false),
            Some(t) => {
                let seconds =
                    days * 86_400 + t.hour as i64 * 3600 + t.minute as i64 * 60 + t.second as i64
                        - t.utc_offset.unwrap_or(0) as i64 * 60;
                (true, seconds, t.microsecond, t.utc_offset.is_some())
            }
        }
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// PyYAML's implicit timestamp pattern (the resolver's, which the constructor's
/// pattern also accepts).
pub fn is_timestamp(text: &str) -> bool {
    parse_timestamp_fields(text).is_some()
}

struct TimestampFields<'a> {
    year: &'a str,
    month: &'a str,
    day: &'a str,
    time: Option<TimeFields<'a>>,
}

/// Hour, minute, second, fraction, zone.
type TimeFields<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<Zone<'a>>);

enum Zone<'a> {
    Utc,
    Offset(bool, &'a str, Option<&'a str>),
}

fn parse_timestamp_fields(text: &str) -> Option<TimestampFields<'_>> {
    let b = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, min: usize, max: usize| -> Option<&str> {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i - start >= min).then(|| &text[start..*i])
    };
    let year = digits(&mut i, 4, 4)?;
    if b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    let month = digits(&mut i, 1, 2)?;
    if b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    let day = digits(&mut i, 1, 2)?;
    if i == b.len() {
        // The date-only form needs two-digit month and day.
        return (month.len() == 2 && day.len() == 2).then_some(TimestampFields {
            year,
            month,
            day,
            time: None,
        });
    }
    match b[i] {
        b'T' | b't' => i += 1,
        b' ' | b'\t' => {
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
        }
        _ => return None,
    }
    let hour = digits(&mut i, 1, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let minute = digits(&mut i, 2, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let second = digits(&mut i, 2, 2)?;
    let mut fraction = None;
    if b.get(i) == Some(&b'.') {
        i += 1;
        fraction = Some(digits(&mut i, 0, usize::MAX)?);
    }
    let mut zone = None;
    let before_zone = i;
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    match b.get(i) {
        None if i != before_zone => return None,
        None => {}
        Some(b'Z') => {
            zone = Some(Zone::Utc);
            i += 1;
        }
        Some(&sign @ (b'-' | b'+')) => {
            i += 1;
            let hours = digits(&mut i, 1, 2)?;
            let mut minutes = None;
            if b.get(i) == Some(&b':') {
                i += 1;
                minutes = Some(digits(&mut i, 2, 2)?);
            }
            zone = Some(Zone::Offset(sign == b'-', hours, minutes));
        }
        Some(_) => return None,
    }
    (i == b.len()).then_some(TimestampFields {
        year,
        month,
        day,
        time: Some((hour, minute, second, fraction, zone)),
    })
}

/// `SafeConstructor.construct_yaml_timestamp`.
pub fn construct_timestamp(text: &str) -> Result<Scalar, ConstructError> {
    let Some(f) = parse_timestamp_fields(text) else {
        return Err(ConstructError(
            "'NoneType' object has no attribute 'groupdict'".into(),
        ));
    };
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(f.year), num(f.month), num(f.day));
    if year == 0 {
        return Err(ConstructError(format!("year {year} is out of range")));
    }
    if !(1..=12).contains(&month) {
        return Err(ConstructError("month must be in 1..12".into()));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day < 1 || day > month_days[month as usize - 1] {
        return Err(ConstructError("day is out of range for month".into()));
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let Some((hour, minute, second, fraction, zone)) = f.time else {
        return Ok(Scalar::Timestamp(Timestamp {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            time: None,
            wire: date.into(),
        }));
    };
    let (hour, minute, second) = (num(hour), num(minute), num(second));
    if hour > 23 {
        return Err(ConstructError("hour must be in 0..23".into()));
    }
    if minute > 59 {
        return Err(ConstructError("minute must be in 0..59".into()));
    }
    if second > 59 {
        return Err(ConstructError("second must be in 0..59".into()));
    }
    let microsecond = fraction
        .map(|fr| {
            let mut six: String = fr.chars().take(6).collect();
            while six.len() < 6 {
                six.push('0');
            }
            num(&six)
        })
        .unwrap_or(0);
    let utc_offset = match zone {
        None => None,
        Some(Zone::Utc) => Some(0),
        Some(Zone::Offset(negative, hours, minutes)) => {
            let total = num(hours) as i32 * 60 + minutes.map(num).unwrap_or(0) as i32;
            if total >= 24 * 60 {
                return Err(ConstructError(
                    "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).".into(),
                ));
            }
            Some(if negative { -total } else { total })
        }
    };
    Ok(Scalar::Timestamp(Timestamp {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        time: Some(TimeOfDay {
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            microsecond,
            utc_offset,
        }),
        wire: format!("{date}T{hour:02}:{minute:02}:{second:02}.{microsecond:06}").into(),
    }))
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
    Timestamp,
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
    if in_set("0123456789") && is_timestamp(text) {
        return Implicit::Timestamp;
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
    // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    {
        let mut c = Cursor::new(text);
        if c.eat(b'.') && c.eat_if(digit) {
            c.eat_while(digit_);
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
        Some(_) => (false, &cleaned[..]),
        None => return Err(ConstructError("string index out of range".into())),
    };
    let invalid = |radix: u32, d: &str| {
        ConstructError(format!(
            "invalid literal for int() with base {radix}: '{d}'"
        ))
    };
    let magnitude = if digits == "0" {
        BigUint::zero()
    } else if let Some(bin) = digits.strip_prefix("0b") {
        BigUint::parse(bin, 2).ok_or_else(|| invalid(2, bin))?
    } else if let Some(hex) = digits.strip_prefix("0x") {
        BigUint::parse(hex, 16).ok_or_else(|| invalid(16, hex))?
    } else if digits.starts_with('0') {
        BigUint::parse(digits, 8).ok_or_else(|| invalid(8, digits))?
    } else if digits.contains(':') {
        let mut value = BigUint::zero();
        for part in digits.split(':') {
            let part_value = BigUint::parse(part, 10).ok_or_else(|| invalid(10, part))?;
            value.mul_add(60, 0);
            value.add(&part_value);
        }
        value
    } else {
        BigUint::parse(digits, 10).ok_or_else(|| invalid(10, digits))?
    };
    Ok(match magnitude.to_u64() {
        Some(m) if !negative && m <= i64::MAX as u64 => Scalar::Int(m as i64),
        Some(m) if negative && m <= i64::MAX as u64 + 1 => {
            Scalar::Int((m as i128).wrapping_neg() as i64)
        }
        _ if magnitude.is_zero() => Scalar::Int(0),
        _ => Scalar::BigInt(format!(
            "{}{}",
            if negative { "-" } else { "" },
            magnitude.to_decimal()
        )),
    })
}

/// An unsigned integer of any size, for the few integers beyond 64 bits.
struct BigUint {
    /// Base 10^9 limbs, least significant first.
    limbs: Vec<u32>,
}

const LIMB: u64 = 1_000_000_000;

impl BigUint {
    fn zero() -> Self {
        BigUint { limbs: Vec::new() }
    }

    fn is_zero(&self) -> bool {
        self.limbs.iter().all(|&l| l == 0)
    }

    /// `self = self * factor + addend`.
    fn mul_add(&mut self, factor: u32, addend: u32) {
        let mut carry = addend as u64;
        for limb in &mut self.limbs {
            let v = *limb as u64 * factor as u64 + carry;
            *limb = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        while carry > 0 {
            self.limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    fn add(&mut self, other: &BigUint) {
        let mut carry = 0u64;
        for i in 0..self.limbs.len().max(other.limbs.len()) {
            if i == self.limbs.len() {
                self.limbs.push(0);
            }
            let v = self.limbs[i] as u64 + other.limbs.get(i).copied().unwrap_or(0) as u64 + carry;
            self.limbs[i] = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        if carry > 0 {
            self.limbs.push(carry as u32);
        }
    }

    /// Python's `int(digits, radix)` on text without sign or separators.
    fn parse(digits: &str, radix: u32) -> Option<BigUint> {
        if digits.is_empty() {
            return None;
        }
        let mut value = BigUint::zero();
        for c in digits.chars() {
            value.mul_add(radix, c.to_digit(radix)?);
        }
        Some(value)
    }

    fn to_u64(&self) -> Option<u64> {
        let mut value: u64 = 0;
        for &limb in self.limbs.iter().rev() {
            value = value.checked_mul(LIMB)?.checked_add(limb as u64)?;
        }
        Some(value)
    }

    fn to_decimal(&self) -> String {
        let mut limbs = self.limbs.iter().rev().skip_while(|&&l| l == 0);
        let Some(first) = limbs.next() else {
            return "0".into();
        };
        let mut out = first.to_string();
        for limb in limbs {
            out.push_str(&format!("{limb:09}"));
        }
        out
    }
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

/// Resolves a plain scalar of a YAML document as Heat's loader does
/// (`dates`: the document is read by the pure-Python fallback, where timestamps
/// are dates).
pub fn resolve_plain(text: &str, dates: bool) -> Result<Scalar, ConstructError> {
    match implicit_kind(text) {
        Implicit::Timestamp if dates => construct_timestamp(text),
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
        Implicit::Timestamp | Implicit::Str => Ok(Scalar::Str(text.to_string())),
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
        resolve_plain(text, false).unwrap()
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
