#!/usr/bin/env python3
"""Heat's verdict on every corpus template, each checked alone.

Run with the Python of the Heat oracle's virtualenv, from anywhere:

    python=$(../shared/tools/heat-oracle/setup.sh)
    $python scripts/label-corpus.py

Every HOT template of the corpus (the list comes from
`cargo run --example dump-mutants -- --list`, so it is the one the tests
use) is validated as the root of a stack with no environment, in Heat's
`api` and `strict` modes (strict fills required parameters with
placeholders). The result goes to tests/expectations/corpus-templates.json,
sorted by relpath: {relpath, api_ok, strict_ok, message}, where message is
Heat's error from the first mode that rejects the template (api, then
strict), with paths relative to the corpus (`<corpus>/...`).
"""
import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import time

CRATE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODES = ['api', 'strict']
TIMEOUT_SECONDS = 120


def reexec_with_fixed_hash_seed():
    # Heat's messages print sets and dicts; a fixed seed keeps them stable.
    if os.environ.get('PYTHONHASHSEED') != '0':
        env = dict(os.environ, PYTHONHASHSEED='0')
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def stable_cycle_text(message):
    """Heat prints a dependency cycle as a graph whose sets of resources come
    out in memory-address order; sort each set so the text is reproducible."""
    if message is None or 'Circular Dependency Found' not in message:
        return message
    return re.sub(r'\{([^{}]*)\}',
                  lambda m: '{%s}' % ', '.join(sorted(m.group(1).split(', '))),
                  message)


def import_oracle(directory):
    if not os.path.isfile(os.path.join(directory, 'heat_oracle.py')):
        sys.exit('label-corpus: no heat_oracle.py in %s' % directory)
    sys.path.insert(0, directory)
    return importlib.import_module('heat_oracle')


def corpus_templates(corpus):
    listing = subprocess.run(
        ['cargo', 'run', '--quiet', '--example', 'dump-mutants', '--',
         '--corpus', corpus, '--list'],
        cwd=CRATE, check=True, stdout=subprocess.PIPE, text=True)
    return [line for line in listing.stdout.splitlines() if line]


def main():
    reexec_with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(CRATE, '..', 'shared', 'corpus'))
    parser.add_argument('--oracle', default=os.path.join(
        CRATE, '..', 'shared', 'tools', 'heat-oracle'))
    parser.add_argument('--out', default=os.path.join(
        CRATE, 'tests', 'expectations', 'corpus-templates.json'))
    args = parser.parse_args()

    started = time.monotonic()
    corpus = os.path.realpath(args.corpus)
    oracle = import_oracle(os.path.abspath(args.oracle))
    rows = []
    for relpath in corpus_templates(corpus):
        result = oracle.check_one(os.path.join(corpus, relpath), [], {}, MODES,
                                  timeout=TIMEOUT_SECONDS)
        api_ok, api_error = result['api']
        strict_ok, strict_error = result['strict']
        message = api_error if api_ok is not True else (
            strict_error if strict_ok is not True else None)
        if message is not None:
            message = message.replace(corpus, '<corpus>').replace(
                os.path.dirname(corpus), '<corpus>/..')
            message = stable_cycle_text(message)
        rows.append({'relpath': relpath, 'api_ok': api_ok,
                     'strict_ok': strict_ok, 'message': message})
    rows.sort(key=lambda row: row['relpath'])
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as out:
        json.dump(rows, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write('\n')
    print('label-corpus: %d templates, api accepts %d, strict accepts %d, '
          '%d timeouts, %.1f s' % (
              len(rows), sum(row['api_ok'] is True for row in rows),
              sum(row['strict_ok'] is True for row in rows),
              sum(row['api_ok'] is None or row['strict_ok'] is None
                  for row in rows),
              time.monotonic() - started))


if __name__ == '__main__':
    main()
