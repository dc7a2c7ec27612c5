#!/usr/bin/env python3
"""Record what Heat's stack validation says of the property values in
tests/fixtures/property-values/cases.txt.

Each case becomes a template (see the header of cases.txt) validated by the
Heat oracle in strict mode (what `stack create` checks before creating
anything); Heat's verdict and message go to tests/golden/property-values.json,
which tests/property_values.rs compares with hotc's property checker.

    python=$(../shared/tools/heat-oracle/setup.sh)
    PYTHONHASHSEED=0 $python scripts/property-values-golden.py [--check]

The oracle is ../shared/tools/heat-oracle/heat_oracle.py, or $HOTC_HEAT_ORACLE.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'property-values')
OUT = os.path.join(ROOT, 'tests', 'golden', 'property-values.json')
ORACLE = os.environ.get('HOTC_HEAT_ORACLE') or os.path.join(
    ROOT, '..', 'shared', 'tools', 'heat-oracle', 'heat_oracle.py')


def read_cases():
    params, cases = [], []
    with open(os.path.join(FIXTURES, 'cases.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            if line.startswith('@param '):
                params.append(line[len('@param '):])
                continue
            name, typ, props = [part.strip() for part in line.split('|', 2)]
            cases.append((name, typ, props))
    return params, cases


def template(params, typ, props):
    """The template text; tests/property_values.rs builds the same."""
    lines = ['heat_template_version: 2018-08-31', 'parameters:']
    lines += ['  ' + p for p in params]
    lines += ['resources:', '  none: {type: OS::Heat::None}',
              '  rs: {type: OS::Heat::RandomString}',
              '  r:', '    type: ' + typ, '    properties: ' + props, '']
    return '\n'.join(lines)


def main():
    params, cases = read_cases()
    work = tempfile.mkdtemp(prefix='hotc-property-values-')
    try:
        shutil.copy(os.path.join(FIXTURES, 'provider.yaml'), work)
        paths = []
        for name, typ, props in cases:
            path = os.path.join(work, name + '.yaml')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(template(params, typ, props))
            paths.append(path)
        run = subprocess.run(
            [sys.executable, ORACLE, '--mode', 'strict', '--no-autofill'] + paths,
            capture_output=True, text=True,
            env=dict(os.environ, PYTHONHASHSEED='0'))
        results = {}
        for line in run.stdout.splitlines():
            r = json.loads(line)
            results[os.path.basename(r['template'])[:-len('.yaml')]] = r
    finally:
        shutil.rmtree(work)
    golden = []
    for name, typ, props in cases:
        r = results[name]
        entry = {'name': name, 'ok': bool(r['ok'])}
        if not r['ok']:
            entry['message'] = r['error']
        golden.append(entry)
    text = json.dumps({'generator': 'scripts/property-values-golden.py',
                       'heat_version': '27.0.1', 'cases': golden},
                      indent=1, ensure_ascii=False) + '\n'
    if '--check' in sys.argv:
        with open(OUT, encoding='utf-8') as f:
            if f.read() != text:
                sys.exit('tests/golden/property-values.json differs from Heat')
        return
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
