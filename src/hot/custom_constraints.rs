//! Heat's custom constraints that need no cloud: `ip_addr`, `ip_or_cidr`,
//! `net_cidr`, `mac_addr`, `dns_name`, `dns_domain`, `rel_dns_name`,
//! `iso_8601`, `expiration`, `cron_expression`, `json_string` and `timezone`.
//!
//! Heat checks them with Python libraries (netaddr and neutron-lib's
//! validators, iso8601, croniter, json, zoneinfo); each check here follows what
//! those accept and reproduces Heat's message, as recorded from Heat 27.0.1 in
//! `tests/golden/custom-constraints.json` (see `scripts/custom-constraints-golden.py`).

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value as Json;

use super::python;

/// The custom constraints hotc checks offline.
pub const PURE: [&str; 12] = [
    "cron_expression",
    "dns_domain",
    "dns_name",
    "expiration",
    "ip_addr",
    "ip_or_cidr",
    "iso_8601",
    "json_string",
    "mac_addr",
    "net_cidr",
    "rel_dns_name",
    "timezone",
];

/// Checks `value` against the custom constraint `name`: `None` when hotc cannot
/// tell (a constraint that asks a cloud, an unknown name, a value that is not
/// a string), else Heat's verdict with its message, e.g.
/// `Error validating value '1.2.3': Invalid IP address`.
pub fn validate(name: &str, value: &Json) -> Option<Result<(), String>> {
    let Json::String(text) = value else {
        return None;
    };
    let verdict = match name {
        "ip_addr" => ip_addr(text),
        "ip_or_cidr" => ip_or_cidr(text),
        "net_cidr" => net_cidr(text),
        "mac_addr" => mac_addr(text),
        "dns_name" => dns_name(text),
        "dns_domain" => dns_domain(text),
        "rel_dns_name" => rel_dns_name(text),
        "iso_8601" => iso_8601(text),
        "expiration" => expiration(text, now_micros()),
        "cron_expression" => cron_expression(text),
        "json_string" => json_string(text),
        "timezone" => timezone(text),
        _ => return None,
    };
    Some(verdict.map_err(|detail| match detail {
        Some(detail) => format!("Error validating value '{text}': {detail}"),
        None => format!("Error validating value '{text}'"),
    }))
}

/// A check's verdict: the error carries Heat's detail message, if it has one.
type Verdict = Result<(), Option<String>>;

fn fail(detail: impl Into<String>) -> Verdict {
    Err(Some(detail.into()))
}

// ---------------------------------------------------------------------------
// IP addresses and networks (netaddr 1.3 on glibc, neutron-lib's validators)
// ---------------------------------------------------------------------------

/// glibc's `inet_pton(AF_INET)`: four decimal octets, no leading zeros.
fn inet_pton4(s: &str) -> Option<u32> {
    let mut octets: Vec<u32> = Vec::with_capacity(4);
    let mut saw_digit = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                let digit = u32::from(b - b'0');
                if saw_digit {
                    let current = octets.last_mut()?;
                    if *current == 0 {
                        return None;
                    }
                    *current = *current * 10 + digit;
                    if *current > 255 {
                        return None;
                    }
                } else {
                    if octets.len() == 4 {
                        return None;
                    }
                    octets.push(digit);
                    saw_digit = true;
                }
            }
            b'.' if saw_digit => {
                if octets.len() == 4 {
                    return None;
                }
                saw_digit = false;
            }
            _ => return None,
        }
    }
    (octets.len() == 4).then(|| octets.iter().fold(0, |acc, o| (acc << 8) | o))
}

/// glibc's `inet_pton(AF_INET6)`.
fn inet_pton6(s: &str) -> Option<u128> {
    let bytes = s.as_bytes();
    let mut groups: Vec<u16> = Vec::with_capacity(8);
    let mut gap: Option<usize> = None;
    let mut i = 0;
    if bytes.first() == Some(&b':') {
        if bytes.get(1) != Some(&b':') {
            return None;
        }
        i = 1;
    }
    let mut token_start = i;
    let mut digits = 0;
    let mut value: u32 = 0;
    let mut tail_v4: Option<u32> = None;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if let Some(d) = (c as char).to_digit(16) {
            if digits == 4 {
                return None;
            }
            value = (value << 4) | d;
            digits += 1;
            continue;
        }
        if c == b':' {
            token_start = i;
            if digits == 0 {
                if gap.is_some() {
                    return None;
                }
                gap = Some(groups.len());
                continue;
            } else if i == bytes.len() {
                return None;
            }
            if groups.len() >= 8 {
                return None;
            }
            groups.push(value as u16);
            digits = 0;
            value = 0;
            continue;
        }
        if c == b'.' && groups.len() <= 6 {
            if let Some(v4) = inet_pton4(&s[token_start..]) {
                tail_v4 = Some(v4);
                digits = 0;
                break;
            }
        }
        return None;
    }
    if digits > 0 {
        if groups.len() >= 8 {
            return None;
        }
        groups.push(value as u16);
    }
    if let Some(v4) = tail_v4 {
        groups.push((v4 >> 16) as u16);
        groups.push(v4 as u16);
    }
    if let Some(at) = gap {
        if groups.len() == 8 {
            return None;
        }
        let zeros = 8 - groups.len();
        groups.splice(at..at, std::iter::repeat_n(0, zeros));
    }
    if groups.len() != 8 {
        return None;
    }
    Some(
        groups
            .iter()
            .fold(0u128, |acc, g| (acc << 16) | u128::from(*g)),
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ip {
    V4(u32),
    V6(u128),
}

/// How netaddr fails: `AddrFormatError`, or a `ValueError` (which escapes
/// the places that only catch the former).
#[derive(Clone, Debug, PartialEq, Eq)]
enum NetError {
    Format(String),
    Value(String),
}

impl NetError {
    fn text(&self) -> &str {
        match self {
            NetError::Format(t) | NetError::Value(t) => t,
        }
    }
}

fn v4_text(v: u32) -> String {
    let o = v.to_be_bytes();
    format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])
}

/// netaddr's `ipv4.str_to_int(addr, flags)` (INET_PTON, optionally ZEROFILL).
fn ipv4_str_to_int(addr: &str, zerofill: bool) -> Result<u32, NetError> {
    let error = || {
        NetError::Format(format!(
            "{} is not a valid IPv4 address string!",
            python::repr(addr)
        ))
    };
    if addr.contains(':') {
        return Err(error());
    }
    let filled;
    let addr_used = if zerofill {
        let mut parts = Vec::new();
        for part in addr.split('.') {
            match python::int(part) {
                Some(i) => parts.push(i.to_string()),
                None => {
                    return Err(NetError::Value(format!(
                        "invalid literal for int() with base 10: {}",
                        python::repr(part)
                    )));
                }
            }
        }
        filled = parts.join(".");
        filled.as_str()
    } else {
        if addr.split('.').any(|p| p.len() > 1 && p.starts_with('0')) {
            return Err(error());
        }
        addr
    };
    if addr_used.contains('\0') {
        return Err(NetError::Value("embedded null character".into()));
    }
    inet_pton4(addr_used).ok_or_else(error)
}

fn ipv6_str_to_int(addr: &str) -> Result<u128, NetError> {
    if addr.contains('\0') {
        return Err(NetError::Value("embedded null character".into()));
    }
    inet_pton6(addr).ok_or_else(|| {
        NetError::Format(format!(
            "{} is not a valid IPv6 address string!",
            python::repr(addr)
        ))
    })
}

/// netaddr's `IPAddress(addr, version, flags)` for a string.
fn ip_address(addr: &str, version: Option<u8>, zerofill: bool) -> Result<Ip, NetError> {
    if addr.contains('/') {
        return Err(NetError::Value(
            "IPAddress() does not support netmasks or subnet prefixes! See documentation for details."
                .into(),
        ));
    }
    match version {
        Some(4) => ipv4_str_to_int(addr, zerofill)
            .map(Ip::V4)
            .map_err(|e| match e {
                NetError::Format(_) => {
                    NetError::Format(format!("base address {} is not IPv4", python::repr(addr)))
                }
                other => other,
            }),
        Some(_) => ipv6_str_to_int(addr).map(Ip::V6).map_err(|e| match e {
            NetError::Format(_) => {
                NetError::Format(format!("base address {} is not IPv6", python::repr(addr)))
            }
            other => other,
        }),
        None => match ipv4_str_to_int(addr, zerofill) {
            Ok(v) => Ok(Ip::V4(v)),
            Err(NetError::Value(v)) => Err(NetError::Value(v)),
            Err(NetError::Format(_)) => match ipv6_str_to_int(addr) {
                Ok(v) => Ok(Ip::V6(v)),
                Err(NetError::Value(v)) => Err(NetError::Value(v)),
                Err(NetError::Format(_)) => Err(NetError::Format(format!(
                    "failed to detect a valid IP address from {}",
                    python::repr(addr)
                ))),
            },
        },
    }
}

struct Network {
    ip: Ip,
    prefix: u32,
}

/// netaddr's `parse_ip_network` for one IP version.
fn parse_ip_network(version: u8, addr: &str) -> Result<Network, NetError> {
    let width: u32 = if version == 4 { 32 } else { 128 };
    let family = if version == 4 { "IPv4" } else { "IPv6" };
    let (address, prefix) = match addr.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (addr, None),
    };
    let ip = ip_address(address, Some(version), false)?;
    let prefix: i128 = match prefix {
        None => i128::from(width),
        Some(p) => match python::int(p) {
            Some(i) => i.as_i128().unwrap_or(i128::MAX),
            None => {
                let mask = match ip_address(p, Some(version), false)? {
                    Ip::V4(v) => u128::from(v),
                    Ip::V6(v) => v,
                };
                let max = if version == 4 {
                    u128::from(u32::MAX)
                } else {
                    u128::MAX
                };
                let inverted = mask ^ max;
                if inverted.wrapping_add(1) & inverted == 0 {
                    // A netmask: ones then zeros.
                    i128::from(width - inverted.count_ones())
                } else if mask.wrapping_add(1) & mask == 0 {
                    // A hostmask: zeros then ones.
                    i128::from(width - mask.count_ones())
                } else {
                    return Err(NetError::Format(format!(
                        "addr {} is not a valid IPNetwork!",
                        python::repr(addr)
                    )));
                }
            }
        },
    };
    if !(0..=i128::from(width)).contains(&prefix) {
        return Err(NetError::Format(format!(
            "invalid prefix for {family} address!"
        )));
    }
    Ok(Network {
        ip,
        prefix: prefix as u32,
    })
}

/// netaddr's `IPNetwork(addr)`: IPv4, else IPv6.
fn ip_network(addr: &str) -> Result<Network, NetError> {
    match parse_ip_network(4, addr) {
        Ok(n) => Ok(n),
        Err(NetError::Value(v)) => Err(NetError::Value(v)),
        Err(NetError::Format(_)) => match parse_ip_network(6, addr) {
            Ok(n) => Ok(n),
            Err(NetError::Value(v)) => Err(NetError::Value(v)),
            Err(NetError::Format(_)) => Err(NetError::Format(format!("invalid IPNetwork {addr}"))),
        },
    }
}

/// netaddr's `cidr_abbrev_to_verbose`: classful IPv4 abbreviations
/// (`10` → `10.0.0.0/8`, `192.168` → `192.168.0.0/16`).
fn cidr_abbrev_to_verbose(abbrev: &str) -> String {
    fn classful_prefix(octet: i128) -> Option<u32> {
        Some(match octet {
            0..=127 => 8,
            128..=191 => 16,
            192..=223 => 24,
            224..=239 => 4,
            240..=255 => 32,
            _ => return None,
        })
    }
    if abbrev.contains(':') || abbrev.is_empty() {
        return abbrev.to_string();
    }
    if let Some(i) = python::int(abbrev) {
        return match i.as_i128().and_then(classful_prefix) {
            Some(prefix) => format!("{i}.0.0.0/{prefix}"),
            None => abbrev.to_string(),
        };
    }
    let (part_addr, prefix) = match abbrev.split_once('/') {
        Some((a, p)) => {
            match python::int(p).and_then(|i| i.as_i128()) {
                Some(n) if (0..=32).contains(&n) => {}
                _ => return abbrev.to_string(),
            }
            (a, Some(p.to_string()))
        }
        None => (abbrev, None),
    };
    let mut tokens: Vec<&str> = part_addr.split('.').collect();
    if tokens.len() > 4 {
        return abbrev.to_string();
    }
    while tokens.len() < 4 {
        tokens.push("0");
    }
    let prefix = match prefix {
        Some(p) => p,
        None => match python::int(tokens[0]) {
            None => return abbrev.to_string(),
            Some(i) => match i.as_i128().and_then(classful_prefix) {
                Some(p) => p.to_string(),
                None => return abbrev.to_string(),
            },
        },
    };
    format!("{}/{prefix}", tokens.join("."))
}

fn has_python_whitespace(s: &str) -> bool {
    s.chars().any(python::is_space)
}

/// neutron-lib's `validate_ip_address`: the problem, if any.
fn validate_ip_address(data: &str) -> Option<String> {
    let invalid = || Some(format!("'{data}' is not a valid IP address"));
    if has_python_whitespace(data) {
        return invalid();
    }
    let ip = match ip_address(data, None, true) {
        Ok(ip) => ip,
        Err(NetError::Value(_)) => match ip_address(data, None, false) {
            Ok(ip) => ip,
            Err(_) => return invalid(),
        },
        Err(NetError::Format(_)) => return invalid(),
    };
    if !data.contains(':') && data.matches('.').count() != 3 {
        return invalid();
    }
    match ip {
        Ip::V4(v) if v4_text(v) != data => Some(format!(
            "'{data}' is not an accepted IP address, '{}' is recommended",
            v4_text(v)
        )),
        _ => None,
    }
}

/// neutron-lib's `validate_subnet`: the problem, if any.
fn validate_subnet(data: &str) -> Option<String> {
    let invalid = Some(format!("'{data}' is not a valid IP subnet"));
    if has_python_whitespace(data) {
        return invalid;
    }
    match ip_network(data) {
        Err(_) => invalid,
        Ok(_) if !data.contains('/') => invalid,
        Ok(Network {
            ip: Ip::V4(v),
            prefix,
        }) if format!("{}/{prefix}", v4_text(v)) != data => invalid,
        Ok(_) => None,
    }
}

fn ip_addr(s: &str) -> Verdict {
    match validate_ip_address(s) {
        None => Ok(()),
        Some(_) => fail("Invalid IP address"),
    }
}

fn ip_or_cidr(s: &str) -> Verdict {
    let problem = if s.contains('/') {
        validate_subnet(s)
    } else {
        validate_ip_address(s)
    };
    match problem {
        None => Ok(()),
        Some(p) => fail(p),
    }
}

fn net_cidr(s: &str) -> Verdict {
    if let Err(e) = ip_network(&cidr_abbrev_to_verbose(s)) {
        return fail(format!("Invalid net cidr {} ", e.text()));
    }
    match validate_subnet(s) {
        None => Ok(()),
        Some(p) => fail(p),
    }
}

// ---------------------------------------------------------------------------
// MAC addresses (netaddr's EUI-48 formats)
// ---------------------------------------------------------------------------

#[allow(clippy::expect_used, reason = "constant patterns, compiled by tests")]
fn mac_formats() -> &'static [Regex] {
    static FORMATS: OnceLock<Vec<Regex>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        let join = |part: &str, sep: &str, n: usize| vec![part; n].join(sep);
        [
            join("[0-9A-F]{1,2}", ":", 6),
            join("[0-9A-F]{1,2}", "-", 6),
            join("[0-9A-F]{1,4}", ":", 3),
            join("[0-9A-F]{1,4}", "-", 3),
            join("[0-9A-F]{1,4}", r"\.", 3),
            join("[0-9A-F]{5,6}", "-", 2),
            join("[0-9A-F]{5,6}", ":", 2),
            "[0-9A-F]{12}".to_string(),
            "[0-9A-F]{11}".to_string(),
        ]
        .iter()
        // Python's `$` also matches before a final newline.
        .map(|p| Regex::new(&format!(r"(?i)\A{p}\n?\z")).expect("a valid MAC pattern"))
        .collect()
    })
}

fn mac_addr(s: &str) -> Verdict {
    if mac_formats().iter().any(|r| r.is_match(s)) {
        Ok(())
    } else {
        fail("Invalid MAC address.")
    }
}

// ---------------------------------------------------------------------------
// DNS names (heat.common.netutils)
// ---------------------------------------------------------------------------

const FQDN_MAX_LEN: usize = 255;

/// `[a-z0-9-]{1,63}$` matched at the start, Python's `$` allowing a final newline.
fn dns_label_ok(label: &str) -> bool {
    let body = label.strip_suffix('\n').unwrap_or(label);
    let ok = |s: &str| {
        (1..=63).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    ok(label) || (body.len() != label.len() && ok(body))
}

fn validate_dns_format(data: &str) -> Result<(), String> {
    if data.is_empty() {
        return Ok(());
    }
    let trimmed = data.strip_suffix('.').unwrap_or(data);
    if trimmed.chars().count() > FQDN_MAX_LEN {
        return Err(format!(
            "'{trimmed}' exceeds the {FQDN_MAX_LEN} character FQDN limit"
        ));
    }
    let names: Vec<&str> = trimmed.split('.').collect();
    for name in &names {
        if name.is_empty() {
            return Err("Encountered an empty component.".into());
        }
        if name.ends_with('-') || name.starts_with('-') {
            return Err(format!(
                "Name '{name}' must not start or end with a hyphen."
            ));
        }
        if !dns_label_ok(name) {
            return Err(format!(
                "Name '{name}' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen."
            ));
        }
    }
    let last = names.last().copied().unwrap_or_default();
    let all_digits = {
        let body = last.strip_suffix('\n').unwrap_or(last);
        !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit())
    };
    if data.ends_with('.') && names.len() > 1 && all_digits {
        return Err(format!("TLD '{last}' must not be all numeric."));
    }
    Ok(())
}

fn dns_name(s: &str) -> Verdict {
    validate_dns_format(s)
        .map_err(|reason| Some(format!("'{s}' not in valid format. Reason: {reason}")))
}

fn dns_domain(s: &str) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    dns_name(s)?;
    if !s.ends_with('.') {
        return fail(format!("'{s}' must end with '.'."));
    }
    Ok(())
}

fn rel_dns_name(s: &str) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    if s.ends_with('.') {
        return fail(format!(
            "'{s}' is a FQDN. It should be a relative domain name."
        ));
    }
    let length = s.chars().count();
    if length > FQDN_MAX_LEN - 3 {
        return fail(format!(
            "'{s}' contains '{length}' characters. Adding a domain name will cause it to exceed the maximum length of a FQDN of '{FQDN_MAX_LEN}'."
        ));
    }
    dns_name(s)
}

// ---------------------------------------------------------------------------
// Dates (iso8601 2.1, Python's datetime) and expiration
// ---------------------------------------------------------------------------

#[allow(clippy::expect_used, reason = "constant patterns, compiled by tests")]
fn iso8601_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // iso8601's pattern; its `(?!$)` after a dashless month is checked by
        // the caller, Python's `$` (end, or before a final newline) is `\n?\z`.
        Regex::new(concat!(
            r"\A(?P<year>[0-9]{4})",
            r"(((-(?P<monthdash>[0-9]{1,2}))|(?P<month>[0-9]{2}))",
            r"(((-(?P<daydash>[0-9]{1,2}))|(?P<day>[0-9]{2}))",
            r"(((?P<separator>[ T])(?P<hour>[0-9]{2})(:?(?P<minute>[0-9]{2}))?",
            r"(:?(?P<second>[0-9]{1,2})([.,](?P<second_fraction>[0-9]+))?)?",
            r"(?P<timezone>Z|((?P<tz_sign>[-+])(?P<tz_hour>[0-9]{2}):?(?P<tz_minute>[0-9]{2})?))?)?))?)?",
            r"(?P<end>\n?)\z"
        ))
        .expect("the ISO 8601 pattern")
    })
}

/// A date and time as iso8601's `parse_date` builds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateTime {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    micro: i64,
    /// UTC offset in minutes.
    offset: i64,
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Python's repr of `timedelta(minutes=total)`.
fn timedelta_repr(total_minutes: i64) -> String {
    let seconds = total_minutes * 60;
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let mut parts = Vec::new();
    if days != 0 {
        parts.push(format!("days={days}"));
    }
    if rest != 0 {
        parts.push(format!("seconds={rest}"));
    }
    if parts.is_empty() {
        "datetime.timedelta(0)".into()
    } else {
        format!("datetime.timedelta({})", parts.join(", "))
    }
}

/// iso8601's `parse_date` (default time zone UTC); the error is the text of
/// its `ParseError`.
fn parse_date(text: &str) -> Result<DateTime, String> {
    let unable = || format!("Unable to parse date string {}", python::repr(text));
    let captures = iso8601_regex().captures(text).ok_or_else(unable)?;
    let group = |name: &str| captures.name(name).map(|m| m.as_str());
    if let Some(month) = captures.name("month") {
        // `(?!$)`: no date of just YYYYMM.
        let rest = &text[month.end()..];
        if rest.is_empty() || rest == "\n" {
            return Err(unable());
        }
    }
    let number = |name: &str, default: i64| {
        group(name).map_or(default, |s| s.parse::<i64>().unwrap_or(default))
    };
    let offset = match group("timezone") {
        None | Some("Z") => 0,
        Some(_) => {
            let hours = number("tz_hour", 0);
            let minutes = number("tz_minute", 0);
            let total = hours * 60 + minutes;
            let total = if group("tz_sign") == Some("-") {
                -total
            } else {
                total
            };
            if total.abs() >= 24 * 60 {
                return Err(format!(
                    "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
                    timedelta_repr(total)
                ));
            }
            total
        }
    };
    let micro = group("second_fraction").map_or(0, |f| {
        let digits: String = f.chars().chain(std::iter::repeat('0')).take(6).collect();
        digits.parse::<i64>().unwrap_or(0)
    });
    let dt = DateTime {
        year: number("year", 0),
        month: group("month")
            .or(group("monthdash"))
            .map_or(1, |s| s.parse().unwrap_or(1)),
        day: group("day")
            .or(group("daydash"))
            .map_or(1, |s| s.parse().unwrap_or(1)),
        hour: number("hour", 0),
        minute: number("minute", 0),
        second: number("second", 0),
        micro,
        offset,
    };
    if !(1..=9999).contains(&dt.year) {
        return Err(format!("year {} is out of range", dt.year));
    }
    if !(1..=12).contains(&dt.month) {
        return Err("month must be in 1..12".into());
    }
    if !(1..=days_in_month(dt.year, dt.month)).contains(&dt.day) {
        return Err("day is out of range for month".into());
    }
    if !(0..=23).contains(&dt.hour) {
        return Err("hour must be in 0..23".into());
    }
    if !(0..=59).contains(&dt.minute) {
        return Err("minute must be in 0..59".into());
    }
    if !(0..=59).contains(&dt.second) {
        return Err("second must be in 0..59".into());
    }
    Ok(dt)
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Microseconds since the Unix epoch of a naive UTC time.
fn naive_micros(dt: &DateTime) -> i128 {
    let days = i128::from(days_from_civil(dt.year, dt.month, dt.day));
    let seconds = days * 86_400
        + i128::from(dt.hour) * 3600
        + i128::from(dt.minute) * 60
        + i128::from(dt.second);
    seconds * 1_000_000 + i128::from(dt.micro)
}

fn now_micros() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i128)
}

fn iso_8601(s: &str) -> Verdict {
    parse_date(s).map(|_| ()).map_err(|_| None)
}

fn expiration(s: &str, now: i128) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    let invalid = |why: String| fail(format!("Expiration {s} is invalid: {why}"));
    let dt = match parse_date(python::strip(s)) {
        Ok(dt) => dt,
        Err(e) => return invalid(e),
    };
    // Normalised to naive UTC, which must stay within datetime's years 1..9999.
    let utc = naive_micros(&dt) - i128::from(dt.offset) * 60_000_000;
    let min = naive_micros(&DateTime {
        year: 1,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        micro: 0,
        offset: 0,
    });
    let max = naive_micros(&DateTime {
        year: 9999,
        month: 12,
        day: 31,
        hour: 23,
        minute: 59,
        second: 59,
        micro: 999_999,
        offset: 0,
    });
    if utc < min || utc > max {
        return invalid("date value out of range".into());
    }
    if utc > now {
        Ok(())
    } else {
        invalid("Expiration time is out of date.".into())
    }
}

// ---------------------------------------------------------------------------
// Cron expressions (croniter 7.0)
// ---------------------------------------------------------------------------

const DAY: usize = 2;
const MONTH: usize = 3;
const DOW: usize = 4;
const RANGES: [(u128, u128); 7] = [
    (0, 59),
    (0, 23),
    (1, 31),
    (1, 12),
    (0, 6),
    (0, 59),
    (1970, 2099),
];
const LEN_MEANS_ALL: [usize; 7] = [60, 24, 31, 12, 7, 60, 130];
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// A value croniter keeps for a field: a number, `*` or `l` (last).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum CronValue {
    Number(u128),
    Star,
    Last,
}

/// A name (`jan`, `mon`, `l`) of a field, as croniter's ALPHACONV.
fn alphaconv(field: usize, key: &str) -> Option<CronValue> {
    let position = |names: &[&str]| names.iter().position(|n| *n == key);
    match field {
        DAY if key == "l" => Some(CronValue::Last),
        MONTH => position(&MONTHS).map(|i| CronValue::Number(i as u128 + 1)),
        DOW => position(&WEEKDAYS).map(|i| CronValue::Number(i as u128)),
        _ => None,
    }
}

/// croniter's `value_alias`: only Sunday as 7 becomes 0 (for 5-, 6- and
/// 7-field expressions).
fn value_alias(value: u128, field: usize) -> u128 {
    if field == DOW && value == 7 { 0 } else { value }
}

/// Digits as a number, saturating (Python's ints have no limit; these only
/// get compared with small bounds).
fn saturating_digits(s: &str) -> u128 {
    s.bytes().fold(0u128, |acc, b| {
        acc.saturating_mul(10).saturating_add(u128::from(b - b'0'))
    })
}

fn is_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

struct CronRegexes {
    hash: Regex,
    special_dow: Regex,
    nearest_weekday: Regex,
    step_search: Regex,
    star_step: Regex,
    start_step: Regex,
}

#[allow(clippy::expect_used, reason = "constant patterns, compiled by tests")]
fn cron_regexes() -> &'static CronRegexes {
    static RE: OnceLock<CronRegexes> = OnceLock::new();
    RE.get_or_init(|| {
        let weekdays = WEEKDAYS.join("|");
        let months = MONTHS.join("|");
        let re = |p: &str| Regex::new(p).expect("a croniter pattern");
        CronRegexes {
            hash: re(r"\A(?P<hash_type>h|r)(\((?P<range_begin>[0-9]+)-(?P<range_end>[0-9]+)\))?(/(?P<divisor>[0-9]+))?\z"),
            special_dow: re(&format!(
                r"\A(?P<pre>((?P<he>(({weekdays})(-({weekdays}))?)|(({months})(-({months}))?)|[A-Za-z0-9_]+)#)|l)(?P<last>[0-9]+)\z"
            )),
            nearest_weekday: re(r"\A(?:([0-9]+)w|w([0-9]+))\z"),
            step_search: re(r"\A([^-]+)-([^-/]+)(/([0-9]+))?\z"),
            star_step: re(r"\A\*(/.+)\z"),
            start_step: re(r"\A(.+)/(.+)\z"),
        }
    })
}

/// croniter's HashExpander: `h`/`r` fields become numbers (Heat gives no hash
/// id, so `h` is refused; `r` draws at random — here the range's start, which
/// is as valid as any draw).
fn expand_hash(field: usize, expr: &str) -> Result<String, String> {
    let Some(m) = cron_regexes().hash.captures(expr) else {
        return Ok(expr.to_string());
    };
    let group = |n: &str| m.name(n).map(|g| g.as_str());
    if group("hash_type") == Some("h") {
        return Err("Hashed definitions must include hash_id".into());
    }
    let (low, high) = RANGES[field];
    let begin = group("range_begin").map(saturating_digits);
    let end = group("range_end").map(saturating_digits);
    let divisor = group("divisor").map(saturating_digits);
    if let (Some(b), Some(e)) = (begin, end) {
        if b >= e {
            return Err("Range end must be greater than range begin".into());
        }
        for bound in [b, e] {
            if !(low..=high).contains(&value_alias(bound, field)) {
                return Err(format!("[{expr}] is not acceptable, out of range"));
            }
        }
    }
    let divide = |range_begin: u128, range_end: u128, divisor: u128| {
        let x = range_begin;
        if x == range_end {
            x.to_string()
        } else {
            format!("{x}-{range_end}/{divisor}")
        }
    };
    match (begin, end, divisor) {
        (Some(b), Some(e), Some(d)) => {
            if d == 0 {
                return Err(format!("Bad expression: {expr}"));
            }
            Ok(divide(b, e, d))
        }
        (Some(b), Some(_), None) => Ok(b.to_string()),
        (_, _, Some(d)) => {
            if d == 0 {
                return Err(format!("Bad expression: {expr}"));
            }
            Ok(divide(low, high, d))
        }
        _ => Ok(low.to_string()),
    }
}

/// Python's repr of a croniter nth set (`{2}`, `{3, 'l'}`).
fn nth_set_repr(set: &[Nth]) -> String {
    let mut numbers: Vec<u128> = set
        .iter()
        .filter_map(|n| match n {
            Nth::Number(i) => Some(*i),
            Nth::Last => None,
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut parts: Vec<String> = numbers.iter().map(u128::to_string).collect();
    if set.contains(&Nth::Last) {
        parts.push("'l'".into());
    }
    format!("{{{}}}", parts.join(", "))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nth {
    Number(u128),
    Last,
}

/// croniter's `croniter(expr)` constructor checks (its `_expand`).
fn croniter(expr_format: &str) -> Result<(), String> {
    let lowered = expr_format.to_lowercase();
    let efl = match lowered.as_str() {
        "@midnight" | "@daily" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        "@weekly" => "0 0 * * 0",
        "@monthly" => "0 0 1 * *",
        "@yearly" | "@annually" => "0 0 1 1 *",
        other => other,
    };
    let expressions: Vec<&str> = efl
        .split([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
        .filter(|t| !t.is_empty())
        .collect();
    if !(5..=7).contains(&expressions.len()) {
        return Err(
            "Exactly 5, 6 or 7 columns has to be specified for iterator expression.".into(),
        );
    }
    let not_acceptable = || format!("[{expr_format}] is not acceptable");
    let not_alpha = || format!("[{}] is not acceptable", expressions.join(" "));
    let re = cron_regexes();
    let mut dow_values: Vec<CronValue> = Vec::new();
    let mut nth_weekday: Vec<(CronValue, Vec<Nth>)> = Vec::new();
    for (field, token) in expressions.iter().enumerate() {
        let (low_bound, high_bound) = RANGES[field];
        let mut expr = expand_hash(field, token)?;
        if expr.contains('?') {
            if expr != "?" {
                return Err(format!(
                    "{}. Question mark can not used with other characters",
                    not_acceptable()
                ));
            }
            if field != DAY && field != DOW {
                return Err(format!(
                    "{}. Question mark can only used in day_of_month or day_of_week",
                    not_acceptable()
                ));
            }
            expr = "*".into();
        }
        let mut work: Vec<String> = expr.split(',').map(str::to_string).collect();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut res: Vec<CronValue> = Vec::new();
        while let Some(mut e) = work.pop() {
            let mut nth: Option<Nth> = None;
            if field == DOW {
                if let Some(m) = re.special_dow.captures(&e) {
                    let last = m.name("last").map_or("", |g| g.as_str()).to_string();
                    match m.name("he").map(|g| g.as_str().to_string()) {
                        Some(he) if !he.is_empty() => {
                            let n = saturating_digits(&last);
                            if !(1..=5).contains(&n) {
                                return Err(format!(
                                    "{}. Invalid day_of_week value: '{last}'",
                                    not_acceptable()
                                ));
                            }
                            e = he;
                            nth = Some(Nth::Number(n));
                        }
                        _ if !last.is_empty() => {
                            e = last;
                            nth = Some(Nth::Last);
                        }
                        _ => {}
                    }
                }
            }
            if field == DAY {
                if let Some(m) = re.nearest_weekday.captures(&e) {
                    let digits = m.get(1).or(m.get(2)).map_or("", |g| g.as_str());
                    let w_day = saturating_digits(digits);
                    if !(1..=31).contains(&w_day) {
                        return Err(format!(
                            "{}, nearest weekday day value '{w_day}' out of range",
                            not_acceptable()
                        ));
                    }
                    if !work.is_empty() || !res.is_empty() {
                        return Err(format!(
                            "{}. 'W' can only be used with a single day value, not in a list or range",
                            not_acceptable()
                        ));
                    }
                    res.push(CronValue::Number(w_day));
                    continue;
                }
            }
            let mut t = re
                .star_step
                .replace(&e, format!("{low_bound}-{high_bound}$1").as_str())
                .into_owned();
            let mut m = re.step_search.captures(&t).map(|c| {
                (
                    c[1].to_string(),
                    c[2].to_string(),
                    c.get(4).map(|g| g.as_str().to_string()),
                )
            });
            let mut start_with_step = false;
            if m.is_none() {
                t = re
                    .start_step
                    .replace(&e, format!("$1-{high_bound}/$2").as_str())
                    .into_owned();
                m = re.step_search.captures(&t).map(|c| {
                    (
                        c[1].to_string(),
                        c[2].to_string(),
                        c.get(4).map(|g| g.as_str().to_string()),
                    )
                });
                start_with_step = m.is_some();
            }
            if let Some((low, high, step)) = m {
                let mut high = high;
                if field == DAY && high == "l" {
                    high = "31".into();
                }
                let convert = |band: String| -> Result<String, String> {
                    if is_ascii_digits(&band) {
                        return Ok(band);
                    }
                    match alphaconv(field, &band) {
                        Some(CronValue::Number(n)) => Ok(n.to_string()),
                        Some(_) => Ok("l".into()),
                        None => Err(not_alpha()),
                    }
                };
                let low = convert(low)?;
                let high = convert(high)?;
                let step = step.as_deref().map_or(1, saturating_digits);
                if step == 0 {
                    return Err(format!(
                        "[{expr_format}] step '0' in field {field} is not acceptable"
                    ));
                }
                if !is_ascii_digits(&low) || !is_ascii_digits(&high) {
                    return Err(format!(
                        "[{expr_format}] bands '{low}-{high}' in field {field} are not acceptable"
                    ));
                }
                let mut low = value_alias(saturating_digits(&low), field);
                let mut high = value_alias(saturating_digits(&high), field);
                if low.max(high) > high_bound {
                    return Err(format!("{expr_format} is out of bands"));
                }
                let start_at_field_max = start_with_step && low == high;
                if low == high && !start_with_step {
                    (low, high) = (low_bound, high_bound);
                }
                let range = |from: u128, to: u128| -> Vec<u128> {
                    let mut out = Vec::new();
                    let mut x = from;
                    while x <= to {
                        out.push(x);
                        x = match x.checked_add(step) {
                            Some(next) => next,
                            None => break,
                        };
                    }
                    out
                };
                let rng: Vec<u128> = if start_at_field_max {
                    vec![low]
                } else if low > high {
                    let mut rng = range(low, high_bound);
                    let mut to_skip = 0;
                    if let Some(&last) = rng.last() {
                        if !(low_bound..=high_bound).contains(&last) {
                            return Err(format!("{last} is not in list"));
                        }
                        let already_skipped = high_bound - last;
                        let position = last - low_bound;
                        let whole = high_bound - low_bound + 1;
                        if position + step > whole && already_skipped < step {
                            to_skip = step - already_skipped;
                        }
                    }
                    rng.extend(range(low_bound + to_skip, high));
                    rng
                } else {
                    range(low, high)
                };
                let items: Vec<String> = rng
                    .iter()
                    .map(|item| match nth {
                        Some(Nth::Number(n)) if field == DOW => format!("{item}#{n}"),
                        _ => item.to_string(),
                    })
                    .collect();
                for item in &items {
                    if !seen.contains(item) {
                        work.push(item.clone());
                    }
                }
                seen.extend(items);
            } else {
                if t.starts_with('-') {
                    return Err(format!(
                        "{}, negative numbers not allowed",
                        not_acceptable()
                    ));
                }
                let value = if t == "*" {
                    CronValue::Star
                } else if is_ascii_digits(&t) {
                    CronValue::Number(value_alias(saturating_digits(&t), field))
                } else {
                    match alphaconv(field, &t) {
                        Some(CronValue::Number(n)) => CronValue::Number(value_alias(n, field)),
                        Some(other) => other,
                        None => return Err(not_alpha()),
                    }
                };
                if let CronValue::Number(n) = value {
                    if n < low_bound || n > high_bound {
                        return Err(format!("{}, out of range", not_acceptable()));
                    }
                }
                if field == DOW {
                    if let Some(nth) = nth {
                        match nth_weekday.iter_mut().find(|(v, _)| *v == value) {
                            Some((_, set)) => set.push(nth),
                            None => nth_weekday.push((value.clone(), vec![nth])),
                        }
                    }
                }
                res.push(value);
            }
        }
        res.sort();
        res.dedup();
        if field == DOW {
            let collapse = res.len() == LEN_MEANS_ALL[DOW] && expressions[DAY].contains('*');
            dow_values = if collapse || res == [CronValue::Star] {
                vec![CronValue::Star]
            } else {
                res
            };
        }
    }
    if !nth_weekday.is_empty() {
        let mut literal: Vec<u128> = dow_values
            .iter()
            .filter(|v| !nth_weekday.iter().any(|(k, _)| k == *v))
            .filter_map(|v| match v {
                CronValue::Number(n) => Some(*n),
                _ => None,
            })
            .collect();
        literal.sort_unstable();
        if !literal.is_empty() && dow_values.len() != LEN_MEANS_ALL[DOW] {
            let dow = literal
                .iter()
                .map(u128::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let nth = nth_weekday
                .iter()
                .map(|(k, set)| {
                    let key = match k {
                        CronValue::Number(n) => n.to_string(),
                        CronValue::Star => "'*'".into(),
                        CronValue::Last => "'l'".into(),
                    };
                    format!("{key}: {}", nth_set_repr(set))
                })
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "day-of-week field does not support mixing literal values and nth day of week syntax.  Cron: '{expr_format}'    dow={{{dow}}} vs nth={{{nth}}}"
            ));
        }
    }
    Ok(())
}

fn cron_expression(s: &str) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    croniter(s).map_err(|e| Some(format!("Invalid CRON expression: {e}")))
}

// ---------------------------------------------------------------------------
// JSON strings (Python's json.loads, with its messages and positions)
// ---------------------------------------------------------------------------

/// Nesting deeper than this is not checked (Python would hit its recursion
/// limit and fail differently).
const JSON_MAX_DEPTH: usize = 500;

enum JsonError {
    /// `JSONDecodeError(message, doc, pos)`.
    Decode(&'static str, usize),
    /// A value expected at this position (Python's StopIteration).
    NoValue(usize),
    TooDeep,
}

struct JsonScanner {
    chars: Vec<char>,
    depth: usize,
}

impl JsonScanner {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_whitespace(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// Python's `scan_once`: the end of the value starting at `i`.
    fn value(&mut self, i: usize) -> Result<usize, JsonError> {
        let Some(c) = self.at(i) else {
            return Err(JsonError::NoValue(i));
        };
        match c {
            '"' => return self.string(i + 1),
            '{' => return self.nested(i + 1, true),
            '[' => return self.nested(i + 1, false),
            'n' if self.starts_with(i, "null") => return Ok(i + 4),
            't' if self.starts_with(i, "true") => return Ok(i + 4),
            'f' if self.starts_with(i, "false") => return Ok(i + 5),
            'N' if self.starts_with(i, "NaN") => return Ok(i + 3),
            'I' if self.starts_with(i, "Infinity") => return Ok(i + 8),
            '-' if self.starts_with(i, "-Infinity") => return Ok(i + 9),
            _ => {}
        }
        self.number(i)
    }

    fn number(&self, start: usize) -> Result<usize, JsonError> {
        let digit = |i: usize| self.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i) {
            Some('1'..='9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some('0') => i += 1,
            _ => return Err(JsonError::NoValue(start)),
        }
        if self.at(i) == Some('.') && digit(i + 1) {
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some('-' | '+')) && i + 1 < self.chars.len() {
                i += 1;
            }
            while digit(i) {
                i += 1;
            }
            if !digit(i - 1) {
                i = e_start;
            }
        }
        Ok(i)
    }

    /// The string whose opening quote is just before `end`.
    fn string(&self, end: usize) -> Result<usize, JsonError> {
        let begin = end - 1;
        let len = self.chars.len();
        let mut next = end;
        loop {
            let mut c = None;
            while next < len {
                let d = self.chars[next];
                if d == '"' || d == '\\' {
                    c = Some(d);
                    break;
                }
                if (d as u32) <= 0x1f {
                    return Err(JsonError::Decode("Invalid control character at", next));
                }
                next += 1;
            }
            let Some(c) = c else {
                return Err(JsonError::Decode("Unterminated string starting at", begin));
            };
            next += 1;
            if c == '"' {
                return Ok(next);
            }
            if next == len {
                return Err(JsonError::Decode("Unterminated string starting at", begin));
            }
            let escape = self.chars[next];
            if escape != 'u' {
                if !matches!(escape, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') {
                    return Err(JsonError::Decode("Invalid \\escape", next - 1));
                }
                next += 1;
                continue;
            }
            next += 1;
            let hex_end = next + 4;
            if hex_end >= len {
                return Err(JsonError::Decode("Invalid \\uXXXX escape", next - 1));
            }
            let hex = |from: usize| (from..from + 4).all(|k| self.chars[k].is_ascii_hexdigit());
            if !hex(next) {
                return Err(JsonError::Decode("Invalid \\uXXXX escape", next - 1));
            }
            let code = self.chars[next..hex_end]
                .iter()
                .fold(0u32, |acc, c| (acc << 4) | c.to_digit(16).unwrap_or(0));
            next = hex_end;
            // A high surrogate followed by `\u`: the low half must be hex too.
            if (0xD800..=0xDBFF).contains(&code)
                && hex_end + 6 < len
                && self.chars[hex_end] == '\\'
                && self.chars[hex_end + 1] == 'u'
            {
                if !hex(hex_end + 2) {
                    return Err(JsonError::Decode("Invalid \\uXXXX escape", hex_end + 1));
                }
                let low = self.chars[hex_end + 2..hex_end + 6]
                    .iter()
                    .fold(0u32, |acc, c| (acc << 4) | c.to_digit(16).unwrap_or(0));
                if (0xDC00..=0xDFFF).contains(&low) {
                    next = hex_end + 6;
                }
            }
        }
    }

    /// An object (`{`) or array (`[`) whose opening bracket is before `i`.
    fn nested(&mut self, i: usize, object: bool) -> Result<usize, JsonError> {
        self.depth += 1;
        if self.depth > JSON_MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        let close = if object { '}' } else { ']' };
        let mut i = self.skip_whitespace(i);
        if self.at(i) == Some(close) {
            self.depth -= 1;
            return Ok(i + 1);
        }
        loop {
            if object {
                if self.at(i) != Some('"') {
                    return Err(JsonError::Decode(
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                i = self.string(i + 1)?;
                i = self.skip_whitespace(i);
                if self.at(i) != Some(':') {
                    return Err(JsonError::Decode("Expecting ':' delimiter", i));
                }
                i = self.skip_whitespace(i + 1);
            }
            i = self.value(i)?;
            i = self.skip_whitespace(i);
            if self.at(i) == Some(close) {
                break;
            }
            if self.at(i) != Some(',') {
                return Err(JsonError::Decode("Expecting ',' delimiter", i));
            }
            i = self.skip_whitespace(i + 1);
        }
        self.depth -= 1;
        Ok(i + 1)
    }
}

/// Python's `json.loads`; the error is `str()` of its `JSONDecodeError`, or
/// `None` when the text is nested too deep to tell.
fn json_loads(text: &str) -> Result<(), Option<String>> {
    let chars: Vec<char> = text.chars().collect();
    let located = |message: &str, pos: usize| {
        let before = &chars[..pos.min(chars.len())];
        let line = before.iter().filter(|c| **c == '\n').count() + 1;
        let column = match before.iter().rposition(|c| *c == '\n') {
            Some(nl) => pos - nl,
            None => pos + 1,
        };
        Some(format!(
            "{message}: line {line} column {column} (char {pos})"
        ))
    };
    let mut scanner = JsonScanner {
        chars: chars.clone(),
        depth: 0,
    };
    if scanner.at(0) == Some('\u{feff}') {
        return Err(located("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0));
    }
    let start = scanner.skip_whitespace(0);
    let result = scanner.value(start);
    match result {
        Ok(end) => {
            let end = scanner.skip_whitespace(end);
            if end != scanner.chars.len() {
                return Err(located("Extra data", end));
            }
            Ok(())
        }
        Err(JsonError::Decode(message, pos)) => Err(located(message, pos)),
        Err(JsonError::NoValue(pos)) => Err(located("Expecting value", pos)),
        Err(JsonError::TooDeep) => Err(None),
    }
}

fn json_string(s: &str) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    match json_loads(s) {
        Ok(()) => Ok(()),
        Err(Some(e)) => fail(format!("JSON string {s} is invalid: {e}")),
        // Too deep to follow: say it is fine rather than guess.
        Err(None) => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// Time zones (zoneinfo with the IANA database)
// ---------------------------------------------------------------------------

const TIMEZONES_TEXT: &str = include_str!("../../stdlib/catalog/timezones.txt");

fn timezones() -> &'static std::collections::HashSet<&'static str> {
    static ZONES: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    ZONES.get_or_init(|| {
        TIMEZONES_TEXT
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Python's `posixpath.normpath` of a relative path.
fn normpath(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

fn timezone(s: &str) -> Verdict {
    if s.is_empty() {
        return Ok(());
    }
    let invalid = |why: String| fail(format!("Invalid timezone: {why}"));
    if s.starts_with('/') {
        return invalid(format!("ZoneInfo keys may not be absolute paths, got: {s}"));
    }
    let normal = normpath(s);
    if normal.chars().count() != s.chars().count() {
        return invalid(format!(
            "ZoneInfo keys must be normalized relative paths, got: {s}"
        ));
    }
    if normal == ".." || normal.starts_with("../") {
        return invalid(format!(
            "ZoneInfo keys must refer to subdirectories of TZPATH, got: {s}"
        ));
    }
    if timezones().contains(s) {
        return Ok(());
    }
    invalid(python::repr(&format!("No time zone found with key {s}")))
}
