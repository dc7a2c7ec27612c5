#!/usr/bin/env python3
"""Generate the golden verdicts of Heat's pure custom constraints.

Runs Heat's own constraint classes (heat.engine.constraint.common_constraints:
ip_addr, ip_or_cidr, net_cidr, mac_addr, dns_name, dns_domain, rel_dns_name,
iso_8601, expiration, cron_expression, json_string, timezone) on the values
listed below and writes, per constraint, each value with Heat's verdict and,
when it rejects the value, Heat's message:

    tests/golden/custom-constraints.json

Run it with the Python of the Heat oracle's virtual environment:

    python=$(../shared/tools/heat-oracle/setup.sh)
    PYTHONHASHSEED=0 $python scripts/custom-constraints-golden.py           # (re)write
    PYTHONHASHSEED=0 $python scripts/custom-constraints-golden.py --check   # compare only

The message is what Heat puts after the property path, e.g.
`Error validating value '1.2.3': Invalid IP address`. A value whose check
raises instead of answering gets "raises": the exception's class and text.
Expiration dates are far in the past or future, so the verdicts keep.
"""
import json
import logging
import os
import sys
import warnings

warnings.filterwarnings('ignore')
logging.disable(logging.CRITICAL)

from heat.engine.constraint import common_constraints as cc  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                   'tests', 'golden', 'custom-constraints.json')

CLASSES = {
    'ip_addr': cc.IPConstraint,
    'ip_or_cidr': cc.IPCIDRConstraint,
    'net_cidr': cc.CIDRConstraint,
    'mac_addr': cc.MACConstraint,
    'dns_name': cc.DNSNameConstraint,
    'dns_domain': cc.DNSDomainConstraint,
    'rel_dns_name': cc.RelativeDNSNameConstraint,
    'iso_8601': cc.ISO8601Constraint,
    'expiration': cc.ExpirationConstraint,
    'cron_expression': cc.CRONExpressionConstraint,
    'json_string': cc.JsonStringConstraint,
    'timezone': cc.TimezoneConstraint,
}

IPV4 = [
    '1.2.3.4', '0.0.0.0', '255.255.255.255', '10.0.0.1', '192.168.1.100',
    '256.1.1.1', '1.2.3.256', '999.0.0.0', '1.2.3', '1.2', '1', '1.2.3.4.5',
    '01.2.3.4', '1.2.3.04', '1.2.3.00', '00.0.0.0', '1.2.3.4.', '.1.2.3.4',
    '1..2.3', '1.2.3.-4', '1.2.3.+4', '0x1.2.3.4', '1.2.3.4 ', ' 1.2.3.4',
    '1.2.3.4\n', '1.2.3.4/24', '1.2.3.a', 'abc', '', 'localhost',
    '\u0661.\u0662.\u0663.\u0664', '1.2.3.\u0664', '1.2.3.4\t', '1. 2.3.4',
    '1_0.0.0.1',
]
IPV6 = [
    '::', '::1', '1::', 'fe80::1', 'FE80::1', 'fE80::aBc', '2001:db8::1',
    '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0:0:0:0:1',
    '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::8', '1::2:3:4:5:6:7', '1:2:3:4::5:6:7:8', '2001:db8::1::2',
    ':1::', '1:', ':', ':::', '1:::2', '12345::', '1:2:3:4:5:6:7', '00000::1',
    '0000::1', 'g::1', '::ffff:1.2.3.4', '::ffff:1.2.3', '::ffff:01.2.3.4',
    '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
    '1:2:3:4:5::1.2.3.4', '::a.b.c.d', '::ffff:256.1.1.1', '1.2.3.4::',
    '::1.2.3.4:1', '::12345.1.1.1', '::1234.1.1.1', 'fe80::1%eth0', '[::1]',
    '::1 ', ' ::1', '::1/128', 'fe80::1\n', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:',
    '::ffff:1.2.3.4.5', '1::2::',
]
CIDRS = [
    '10.0.0.0/8', '10.0.0.1/8', '192.168.0.0/16', '192.168.1.0/24', '0.0.0.0/0',
    '1.2.3.4/32', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0', '10/8', '10.0/16',
    '10', '192.168', '10.0.0.0/08', '10.0.0.0/+8', '10.0.0.0/ 8', '10.0.0.0/8 ',
    ' 10.0.0.0/8', '10.0.0.0/8\n', '010.0.0.0/8', '10.0.0.00/8', '10.0.0.0/8/8',
    '10.0.0.0/255.0.0.0', '10.0.0.0/0.255.255.255', '10.0.0.0/255.0.255.0',
    '10.0.0.0/a', '10.0.0.0/', '/8', '256.0.0.0/8', '10.0.0/24', 'abc', '',
    '2001:db8::/32', '2001:DB8::/32', '2001:db8::1/64', '2001:db8::/129',
    '2001:db8::/0', '::/0', '::/128', '2001:db8::', '2001:db8::/032',
    '2001:db8::/+32', '2001:db8::/ffff::', '2001:db8::/ffff:ffff::',
    '::ffff:1.2.3.4/128', '::ffff:1.2.3.4/96', 'fe80::1%eth0/64', '2001:db8::/-1',
    '2001:db8::/32 ', '1.2.3.4/32/', '10.0.0.0/8\t', '10.0.0.0 /8',
    '\u0661\u0660.0.0.0/8', '10.0.0.0/\u0668',
]
MACS = [
    'fa:16:3e:00:00:01', 'FA:16:3E:00:00:01', 'fa-16-3e-00-00-01',
    'fa:16:3e:0:0:1', 'f:1:3:0:0:1', 'fa16.3e00.0001', 'fa16:3e00:0001',
    'fa16-3e00-0001', 'f.3e00.1', 'fa163e-000001', 'fa163e:000001',
    'fa163-00001', 'fa16-000001', 'fa163e000001', 'FA163E000001', 'fa163e00000',
    'fa163e0000011', 'fa:16:3e:00:00', 'fa:16:3e:00:00:01:02', 'gg:16:3e:00:00:01',
    'fa:16:3e:00:00:01\n', ' fa:16:3e:00:00:01', 'fa:16:3e:00:00:01 ', '',
    'fa:16-3e:00:00:01', 'fa:16:3e:00:00:001', 'fa.16.3e.00.00.01',
    'fa163e.000001', 'fa16.3e00:0001', 'fa1g3e000001', '00:00:00:00:00:00',
    'fa16.3e00.00001', 'fa16.3e00.01',
]
DNS = [
    'example', 'example.com', 'example.com.', 'www.example.com', 'a-b.c',
    'a--b.example', 'Example.com', 'EXAMPLE', '-a.com', 'a-.com', 'a.-b',
    'a..b', '.a', 'a.', '.', '', 'a_b', 'a b', 'é.com', 'a.b\n', 'a\n.b',
    '1.2.3.4', '1.2.3.4.', 'a.123.', 'a.123', '123', '123.', 'a.1b.', 'a.b1.',
    '*.example.com', 'a' * 63, 'a' * 64, 'a' * 63 + '.com', ('a' * 63 + '.') * 4,
    ('a' * 50 + '.') * 5, ('a' * 50 + '.') * 5 + 'a' * 5, 'a/b', 'a:b', 'xn--bcher-kva.example',
]
REL_DNS = DNS + ['a' * 252, 'a' * 253, ('a' * 50 + '.') * 4 + 'a' * 48,
                 ('a' * 50 + '.') * 4 + 'a' * 47]
DATES = [
    '2015-01-01', '2015-01-01T12:00:00Z', '2015-01-01T12:00:00+01:00',
    '2015-01-01T12:00:00-05:30', '2015-01-01T12:00:00+0100', '2015-01-01T12:00:00+01',
    '2015-01-01 12:00', '2015-01-01T12:00', '2015-01-01T12', '2015-01-01T1200',
    '2015-01-01T120000', '20150101T120000', '20150101', '2015', '2015-01', '201501',
    '2015-1-1', '2015-1-01T01:02:03', '2015-13-01', '2015-00-01', '2015-02-30',
    '2016-02-29', '2015-02-29', '2015-01-32', '2015-01-00', '2015-01-01T24:00',
    '2015-01-01T25:00', '2015-01-01T12:60', '2015-01-01T12:00:60',
    '2015-01-01T12:00:5', '2015-01-01T12:00:00.123456', '2015-01-01T12:00:00.1234567',
    '2015-01-01T12:00:00,5', '2015-01-01T12:00:00.', '2015-01-01T12:00Z',
    '2015-01-01T12Z', '2015-01-01T12:00:00+25:00', '2015-01-01T12:00:00+23:59',
    '2015-01-01T12:00:00+24:00', '2015-01-01T12:00:00+99:99', '2015-01-01T12:00:00-00:00',
    '2015-01-01T12:00:00+01:99', '2015-01-01t12:00', '2015-01-01T12:00:00z',
    '0000-01-01', '0001-01-01', '9999-12-31', '2015-01-01\n', '2015-01-01\n\n',
    ' 2015-01-01', '2015-01-01 ', 'yesterday', '', '2015-01-01T12:00:00 +01:00',
    '2015/01/01', '15-01-01', '2015-01-01T12:00:00.5Z', '2015-W01', '2015-001',
    '\u0662015-01-01',
]
EXPIRATIONS = [
    '2999-01-01T00:00:00Z', '2999-01-01', '2999-01-01T00:00:00+01:00',
    '1999-01-01T00:00:00Z', '1999-01-01', ' 2999-01-01 ', '\t2999-01-01\n', '',
    'garbage', '2999-13-01', '2999-02-30', '9999-12-31T23:59:59-01:00',
    '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59Z', '2999-01-01T25:00',
    '2999-01-01T00:00:00+25:00', '2999', '1999', '299901',
]
CRONS = [
    '* * * * *', '0 0 * * *', '*/5 * * * *', '0 0 1 1 *', '0 0 * * 0-6',
    '0 0 * * 1-7', '0 0 * * mon-fri', '0 0 * * MON-FRI', '0 0 * jan-dec *',
    '0 0 * JAN *', '0 0 * * monday', '0 0 * jan,feb,mar *', '0 0 L * *',
    '0 0 l * *', '0 0 1-L * *', '0 0 15W * *', '0 0 W15 * *', '0 0 32W * *',
    '0 0 0W * *', '0 0 1W,15 * *', '0 0 1,15W * *', '0 0 1-5W * *', '0 0 * * 5#3',
    '0 0 * * 5#0', '0 0 * * 5#6', '0 0 * * mon#2', '0 0 * * L5', '0 0 * * l5',
    '0 0 * * 1#2,3', '0 0 * * 1#2,1#3', '0 0 * * 1-5#2', '0 0 * * mon-fri#2',
    '0 0 * * 5#3,L5', '@hourly', '@daily', '@weekly', '@monthly', '@yearly',
    '@annually', '@midnight', '@HOURLY', '@reboot', '@every', '* * * *',
    '* * * * * * * *', '*', '', '   ', '60 * * * *', '* 24 * * *', '* * 0 * *',
    '* * 32 * *', '* * * 13 *', '* * * 0 *', '* * * * 7', '* * * * 8',
    '*/0 * * * *', '*/00 * * * *', '0-59/0 * * * *', '5-2 * * * *',
    '50-10/5 * * * *', '* * * * sat-mon', '* * * nov-feb *', '* * * nov-feb/3 *',
    'a * * * *', '* * * * sun,mon', '* * ? * *', '* * * * ?', '? * * * *',
    '* * ?? * *', '* * 1? * *', 'h * * * *', 'H * * * *', 'r * * * *',
    'R(0-29) * * * *', 'r(0-99) * * * *', 'r(5-1) * * * *', 'r/15 * * * *',
    'r/0 * * * *', 'r(0-29)/5 * * * *', 'r(0-29)/0 * * * *', '-1 * * * *',
    '1,-2 * * * *', '0 0 * * * 0', '0 0 * * * 59', '0 0 * * * 60',
    '0 0 * * * 0 2020', '0 0 * * * 0 1969', '0 0 * * * 0 2099', '0 0 * * * 0 2100',
    '0 0 * * * 0 */2', '1,2-4,*/15 * * * *', '59/15 * * * *', '60/15 * * * *',
    '* * * jan/2 *', '* * * dec/3 *', '0 0 31 2 *', '*/100 * * * *', '1-60 * * * *',
    '1/60 * * * *', '0/60 * * * *', '1-5/a * * * *', 'x-5 * * * *', '1-x * * * *',
    '1-2-3 * * * *', '1/2/3 * * * *', '*/5/5 * * * *', '00 00 * * *',
    '0\t0 * * *\t*', ' 0 0 * * * ', '0 0 * * *\n', '0\u00a00 * * * *',
    '0 0 * * 0,7', '0 0 * * 7-7', '0 0 * * sun-sun', '0 0 * * jan', '0 0 * mon *',
    '0 0 * * 1,2,3,4,5,6,0', '0 0 1-31 * *', '0 0 1-31 * 1', '* * * * * *',
    '0 0 1 * 1#2', '0 0 * * 1#2,2', '0 0 * * *,1#2', '0 0 * * 0-6,1#2',
    '99999999999999999999 * * * *', '* * * * 1#99999999999999999999',
    '0 0 * * * 0 5-3', '0 0 * * * 0 2090-1980/7', '0 0 * * 1#2,l1', '0 0 * * 5#3,2',
    '0 0 l-5 * *', '0 0 * * 7#2', '0 0 1-31/40 * *', '0 0 * * 0-6', '0 0 15w,l * *',
    '0 0 * * sat-mon#2', '0 0 * * 2-1#2', '0 0 * * 1-5,l3', '0 0 ? * ?',
    '0 0 * 0-5 *', '0 0 * * 0-7/2', '*/5,1-3 * * * * *', 'r(0-7) * * * r(0-7)',
]
JSONS = [
    '{}', '[]', '{"a": 1}', '{"a": [1, 2, {"b": null}]}', '1', '-1', '1.5', '1e5',
    '1E+5', '-0', '"x"', 'null', 'true', 'false', 'NaN', 'Infinity', '-Infinity',
    '  [1]  ', '\n{}\n', '\t[]', '', '{', '}', '[', '[1,]', '[,1]', '{,}',
    "{'a': 1}", '{"a" 1}', '{"a": 1,}', '{"a": 1 "b": 2}', '{"a":}', '{1: 2}',
    '"abc', '"a\\qb"', '"\\u12"', '"\\u12G4"', '"\\ud800"', '"\\u00e9"', '"é"',
    '[1] x', '[1] [2]', '1 2', '01', '1.', '.5', '-', '+1', 'tru', 'nul',
    'True', '"\t"', '"a\nb"', '\ufeff[]', '[1, 2', '{"a": [1, 2}', '[[[[]]]]',
    '{"a": 1, "a": 2}', '"\\/"', '-Infinity ', 'infinity', 'nan', '[1,\n2,\n,3]',
    '{\n  "a": 1\n  "b": 2\n}', '[\n\n  x]', '1e', '1e+', '-1.5e-3', '0.0',
    '00', '[-]', '{"a"', '{"a":', '{"a": 1', '"', '"\\', '"\\"',
    '"\\ud800\\udc00"', '"\\ud800\\uZZZZ"', '"\\ud800\\u12"', '"\\ud800x"',
    '"\\ud800\\u0041"', '[1]\x00', '{"a": 1}\r\n', '\u00a0[]',
]
TIMEZONES = [
    'UTC', 'Europe/London', 'America/New_York', 'US/Pacific', 'EST5EDT',
    'Etc/GMT+5', 'Etc/GMT-14', 'GMT', 'Zulu', 'Asia/Kolkata', 'Asia/Calcutta',
    'America/Argentina/Buenos_Aires', 'Factory', 'utc', 'europe/london',
    'Europe/Londn', 'Europe/London ', ' Europe/London', 'Europe//London',
    'Europe/./London', 'Europe/../UTC', './UTC', '..', '../UTC', '/etc/localtime',
    '/UTC', 'UTC/', 'Foo/Bar', 'Mars/Olympus_Mons', 'EST', 'Etc/GMT+13', '',
    'Europe/London/x', "O'Higgins", 'a.b', 'Europe/London\n',
]

CASES = {
    'ip_addr': IPV4 + IPV6,
    'ip_or_cidr': IPV4 + IPV6 + CIDRS,
    'net_cidr': CIDRS + ['1.2.3.4', '::1'],
    'mac_addr': MACS,
    'dns_name': DNS,
    'dns_domain': DNS,
    'rel_dns_name': REL_DNS,
    'iso_8601': DATES,
    'expiration': EXPIRATIONS,
    'cron_expression': CRONS,
    'json_string': JSONS,
    'timezone': TIMEZONES,
}


def verdict(name, value):
    check = CLASSES[name]()
    try:
        ok = check.validate(value, None)
    except Exception as e:
        return {'value': value, 'raises': '%s: %s' % (type(e).__name__, e)}
    entry = {'value': value, 'ok': bool(ok)}
    if not ok:
        entry['message'] = check.error(value)
    return entry


def main():
    golden = {
        'generator': 'scripts/custom-constraints-golden.py',
        'heat_version': '27.0.1',
        'constraints': {name: [verdict(name, v) for v in dict.fromkeys(values)]
                        for name, values in CASES.items()},
    }
    text = json.dumps(golden, indent=1, ensure_ascii=False) + '\n'
    if '--check' in sys.argv:
        with open(OUT, encoding='utf-8') as f:
            if f.read() != text:
                sys.exit('tests/golden/custom-constraints.json differs from Heat')
        return
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
