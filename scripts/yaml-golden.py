#!/usr/bin/env python3
"""Generate golden pairs of Heat's YAML and JSON reading.

Runs Heat's own loader (``heat.common.template_format.yaml_loader``: PyYAML's
YAML 1.1 resolver on libyaml, with timestamps kept as strings) over the inputs
listed below and writes what it reads:

    tests/golden/yaml/scalars.json    one plain or quoted scalar, read as `k: <text>`
    tests/golden/yaml/documents.json  whole documents

Run it with the Python of the Heat oracle's virtual environment:

    $python scripts/yaml-golden.py           # (re)write the files
    $python scripts/yaml-golden.py --check   # compare only; exit 1 on difference

Typed encoding of a Python value (the same for YAML and JSON readings):

    None  -> {"null": null}            bool  -> {"bool": true}
    int   -> {"int": "<decimal>"}      float -> {"float": "<repr>"} ("inf", "-inf", "nan")
    str   -> {"str": "..."}            bytes -> {"binary": "<base64>"}
    list  -> {"seq": [...]}            dict  -> {"map": [[key, value], ...]} in dict order
    anything else (set, tuple, date, a string that is not valid UTF-8, a list
    that contains itself) -> {"other": "<type name>: <repr>"}

An error is {"message": <first line of str(error)>, "line", "column", "kind"}:
line and column are 1-based, taken from PyYAML's problem_mark, else its
context_mark (JSON: the decoder's lineno/colno), else null; "kind" is the
exception's class name (ScannerError, ParserError, ComposerError,
ConstructorError, ReaderError, or ValueError/KeyError/IndexError when a
constructor fails outside PyYAML's own error handling).

scalars.json: [{"text", "value"}]. Every text is a valid scalar in that place;
texts that make the loader fail are in documents.json instead (their names
start with "scalar-").

documents.json: [{"name", "text", ...}] with
  - "value" or "error": yaml.load(text, Loader=template_format.yaml_loader).
  - "fallback_value" or "fallback_error", only next to "error" and only when
    that error is a yaml.YAMLError: Heat's template_format.simple_parse (and
    the client) then retry with the pure-Python yaml.SafeLoader, which has no
    timestamp override. A fallback_value is what Heat accepts; a
    fallback_error's text is what Heat reports ("Error parsing template ...").
  - "json_value" whenever json.loads(text) succeeds: the server's
    template_format.parse tries JSON first, so this is what the server reads.
    "json_error" when json.loads fails and the text, stripped of surrounding
    whitespace, starts with "{": the client then reports that error and never
    tries YAML.
  - "client_value" or "client_error" when the text does not start with "{"
    after stripping and the client's reading differs from the server's YAML
    reading: the client strips surrounding whitespace before loading. Its value
    is the final outcome (yaml_loader, else the SafeLoader fallback); its error
    is the one the client raises (the fallback's).
  - "wire_value" or "wire_error" when the client's JSON round trip changes its
    reading of the text as a template (jsonutils.dumps, as the client sends it,
    read back with json.loads: keys become strings, dates text, sets and tuples
    lists, bytes UTF-8 text; "wire_error" when jsonutils.dumps fails), and
    "environment_wire_value" or "environment_wire_error" likewise for its
    reading as an environment file (the whole text, always YAML: "value", else
    "fallback_value").
"""

import argparse
import base64
import json
import math
import os
import sys
from pathlib import Path

# Sets (`!!set`) are constructed as Python sets, whose order depends on string
# hashing: pin the hash seed so the output is reproducible.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import yaml  # noqa: E402
from heat.common import template_format  # noqa: E402
from oslo_serialization import jsonutils  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tests" / "golden" / "yaml"

# ---------------------------------------------------------------------------
# Scalars: plain texts, read as the value of `k: <text>`. Quoted variants
# ('...' and "...") are added for every text whose plain reading is not a
# string, to show that quoting keeps them strings.
# ---------------------------------------------------------------------------

BOOL_WORDS = ["yes", "no", "true", "false", "on", "off"]

SCALAR_TEXTS = (
    # Booleans: lower, Title and UPPER case are booleans ...
    [w for word in BOOL_WORDS for w in (word, word.title(), word.upper())]
    # ... other casings and near misses are strings.
    + [
        "tRue", "trUE", "TRue", "fALSE", "FAlse", "yEs", "yES", "YEs", "nO",
        "oN", "oFF", "OFf", "oFf", "ofF",
        "y", "Y", "n", "N", "t", "T", "f", "F", "ye", "nay", "yeah", "nope",
        "truee", "ttrue", "true1", "True.", "+true", "-false", "yes!", "no?",
        "on-premise", "off_by_one", "onn", "of", "yes please", "true false",
        "tru", "fals", "Yes Sir",
    ]
    # Nulls.
    + [
        "~", "null", "Null", "NULL",
        "nUll", "NUll", "nULL", "nuLL", "none", "None", "NONE", "nil", "Nil",
        "~~", "~a", "a~", "null0", "0null", "null null", "-null", "Nul",
    ]
    # Integers: decimal, octal, hexadecimal, binary, separators, base 60.
    + [
        "0", "-0", "+0", "1", "+1", "-1", "42", "-42", "00", "000", "007",
        "010", "0755", "-0755", "+0755", "0777", "08", "09", "018", "0_7",
        "0_8", "07_7", "0_", "0__", "-0_0",
        "0o17", "0O17", "0o", "0x1F", "0x1f", "0xff", "-0x1F", "+0x1F",
        "0X1F", "0x", "0xG", "0x_1", "0x1_F", "0xdead_beef",
        "0b101", "0B101", "-0b101", "+0b1", "0b", "0b2", "0b1_0", "0b_1",
        "1_000", "1__0", "1_", "_1", "1,000", "1 000", "-1_000", "+-1", "--1",
        "1-", "1+",
        "1:20", "-1:30", "+1:30", "190:20:30", "1:2:3:4", "1:60", "1:59",
        "1:5", "1:05", "0:30", "01:30", "1::30", "1:_30", "1_0:30",
        "1:3_0", "12:30", "12:30:00", "8080:80", "8080:50", "22:22",
        "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616",
        "123456789012345678901234567890",
        "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFF", "0x10000000000000000",
        "0b" + "1" * 64, "01777777777777777777777", "02000000000000000000000",
        "1e3", "1E3", "1e+3", "1e-3", "-1e3", "12e03", "1E+2",
    ]
    # Floats: need a dot; an exponent needs a sign.
    + [
        "1.0", "1.", ".5", "-.5", "+.5", "0.5", "-0.0", "+0.0", "0.", "-0.",
        "+0.", "00.5", "007.5", "1.10", "3.10", "10.0", "0.1", "2.7",
        "1.0e3", "1.0e+3", "1.0E-3", "1.0e-3", "1.e+3", ".5e+3", ".5e3",
        "1.0e+03", "1.0e+3_0", "1.0e+", "1.0e", "1.0e+3.5", "1.0ee+3",
        "1_0.5", "1_000.000_1", "1.0_0", "1._", "1_.5", ".5_", "._", "._5",
        "6.8523015e+5", "685.230_15e+03", "685_230.15", "-6.8523015e+5",
        "190:20:30.15", "1:30.5", "-1:30.5", "+1:30.5", "1:30.", "0:30.5",
        "1:60.5", "1:30.5e+1",
        ".inf", ".Inf", ".INF", "-.inf", "+.inf", "-.Inf", "+.INF", ".iNf",
        "inf", "-inf", "Infinity", "-Infinity", "INF",
        ".nan", ".NaN", ".NAN", "NaN", "nan", "-.nan", "+.nan", ".nAn",
        "1.0e+400", "-1.0e+400", "1.0e-400", "1.5e+308",
        "1.7976931348623157e+308", "2.5e-324", "5e-324",
        "3.14159265358979323846", "0.30000000000000004", "1.0e+16",
        "123456789.123456789", ".", "..5", "1..2", "-.", "+.",
    ]
    # Timestamps: all stay strings in Heat.
    + [
        "2013-05-23", "2018-08-31", "2016-10-14", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14T21:59:43.10Z", "2001-12-14 21:59:43.10 -5",
        "2001-12-15 2:59:43.10", "2002-12-14", "2013-5-3", "2013-05-23T",
        "20130523", "2013-13-45", "2013-05-23T10:20:30", "2013-05-23 10:20",
        "10:20:30", "2013/05/23", "23.05.2013",
    ]
    # Indicators and other special one-character texts.
    + [
        "+", "_", "<", "<<<", "==", "=a", "a=", "<<a", "$", "^",
        "/", "\\", "a:b", "?a", ":a", "-a", "a-", "--", "-1-", ")",
        "a#b", "a'b", "a\"b", "a,b", "a[b]", "a{b}", "a b c", "a!b", "a&b",
        "a*b", "a|b", "a>b", "a@b", "a`b", "a%b",
    ]
    # Things that look like numbers or versions, addresses, CIDRs.
    + [
        "1.2.3", "0.1.2", "1.0.0", "v1.0", "V2", "1.0-rc1", "1.0.0-alpha",
        "1.10.0", "2.0", "1-2", "1/2", "1%", "$1", "1,5", "1.5k", "10Gi",
        "512M", "0x1.0", "0b1.0", "1e", "e3", "E3", "1_e+3",
        "192.168.0.1", "10.0.0.1", "255.255.255.0", "10.0.0.0/24",
        "192.168.1.0/24", "0.0.0.0/0", "::1", "::/0", "fe80::1",
        "2001:db8::1", "2001:db8::/32", "00:1A:2B:3C:4D:5E",
        "00:11:22:33:44:55", "10:11:22:33:44:55", "12:34:56", "1:23:45.6",
        "http://example.com:8080/path", "https://example.com/x?a=1&b=2",
        "file:///etc/hosts", "user@example.com", "a:b:c", "C:\\Windows",
        "~/file", "./run.sh", "foo.yaml", "OS::Nova::Server",
        "AWS::EC2::Instance", "m1.small", "ubuntu-22.04", "22.04", "20.10",
        "1.0.1e",
    ]
    # Unicode.
    + [
        "é", "ünïcödé", "日本語", "😀", "Ωmega", "١٢٣", "１２３", "٣.١٤",
        "a\u00a0b", "1\u00a0", "\u200b1", "ｔｒｕｅ", "ＮＵＬＬ", "Ⅻ",
    ]
    # Long or odd strings.
    + [
        "a" * 300,
        "1" * 40,
        "-" + "9" * 40,
        "0x" + "f" * 40,
        "1.0e+10000",
        "1" * 30 + ".5",
    ]
)

# ---------------------------------------------------------------------------
# Documents. Each is (name, text).
# ---------------------------------------------------------------------------

HOT_TEMPLATE = """\
heat_template_version: 2018-08-31

description: >
  A small server with a port and a floating IP.

parameters:
  image:
    type: string
    default: ubuntu-22.04
  flavor:
    type: string
    default: m1.small
    constraints:
      - allowed_values: [m1.small, m1.medium]
  port_number:
    type: number
    default: 0755
  enabled:
    type: boolean
    default: yes

resources:
  port:
    type: OS::Neutron::Port
    properties:
      network: private
      fixed_ips:
        - ip_address: 10.0.0.10
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: {get_param: flavor}
      networks:
        - port: {get_resource: port}
      user_data_format: RAW
      user_data: |
        #!/bin/sh
        echo "port $PORT" > /tmp/out
      metadata: &meta
        role: web
        version: 1.10
  other:
    type: OS::Heat::None
    properties:
      <<: *meta
      version: 2.0

outputs:
  ip:
    description: The first address.
    value: {get_attr: [server, first_address]}
"""

HOT_JSON = """\
{
  "heat_template_version": "2018-08-31",
  "parameters": {"size": {"type": "number", "default": 1e3}},
  "resources": {
    "r": {"type": "OS::Heat::RandomString", "properties": {"length": 8}}
  },
  "outputs": {"v": {"value": {"get_attr": ["r", "value"]}}}
}
"""

DOCUMENTS = [
    # Tabs.
    ("tab-after-colon", "key:\tvalue\n"),
    ("tabs-after-colon", "key:\t\tvalue\n"),
    ("tab-then-space-after-colon", "key:\t value\n"),
    ("tab-before-colon", "key\t: value\n"),
    ("tab-trailing", "key: value\t\n"),
    ("tab-inside-plain", "key: a\tb\n"),
    ("tab-inside-double-quoted", 'key: "a\tb"\n'),
    ("tab-inside-single-quoted", "key: 'a\tb'\n"),
    ("tab-before-comment", "key:\t# comment\n"),
    ("tab-indent-top", "\tkey: value\n"),
    ("tab-indent-nested", "a:\n\tb: 1\n"),
    ("tab-after-space-indent", "a:\n  \tb: 1\n"),
    ("tab-after-dash", "- \titem\n"),
    ("tab-dash-only", "-\titem\n"),
    ("tab-in-flow", "a: [1,\t2]\n"),
    ("tab-in-flow-map", "a: {x:\t1}\n"),
    ("tab-in-block-scalar", "a: |\n  x\ty\n\tz\n"),
    ("tab-nested-value", "a:\n  b:\tc\n"),
    ("tab-blank-line", "a: 1\n\t\nb: 2\n"),
    # Anchors and aliases.
    ("alias-scalar", "a: &x 1\nb: *x\n"),
    ("alias-map", "a: &x {p: 1, q: [2, 3]}\nb: *x\n"),
    ("alias-undefined", "a: *missing\n"),
    ("anchor-redefined", "a: &x 1\nb: &x 2\nc: *x\n"),
    ("anchor-empty-value", "a: &x\nb: *x\n"),
    ("alias-as-key", "a: &k key\n*k : 2\n"),
    ("alias-as-key-no-space", "a: &k key\n*k: 2\n"),
    ("alias-recursive", "a: &x [1, *x]\n"),
    ("alias-nested-bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"),
    ("anchor-on-key", "&k a: 1\nb: *k\n"),
    ("anchor-and-tag", "a: &x !!str 1\nb: *x\n"),
    # Merge keys.
    ("merge-single", "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  z: 3\n"),
    ("merge-explicit-wins", "base: &b {x: 1, y: 2}\nd:\n  y: 9\n  <<: *b\n"),
    ("merge-explicit-wins-after", "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 9\n"),
    ("merge-list", "a: &a {x: 1, p: a}\nb: &b {y: 2, p: b}\nd:\n  <<: [*a, *b]\n"),
    (
        "merge-list-three",
        "a: &a {k: a, a: 1}\nb: &b {k: b, b: 2}\nc: &c {k: c, c: 3}\nd: {<<: [*a, *b, *c]}\n",
    ),
    ("merge-nested", "a: &a {x: 1, y: 1}\nb: &b\n  <<: *a\n  y: 2\nd:\n  <<: *b\n  z: 3\n"),
    ("merge-inline-map", "d:\n  <<: {x: 1}\n  y: 2\n"),
    ("merge-two-keys", "a: &a {x: 1}\nb: &b {x: 2}\nd:\n  <<: *a\n  <<: *b\n"),
    ("merge-flow", "a: &a {x: 1}\nd: {<<: *a, y: 2}\n"),
    ("merge-scalar", "a: &a 1\nd:\n  <<: *a\n"),
    ("merge-null", "d:\n  <<:\n  x: 1\n"),
    ("merge-list-with-scalar", "a: &a {x: 1}\nd:\n  <<: [*a, 2]\n"),
    ("merge-list-of-seq", "a: &a [1]\nd:\n  <<: [*a]\n"),
    ("merge-seq", "a: &a [1, 2]\nd:\n  <<: *a\n"),
    ("merge-quoted-key", "a: &a {x: 1}\nd:\n  '<<': *a\n"),
    ("merge-top-level", "<<: {x: 1}\ny: 2\n"),
    ("merge-empty-map", "d:\n  <<: {}\n  x: 1\n"),
    ("merge-key-in-seq", "- <<: {x: 1}\n  y: 2\n"),
    ("merge-tagged-key", "d:\n  !!merge <<: {x: 1}\n"),
    ("merge-duplicates-in-source", "a: &a {x: 1, x: 2}\nd:\n  <<: *a\n"),
    # A colon inside flow collections: PyYAML takes every `:` there as a value
    # indicator, with or without a space after it.
    ("flow-colon-no-space", "a: {get_attr:[b, c]}\n"),
    ("flow-colon-no-space-map", "a: {x:{y: 1}}\n"),
    ("flow-colon-scalar", "{a:1, b:two}\n"),
    ("flow-colon-url-in-seq", "a: [http://example.com/x]\n"),
    ("flow-colon-pair-in-seq", "a: [x:y, z]\n"),
    ("flow-colon-quoted-key", 'a: {"x":1, \'y\':2}\n'),
    ("flow-colon-nested", "a: [{b:[1, 2]}, {c: d}]\n"),
    ("flow-colon-multiline", "a: {b:\n  [1], c:2}\n"),
    ("flow-colon-in-quotes", "a: ['x:y', \"p:q\"]\n"),
    ("block-colon-no-space", "a: b:c\n"),
    ("block-colon-url", "a: http://example.com\n"),
    ("flow-colon-comment", "a: {b: 1} # x:y\n"),
    # Duplicate keys.
    ("dup-last-wins", "a: 1\na: 2\n"),
    ("dup-keeps-first-position", "a: 1\nb: 2\na: 3\n"),
    ("dup-int-float", "1: a\n1.0: b\n"),
    ("dup-bool-int", "true: a\n1: b\n"),
    ("dup-bool-words", "yes: a\ntrue: b\nOn: c\n"),
    ("dup-hex-decimal", "0x1: a\n1: b\n"),
    ("dup-str-int", "'1': a\n1: b\n"),
    ("dup-nan", ".nan: a\n.nan: b\n"),
    ("dup-null-words", "null: a\n~: b\n"),
    ("dup-nested", "a:\n  x: 1\na:\n  y: 2\n"),
    ("dup-flow", "{a: 1, a: 2}\n"),
    # Line endings, BOM, non-ASCII.
    ("crlf", "a: 1\r\nb: two\r\n"),
    ("crlf-block-literal", "a: |\r\n  x\r\n  y\r\nb: 2\r\n"),
    ("crlf-folded", "a: >\r\n  x\r\n  y\r\n\r\n  z\r\n"),
    ("crlf-double-quoted", 'a: "x\r\n  y"\r\n'),
    ("cr-only", "a: 1\rb: 2\r"),
    ("nel-line-break", "a: 1\x85b: 2\n"),
    ("line-separator", "a: x\u2028b: y\n"),
    ("paragraph-separator", "a: |\n  x\u2029  y\n"),
    ("bom", "\ufeffa: 1\n"),
    ("bom-error-column", "\ufeffa: b: c\n"),
    ("bom-middle", "a: 1\n\ufeffb: 2\n"),
    ("bom-json", '\ufeff{"a": 1}\n'),
    ("non-ascii", "ключ: значение\n日本: 語\n😀: smile\ncafé: crème\n"),
    ("non-ascii-error-column", "ééé: a: b\n"),
    ("non-ascii-combining", "e\u0301: 1\n\u00e9: 2\n"),
    ("nbsp-after-colon", "a:\u00a0b\n"),
    ("control-char", "k: a\x07b\n"),
    ("nul-char", "k: a\x00b\n"),
    ("del-char", "k: a\x7fb\n"),
    ("c1-char", "k: a\x9bb\n"),
    ("private-use-char", "k: a\ue000b\n"),
    ("noncharacter", "k: a\ufffeb\n"),
    ("astral-char", "k: a\U0001F600b\n"),
    # Block scalars.
    ("literal-clip", "a: |\n  x\n  y\n\n\nb: 1\n"),
    ("literal-strip", "a: |-\n  x\n  y\n\n\nb: 1\n"),
    ("literal-keep", "a: |+\n  x\n  y\n\n\nb: 1\n"),
    ("folded-clip", "a: >\n  x\n  y\n\n  z\n\n\nb: 1\n"),
    ("folded-strip", "a: >-\n  x\n  y\n\n  z\n\n\nb: 1\n"),
    ("folded-keep", "a: >+\n  x\n  y\n\n  z\n\n\nb: 1\n"),
    ("literal-indent-indicator", "a: |2\n    x\n  y\n"),
    ("literal-indent-chomp", "a: |2-\n    x\n  y\n"),
    ("literal-chomp-indent", "a: |-2\n    x\n  y\n"),
    ("folded-indent-indicator", "a: >1\n  x\n y\n"),
    ("literal-indent-zero", "a: |0\n  x\n"),
    ("literal-indent-ten", "a: |10\n  x\n"),
    ("literal-leading-blank", "a: |\n\n\n  x\n"),
    ("literal-more-indented-first", "a: |\n    x\n  y\n"),
    ("literal-leading-spaces-line", "a: |\n   \n  x\n"),
    ("folded-more-indented", "a: >\n  x\n    indented\n  y\n  z\n"),
    ("folded-empty-lines", "a: >\n  x\n\n\n  y\n"),
    ("literal-trailing-spaces", "a: |\n  x  \n  y\n"),
    ("literal-comment-after", "a: | # c\n  x\n"),
    ("literal-hash-lines", "a: |\n  # not a comment\n  x\n# comment\n"),
    ("literal-keep-eof", "a: |+\n  x\n\n\n"),
    ("literal-keep-eof-no-newline", "a: |+\n  x"),
    ("literal-eof", "a: |"),
    ("literal-eof-newline", "a: |\n"),
    ("folded-strip-eof", "a: >-"),
    ("literal-keep-empty", "a: |+\n\n"),
    ("literal-less-indented-key", "a: |\nb: 1\n"),
    ("literal-in-seq", "- |\n  x\n- >\n  y\n  z\n"),
    ("literal-top-level", "--- |\n  text\n"),
    ("literal-bad-indicator", "a: |x\n  y\n"),
    ("folded-tab-content", "a: >\n  x\n  \ty\n  z\n"),
    # Multi-line plain and quoted scalars.
    ("plain-multiline", "a: one\n  two\n\n  three\n"),
    ("plain-multiline-trailing-spaces", "a: one   \n  two\n"),
    ("plain-multiline-top", "one\ntwo\n"),
    ("plain-multiline-number", "a: 1\n  2\n"),
    ("plain-multiline-key", "a\nb: 1\n"),
    ("double-multiline", 'a: "one\n  two\n\n  three"\n'),
    ("double-escaped-newline", 'a: "one \\\n  two"\n'),
    ("double-trailing-space-fold", 'a: "one   \n  two"\n'),
    ("single-multiline", "a: 'one\n  two\n\n  three'\n"),
    ("single-escaped-quote", "a: 'it''s'\n"),
    ("double-unterminated", 'a: "x\n'),
    ("single-unterminated", "a: 'x\n"),
    # Escapes in double quotes.
    ("esc-hex", 'a: "\\x41\\x7e"\n'),
    ("esc-unicode", 'a: "\\u00e9\\u65e5"\n'),
    ("esc-unicode-long", 'a: "\\U0001F600"\n'),
    ("esc-controls", 'a: "\\t|\\n|\\r|\\0|\\a|\\b|\\e|\\f|\\v"\n'),
    ("esc-slash", 'a: "\\/"\n'),
    ("esc-N", 'a: "\\N"\n'),
    ("esc-underscore", 'a: "\\_"\n'),
    ("esc-L", 'a: "\\L"\n'),
    ("esc-P", 'a: "\\P"\n'),
    ("esc-quote-backslash", 'a: "\\"\\\\"\n'),
    ("esc-space", 'a: "\\ x"\n'),
    ("esc-tab-char", 'a: "\\\tx"\n'),
    ("esc-invalid", 'a: "\\q"\n'),
    ("esc-hex-short", 'a: "\\x4"\n'),
    ("esc-unicode-short", 'a: "\\u12"\n'),
    ("esc-unicode-too-big", 'a: "\\U00110000"\n'),
    ("esc-surrogate-pair", 'a: "\\ud83d\\ude00"\n'),
    ("esc-lone-surrogate", 'a: "\\ud800"\n'),
    ("esc-in-single-quotes", "a: '\\n'\n"),
    ("esc-in-plain", "a: \\n\n"),
    # Directives.
    ("yaml-1-1", "%YAML 1.1\n---\na: 1\n"),
    ("yaml-1-2", "%YAML 1.2\n---\na: 1\n"),
    ("yaml-1-3", "%YAML 1.3\n---\na: 1\n"),
    ("yaml-2-0", "%YAML 2.0\n---\na: 1\n"),
    ("yaml-twice", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n"),
    ("yaml-no-start", "%YAML 1.1\na: 1\n"),
    ("tag-directive", "%TAG !e! tag:yaml.org,2002:\n---\na: !e!int \"5\"\n"),
    ("tag-directive-unknown", "%TAG ! tag:example.com,2000:\n---\na: !foo 1\n"),
    ("unknown-directive", "%FOO bar\n---\na: 1\n"),
    ("yaml-1-2-octal", "%YAML 1.2\n---\na: 0o17\nb: 017\n"),
    # Tags.
    ("tag-str-int", "a: !!str 123\n"),
    ("tag-int-quoted", 'a: !!int "12"\n'),
    ("tag-int-hex-quoted", 'a: !!int "0x1F"\n'),
    ("tag-int-float-text", "a: !!int 1.5\n"),
    ("tag-int-empty", "a: !!int\n"),
    ("tag-float-int", "a: !!float 1\n"),
    ("tag-float-exponent", "a: !!float 1e3\n"),
    ("tag-bool-yes", "a: !!bool yes\n"),
    ("tag-bool-invalid", "a: !!bool maybe\n"),
    ("tag-null-text", "a: !!null x\n"),
    ("tag-binary", "a: !!binary aGVsbG8gd29ybGQ=\n"),
    ("tag-binary-block", "a: !!binary |\n  aGVs\n  bG8=\n"),
    ("tag-binary-invalid", "a: !!binary 'not base64!'\n"),
    ("tag-timestamp", "a: !!timestamp 2001-12-14\n"),
    ("tag-timestamp-invalid", "a: !!timestamp hello\n"),
    ("tag-set", "a: !!set {x, y, z}\n"),
    ("tag-omap", "a: !!omap [x: 1, y: 2]\n"),
    ("tag-pairs", "a: !!pairs [x: 1, x: 2]\n"),
    ("tag-python-tuple", "a: !!python/tuple [1, 2]\n"),
    ("tag-ref", "a: !Ref x\n"),
    ("tag-custom", "a: !custom {b: 1}\n"),
    ("tag-verbatim", "a: !<tag:yaml.org,2002:str> 5\n"),
    ("tag-map-on-seq", "a: !!map [1]\n"),
    ("tag-seq-on-map", "a: !!seq {b: 1}\n"),
    ("tag-str-on-map", "a: !!str {b: 1}\n"),
    ("tag-str-empty", "a: !!str\n"),
    ("tag-nonspecific-plain", "a: ! 12\nb: ! true\n"),
    ("tag-nonspecific-quoted", 'a: ! "12"\n'),
    ("tag-nonspecific-empty", "a: !\n"),
    ("tag-yaml-indicator", "a: !!yaml '!'\n"),
    # Explicit and complex keys.
    ("explicit-key", "? a\n: 1\n"),
    ("explicit-key-no-value", "? a\n? b\n"),
    ("explicit-key-block", "? |\n  block key\n: v\n"),
    ("explicit-key-list", "? [1, 2]\n: v\n"),
    ("explicit-key-map", "? {a: 1}\n: v\n"),
    ("flow-seq-key", "[1, 2]: v\n"),
    ("flow-map-key", "{a: 1}: v\n"),
    ("explicit-key-multiline", "? a\n  b\n: 1\n"),
    ("explicit-key-binary", "? !!binary aGk=\n: 1\n"),
    ("explicit-key-set", "? !!set {a}\n: 1\n"),
    # Documents and streams.
    ("two-documents", "---\na: 1\n---\nb: 2\n"),
    ("trailing-document-start", "a: 1\n---\n"),
    ("document-end", "a: 1\n...\n"),
    ("document-end-then-more", "a: 1\n...\nb: 2\n"),
    ("document-end-twice", "a: 1\n...\n...\n"),
    ("document-start-inline", "--- a: 1\n"),
    ("document-start-comment", "--- # c\na: 1\n"),
    ("empty", ""),
    ("only-spaces", "   "),
    ("only-newlines", "\n\n\n"),
    ("only-comments", "# one\n# two\n"),
    ("only-document-start", "---\n"),
    ("only-document-end", "...\n"),
    ("start-end-comment", "--- # c\n...\n"),
    ("top-null-word", "null\n"),
    ("top-tilde", "~\n"),
    ("top-sequence", "- a\n- b\n"),
    ("top-plain", "plain text\n"),
    ("top-int", "42\n"),
    ("top-quoted", "'str'\n"),
    ("top-flow-seq", "[1e3, 2]\n"),
    ("top-json-string", '"a"\n'),
    # JSON templates.
    ("json-simple", '{"a": 1, "b": [true, null, "x"]}\n'),
    ("json-exponent", '{"a": 1e3, "b": 1E+2, "c": 1.5e-3}\n'),
    ("json-slash-escape", '{"a": "\\/path\\/x"}\n'),
    ("json-unicode-escape", '{"a": "\\u00e9\\ud83d\\ude00"}\n'),
    ("json-tabs", '{\t"a":\t1,\t"b"\t:\t[1,\t2]\t}\n'),
    ("json-tab-indent", '{\n\t"a": {\n\t\t"b": 1\n\t}\n}\n'),
    ("json-duplicate-keys", '{"a": 1, "b": 2, "a": 3}\n'),
    ("json-trailing-comma", '{"a": 1,}\n'),
    ("json-trailing-comma-list", '{"a": [1, 2,]}\n'),
    ("json-no-space", '{"a":1,"b":"c"}\n'),
    ("json-nan", '{"a": NaN, "b": Infinity, "c": -Infinity}\n'),
    ("json-leading-zero", '{"a": 0755}\n'),
    ("json-leading-dot", '{"a": .5}\n'),
    ("json-negative-zero", '{"a": -0, "b": -0.0}\n'),
    ("json-big-numbers", '{"a": 123456789012345678901234567890, "b": 1e400}\n'),
    ("json-single-quotes", "{'a': 1}\n"),
    ("json-bare-key", "{a: 1}\n"),
    ("json-comment", '{"a": 1} # c\n'),
    ("json-extra-data", '{"a": 1}\n{"b": 2}\n'),
    ("json-raw-tab-in-string", '{"a": "x\ty"}\n'),
    ("json-raw-newline-in-string", '{"a": "x\ny"}\n'),
    ("json-leading-whitespace", '  \n{"a": 1e3}\n'),
    ("json-true-false", '{"a": true, "b": false, "c": "yes", "d": "0755"}\n'),
    ("json-nested-multiline", '{\n  "a": [\n    1,\n    {"b": "c"}\n  ]\n}\n'),
    ("json-empty-object", "{}\n"),
    ("json-flow-yaml-only", "{a: yes, b: 0755, c: 1:30}\n"),
    ("json-duplicate-with-merge", '{"<<": {"x": 1}, "y": 2}\n'),
    ("json-top-array", '[1, "a", 1e3]\n'),
    ("json-version-key", '{"heat_template_version": "2018-08-31", "resources": {}}\n'),
    ("json-hot-template", HOT_JSON),
    # A realistic template.
    ("hot-template", HOT_TEMPLATE),
    # Flow collections.
    ("flow-seq-multiline", "a: [1,\n  2,\n  3]\n"),
    ("flow-map-multiline", "a: {x: 1,\n  y: 2}\n"),
    ("flow-less-indented", "a: [1,\n2]\nb: 3\n"),
    ("flow-comment-inside", "a: [1, # c\n  2]\n"),
    ("flow-nested", "a: {x: [1, {y: 2}], z: {}}\n"),
    ("flow-plain-words", "a: [a b, c d]\n"),
    ("flow-explicit-key", "a: {? x : 1}\n"),
    ("flow-pair-in-seq", "a: [x: 1, y]\n"),
    ("flow-empty", "a: []\nb: {}\n"),
    ("flow-trailing-comma", "a: [x, y,]\n"),
    ("flow-only-comma", "a: [,]\n"),
    ("flow-keys-only", "a: {x, y}\n"),
    ("flow-unclosed", "a: [1, 2\n"),
    ("flow-json-key-adjacent", 'a: {"x":1}\n'),
    ("flow-plain-key-adjacent", "a: {x:1}\n"),
    ("flow-colon-in-plain", "a: [http://x, a:b]\n"),
    ("flow-multiline-plain", "a: [one\n  two, three]\n"),
    ("flow-indicator-in-plain", "a: [x]y\n"),
    # Comments.
    ("comment-after-value", "a: 1 # c\n"),
    ("comment-no-space", "a: 1# c\n"),
    ("comment-after-quoted-no-space", "a: 'x'# c\n"),
    ("comment-before-nested", "a:\n  # c\n  b: 1\n"),
    ("comment-column-zero-inside", "a:\n  b: 1\n# c\n  c: 2\n"),
    ("comment-after-anchor", "a: &x # c\n  1\n"),
    ("comment-after-dash", "- # c\n  x\n"),
    ("comment-in-key", "key #c: v\n"),
    ("comment-only-value", "a: # c\nb: 1\n"),
    ("comment-after-key-colon", "a: # c\n  b: 1\n"),
    # Long keys (the simple-key limit).
    ("key-1023", "k" * 1023 + ": v\n"),
    ("key-1024", "k" * 1024 + ": v\n"),
    ("key-1025", "k" * 1025 + ": v\n"),
    ("key-2000", "k" * 2000 + ": v\n"),
    ("key-quoted-1030", '"' + "k" * 1028 + '": v\n'),
    ("key-explicit-2000", "? " + "k" * 2000 + "\n: v\n"),
    ("key-1020-non-ascii", "é" * 1020 + ": v\n"),
    ("key-1030-non-ascii", "é" * 1030 + ": v\n"),
    ("key-flow-2000", "{" + "k" * 2000 + ": v}\n"),
    # Typed keys.
    ("key-int", "1: a\n"),
    ("key-true", "true: a\n"),
    ("key-null", "null: a\n"),
    ("key-float", "1.5: a\n"),
    ("key-tilde", "~: a\n"),
    ("key-empty", ": a\n"),
    ("key-octal", "0755: a\n"),
    ("key-base60", "1:20: a\n"),
    ("key-date", "2013-05-23: a\n"),
    ("key-inf", ".inf: a\n"),
    ("key-yes", "yes: a\n"),
    ("key-quoted-int", "'1': a\n"),
    ("key-value-indicator", "=: a\n"),
    ("key-big-int", "18446744073709551616: a\n"),
    # Values that make the scalar resolver or a constructor fail.
    ("scalar-value-indicator", "k: =\n"),
    ("scalar-merge-value", "k: <<\n"),
    ("scalar-dash", "k: -\n"),
    ("scalar-binary-empty", "k: 0b_\n"),
    ("scalar-hex-empty", "k: 0x_\n"),
    ("scalar-signed-binary-empty", "k: -0b_\n"),
    ("scalar-question", "k: ?\n"),
    ("scalar-colon", "k: :\n"),
    ("scalar-at", "k: @x\n"),
    ("scalar-backtick", "k: `x\n"),
    ("scalar-percent", "k: %x\n"),
    ("scalar-percent-alone", "k: %\n"),
    ("scalar-trailing-colon", "k: 1:30:\n"),
    ("scalar-anchor-only", "k: &\n"),
    ("scalar-alias-only", "k: *\n"),
    ("scalar-pipe-word", "k: |x\n"),
    ("scalar-hash", "k: #x\n"),
    ("scalar-comma", "k: ,\n"),
    ("scalar-close-bracket", "k: ]\n"),
    ("scalar-open-brace", "k: {\n"),
    ("merge-value-in-seq", "- <<\n"),
    ("value-indicator-in-seq", "- =\n"),
    # The SafeLoader retry has no timestamp override.
    (
        "fallback-timestamp",
        "%YAML 1.3\n---\nheat_template_version: 2013-05-23\nt: 2001-12-14 21:59:43.10 -5\n",
    ),
    # Structure.
    ("mapping-in-value", "a: b: c\n"),
    ("plain-colon-no-space-top", "a:b\n"),
    ("space-before-colon", "a : 1\n"),
    ("seq-not-indented", "a:\n- 1\n- 2\nb: 3\n"),
    ("seq-of-maps", "- a: 1\n  b: 2\n- c: 3\n"),
    ("bad-indentation", "a:\n    b: 1\n  c: 2\n"),
    ("bad-dedent-seq", "a:\n  - 1\n - 2\n"),
    ("deep-nesting", "a:" + "".join("\n" + "  " * i + "k%d:" % i for i in range(1, 40)) + " x\n"),
    ("deep-flow", "a: " + "[" * 60 + "]" * 60 + "\n"),
    ("leading-indent", "  a: 1\n  b: 2\n"),
    ("trailing-spaces-doc", "a: 1   \n\n   \n"),
    ("value-on-next-line", "a:\n  1\n"),
    ("empty-values", "a:\nb:\nc: ~\n"),
    ("seq-empty-entries", "-\n- \n- ~\n"),
    ("key-with-spaces", "a b c: 1\n"),
    ("key-with-colon", "a:b: 1\n"),
    ("key-url", "http://x: 1\n"),
    # Lines of flow collections and quoted scalars less indented than YAML 1.2
    # allows (libyaml does not check).
    ("double-less-indented", 'a: "x\ny"\n'),
    ("single-less-indented-nested", "a:\n  b: 'x\ny'\n"),
    ("flow-less-indented-in-seq", "- a: [1,\n  2]\n"),
    ("flow-less-indented-map", "a:\n  b: {x: 1,\n y: 2}\nc: 3\n"),
    # More tabs.
    ("tab-plain-continuation", "a: x\n \ty\n"),
    ("tab-plain-continuation-in-seq", "- x\n \ty\n"),
    ("tab-plain-continuation-too-little", "- a: x\n  \ty\n"),
    ("tab-after-anchor", "a: &x\t1\nb: *x\n"),
    ("tab-after-quoted-key", '"k"\t: v\n'),
    ("tab-after-flow-before-comment", "a: [1]\t# c\n"),
    ("tab-after-question", "? \tx\n: 1\n"),
    ("tab-after-document-start", "---\ta: 1\n"),
    ("tab-between-words-and-colon", "a\tb\t: c\n"),
    ("tab-in-flow-plain", "a: [x\ty, z]\n"),
    # The pure-Python retry (after libyaml refuses a flow `:`) reads other things
    # its own way.
    ("fallback-tab", "a: {x:[1]}\nb: c\td\n"),
    ("fallback-tab-after-colon", "a: {x:[1]}\nb:\tc\n"),
    ("fallback-date", "a: {x:[1]}\nb: 2013-05-23\n"),
    ("fallback-datetime-utc", "a: {x:[1]}\nb: 2001-12-14T21:59:43Z\nc: 2001-12-14 21:59:43.1234567\n"),
    ("fallback-datetime-offset", "a: {x:[1]}\nb: 2001-12-14t21:59:43.10+05:30\n"),
    ("fallback-date-invalid", "a: {x:[1]}\nb: 2013-13-45\n"),
    ("fallback-date-key", "a: {x:[1]}\n2013-05-23: b\n"),
    ("fallback-date-quoted", "a: {x:[1]}\nb: '2013-05-23'\n"),
    ("fallback-tagged-timestamp", "a: {x:[1]}\nb: !!timestamp 2013-05-23\n"),
    ("fallback-version-date", "heat_template_version: 2013-05-23\nresources:\n  r: {type:OS::Heat::None, properties:{}}\n"),
    ("fallback-flow-colon-empty", "a: [x:]\nb: {x:,y}\n"),
    ("fallback-flow-colon-question", "a: {x:?y}\n"),
    # Merges of keys longer than one character: PyYAML 6 merges a key once only
    # when it is the same text object.
    ("merge-long-keys-two-sources", "a: &a {name: 1}\nb: &b {name: 2}\nd:\n  <<: [*a, *b]\n"),
    ("merge-long-keys-duplicate-source", "a: &a {name: 1, name: 2}\nd:\n  <<: *a\n"),
    ("merge-same-source-twice", "a: &a {name: 1, x: 2}\nd:\n  <<: [*a, *a]\n"),
    ("merge-non-ascii-one-char", "a: &a {é: 1, é: 2}\nd:\n  <<: *a\n"),
    ("merge-long-keys-then-explicit", "a: &a {name: 1}\nd:\n  name: 0\n  <<: *a\n"),
    # Aliases and anchors.
    ("alias-colon-in-flow", "a: &k key\nb: [*k:2]\n"),
    ("alias-bad-name", "a: &x 1\nb: *x#c\n"),
    ("anchor-dot-name", "a: &k.x key\n"),
    # Comments right after a token.
    ("comment-after-flow-no-space", "a: {b: 1}#c\n"),
    ("comment-after-comma-no-space", "a: [1,#c\n 2]\n"),
    # Empty keys.
    ("key-empty-in-seq", "- : a\n"),
    ("key-empty-after-entry", "a: 1\n: b\n"),
    ("key-empty-flow", "{: a}\n"),
    ("key-empty-after-question", "?\n: 1\n"),
    # Line breaks YAML 1.2 does not know, in scalars.
    ("nel-in-literal", "a: |\n  x\x85  y\nb: 1\n"),
    ("line-separator-in-literal", "a: |\n  x\u2028  y\nb: 1\n"),
    ("nel-in-plain", "a: x\x85  y\n"),
    ("nel-in-quoted", 'a: "x\x85  y"\n'),
    # Tags.
    ("tag-nonspecific-quoted-empty", 'a: ! ""\n'),
    ("tag-merge-value", "a: !!merge x\n"),
    ("tag-bool-title", "a: !!bool True\nb: !!bool OFF\n"),
    ("tag-binary-not-utf8", "a: !!binary //79\n"),
    ("tag-omap-bad-item", "a: !!omap [x, y]\n"),
    # JSON.
    ("json-lone-surrogate", '{"a": "\\ud800"}\n'),
    ("json-huge-float", '{"a": 1e400, "b": -0, "c": 1E-400}\n'),
    ("json-trailing-garbage-space", '{"a": 1}  x\n'),
    ("json-control-escape", '{"a": "\\u0007\\b\\f"}\n'),
    ("json-bad-escape", '{"a": "\\x41"}\n'),
    ("json-unterminated", '{"a": "x\n'),
    ("json-nested-deep", '{"a": ' + "[" * 30 + "]" * 30 + "}\n"),
    # Whitespace the client strips.
    ("client-strip-nbsp", "a: 1\u00a0\n"),
    ("client-strip-leading-newlines", "\n\n  \na: |\n  x\n"),
    ("client-strip-bom-leading-space", "\ufeff  a: 1\n"),
    # Keys in flow collections: on one line, at most 1024 characters, not empty.
    ("flow-key-multiline", "x: {a\n  b: 1}\n"),
    ("flow-key-multiline-quoted", 'x: {"a\n  b": 1}\n'),
    ("flow-key-multiline-in-seq", "x: [a\n  : b]\n"),
    ("flow-key-1030-non-ascii", "x: {" + "é" * 1030 + ": v}\n"),
    ("flow-key-1020-non-ascii", "x: {" + "é" * 1020 + ": v}\n"),
    ("flow-key-empty-in-seq", "x: [: a]\n"),
    ("flow-key-empty-after-comma", "x: {a: 1, : b}\n"),
    ("flow-key-explicit-empty", "x: {? : a}\n"),
    ("flow-plain-multiline-value", "x: {a: b\n  c, d: e}\n"),
    # LS and PS are line breaks that libyaml keeps in folded content.
    ("line-separator-in-plain", "a: x\u2028  y\nb: 1\n"),
    ("paragraph-separator-in-folded", "a: >\n  x\u2029  y\n  z\nb: 1\n"),
    ("line-separator-in-double-quoted", 'a: "x\u2028  y"\n'),
    ("line-separator-blank-lines-literal", "a: |\n  x\u2028\u2028  y\nb: 1\n"),
    ("line-separator-folded-blank-lines", "a: >\n  x\u2028\n\u2029  y\n  z\n\n  w\nb: 1\n"),
    ("line-separator-folded-more-indented", "a: >-\n  x\u2028    y\n  z\u2029  w\nb: 1\n"),
    ("line-separator-literal-crlf-keep", "a: |+\r\n  x\u2028  y\r\n\r\nb: 1\r\n"),
    ("line-separator-folded-keep-end", "a: >+\n  x\n  y\u2028\u2028b: 1\n"),
    ("merge-tagged-quoted-key", "d:\n  !!merge \"x\": {a: 1}\n  b: 2\n"),
    ("merge-nonspecific-tag", "d:\n  ! <<: {a: 1}\n"),
]

# ---------------------------------------------------------------------------
# Reading and encoding.
# ---------------------------------------------------------------------------


class CheckFailure(Exception):
    """An input list is inconsistent with what the loader does."""


def typed(value, active=None):
    """Encode a loaded Python value in the golden files' typed form."""
    if active is None:
        active = set()
    if value is None:
        return {"null": None}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"float": "nan"}
        if math.isinf(value):
            return {"float": "inf" if value > 0 else "-inf"}
        return {"float": repr(value)}
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return {"other": "str: %r" % value}
        return {"str": value}
    if isinstance(value, bytes):
        return {"binary": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (list, dict)):
        if id(value) in active:
            return {"other": "%s: %r" % (type(value).__name__, value)}
        active.add(id(value))
        try:
            if isinstance(value, list):
                return {"seq": [typed(item, active) for item in value]}
            return {
                "map": [[typed(k, active), typed(v, active)] for k, v in value.items()]
            }
        finally:
            active.discard(id(value))
    return {"other": "%s: %r" % (type(value).__name__, value)}


def yaml_error(exc):
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return {
        "message": str(exc).split("\n", 1)[0],
        "line": mark.line + 1 if mark is not None else None,
        "column": mark.column + 1 if mark is not None else None,
        "kind": type(exc).__name__,
    }


def json_error(exc):
    return {
        "message": str(exc).split("\n", 1)[0],
        "line": exc.lineno,
        "column": exc.colno,
        "kind": type(exc).__name__,
    }


def read_yaml(text, loader):
    """Return ("value", typed, value) or ("error", error, exc)."""
    try:
        value = yaml.load(text, Loader=loader)
        return ("value", typed(value), value)
    except Exception as exc:  # the loader's own failures are data here
        return ("error", yaml_error(exc), exc)


def wire(outcome):
    """What the client sends for a reading: jsonutils.dumps, read back as JSON."""
    if outcome[0] != "value":
        return None
    try:
        sent = jsonutils.dumps(outcome[2])
    except Exception as exc:  # the client's own failure is data here
        return ("error", {"message": str(exc).split("\n", 1)[0], "kind": type(exc).__name__})
    return ("value", typed(json.loads(sent)))


def record_wire(entry, prefix, outcome):
    """Record the sent reading when the round trip changes it."""
    sent = wire(outcome)
    if sent is not None and sent[1] != outcome[1]:
        entry[prefix + sent[0]] = sent[1]


def read_heat_yaml(text):
    """Heat's YAML path: yaml_loader, then the SafeLoader retry on a YAMLError."""
    first = read_yaml(text, template_format.yaml_loader)
    if first[0] == "value" or not isinstance(first[2], yaml.YAMLError):
        return first, None
    return first, read_yaml(text, yaml.SafeLoader)


def final_outcome(first, fallback):
    last = fallback if fallback is not None else first
    return last[:2]


def read_document(name, text):
    entry = {"name": name, "text": text}
    first, fallback = read_heat_yaml(text)
    if first[0] == "value":
        entry["value"] = first[1]
    else:
        entry["error"] = first[1]
        if fallback is not None:
            if fallback[0] == "value":
                entry["fallback_value"] = fallback[1]
            else:
                entry["fallback_error"] = fallback[1]

    stripped = text.strip()
    try:
        entry["json_value"] = typed(json.loads(text))
    except ValueError as exc:
        if stripped.startswith("{"):
            entry["json_error"] = json_error(exc)

    if not stripped.startswith("{") and stripped != text:
        client = final_outcome(*read_heat_yaml(stripped))
        if client != final_outcome(first, fallback):
            entry["client_" + client[0]] = client[1]

    # What the client sends: a template (stripped, JSON when it starts with "{")
    # and an environment file (whole, always YAML).
    if stripped.startswith("{"):
        try:
            value = json.loads(stripped)
            template = ("value", typed(value), value)
        except ValueError:
            template = ("error",)
    else:
        template_first, template_fallback = read_heat_yaml(stripped)
        template = template_fallback if template_fallback is not None else template_first
    record_wire(entry, "wire_", template)
    record_wire(entry, "environment_wire_", fallback if fallback is not None else first)
    return entry


def quote_single(text):
    return "'" + text.replace("'", "''") + "'"


def quote_double(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_scalar(text, style):
    """Read `k: <text>`; the text must be one scalar of the given style."""
    document = "k: " + text + "\n"
    try:
        node = yaml.compose(document, Loader=template_format.yaml_loader)
        loaded = yaml.load(document, Loader=template_format.yaml_loader)
    except Exception as exc:
        raise CheckFailure("scalar %r does not load: %s" % (text, exc)) from exc
    if not (
        isinstance(node, yaml.MappingNode)
        and len(node.value) == 1
        and isinstance(node.value[0][1], yaml.ScalarNode)
        and node.value[0][1].style == style
        and (style != "" or node.value[0][1].value == text)
    ):
        raise CheckFailure("%r is not read as one %r scalar" % (text, style))
    return loaded["k"]


def build_scalars():
    entries = []
    seen = set()

    def add(text, style):
        if text in seen:
            raise CheckFailure("scalar text listed twice: %r" % text)
        seen.add(text)
        value = read_scalar(text, style)
        entries.append({"text": text, "value": typed(value)})
        return value

    add("", "")
    add("''", "'")
    add('""', '"')
    for text in SCALAR_TEXTS:
        value = add(text, "")
        if not isinstance(value, str):
            add(quote_single(text), "'")
            add(quote_double(text), '"')
    return entries


def build_documents():
    names = set()
    entries = []
    for name, text in DOCUMENTS:
        if name in names:
            raise CheckFailure("document name listed twice: %s" % name)
        names.add(name)
        entries.append(read_document(name, text))
    return entries


def render(entries):
    return json.dumps(entries, indent=1, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the committed files instead of writing them",
    )
    args = parser.parse_args()

    try:
        outputs = {
            "scalars.json": render(build_scalars()),
            "documents.json": render(build_documents()),
        }
    except CheckFailure as exc:
        print("yaml-golden: %s" % exc, file=sys.stderr)
        return 2

    differ = False
    for file_name, content in outputs.items():
        path = OUT_DIR / file_name
        if args.check:
            try:
                current = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                current = None
            if current != content:
                print(
                    "yaml-golden: %s is out of date" % path.relative_to(ROOT),
                    file=sys.stderr,
                )
                differ = True
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
