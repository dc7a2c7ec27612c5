#!/usr/bin/env python3
"""Label every corpus mutant with Heat's own validator.

Run with the Python of the Heat oracle's virtualenv, from anywhere:

    python=$(../shared/tools/heat-oracle/setup.sh)
    $python scripts/label-mutants.py

It builds the mutants with `cargo run --example dump-mutants` (or reads an
existing dump given with --dump), validates each mutant on its own as the
root of a stack (no environment) in Heat's `api` and `strict` modes (strict
fills required parameters with placeholders), and writes

  tests/expectations/mutants.json
      sorted by id: {id, kind, relpath, line, heat_strict_rejects,
      heat_api_rejects, heat_message}
  tests/expectations/mutant-originals.json
      sorted by relpath, once per template that has mutants:
      {relpath, heat_api_accepts, heat_strict_accepts, heat_message}

A mutant measures recall only where Heat accepts the original and rejects
the mutant. Each mutant is written beside its original in a scratch copy of
the corpus (under a new name, so that relative references resolve), checked
and removed. Messages name files relative to the corpus (`<corpus>/...`) and
a mutant's file by its original's name, so the output is reproducible.
"""
import argparse
import collections
import glob
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
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
        sys.exit('label-mutants: no heat_oracle.py in %s' % directory)
    sys.path.insert(0, directory)
    return importlib.import_module('heat_oracle')


def dump_mutants(corpus, out):
    subprocess.run(
        ['cargo', 'run', '--quiet', '--example', 'dump-mutants', '--',
         '--corpus', corpus, out],
        cwd=CRATE, check=True)


def normalise(message, tree, renamed=None):
    """Paths relative to the corpus (the copy's folder standing for the
    corpus's); a mutant's file under its original's name."""
    if message is None:
        return None
    if renamed:
        scratch, original = renamed
        message = message.replace(scratch, original)
    tree = tree.rstrip('/')
    message = message.replace(tree, '<corpus>')
    message = message.replace(os.path.dirname(tree), '<corpus>/..')
    return stable_cycle_text(message)


def verdict(oracle, path):
    result = oracle.check_one(path, [], {}, MODES, timeout=TIMEOUT_SECONDS)
    api_ok, api_error = result['api']
    strict_ok, strict_error = result['strict']
    # The first check that fails speaks: api runs before strict.
    message = api_error if api_ok is not True else (
        strict_error if strict_ok is not True else None)
    return api_ok, strict_ok, message


def rejects(ok):
    return None if ok is None else not ok


def write_json(path, rows):
    with open(path, 'w', encoding='utf-8') as out:
        json.dump(rows, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write('\n')


def main():
    reexec_with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(CRATE, '..', 'shared', 'corpus'))
    parser.add_argument('--oracle', default=os.path.join(
        CRATE, '..', 'shared', 'tools', 'heat-oracle'))
    parser.add_argument('--dump', help='an existing dump-mutants output '
                        '(it is modified while running and restored)')
    parser.add_argument('--out', default=os.path.join(CRATE, 'tests', 'expectations'))
    args = parser.parse_args()

    started = time.monotonic()
    oracle = import_oracle(os.path.abspath(args.oracle))
    scratch_root = None
    dump = args.dump
    if dump is None:
        scratch_root = tempfile.mkdtemp(prefix='hotc-mutants-')
        dump = os.path.join(scratch_root, 'dump')
        dump_mutants(os.path.abspath(args.corpus), dump)
    tree = os.path.realpath(os.path.join(dump, 'tree'))
    files = sorted(glob.glob(os.path.join(dump, 'mutants', '*.json')))
    mutants = []
    for path in files:
        with open(path, encoding='utf-8') as f:
            mutants.append(json.load(f))
    print('label-mutants: %d mutants' % len(mutants), file=sys.stderr)

    originals = {}
    for relpath in sorted({m['relpath'] for m in mutants}):
        api_ok, strict_ok, message = verdict(oracle, os.path.join(tree, relpath))
        originals[relpath] = {
            'relpath': relpath,
            'heat_api_accepts': api_ok,
            'heat_strict_accepts': strict_ok,
            'heat_message': normalise(message, tree),
        }

    rows = []
    for number, mutant in enumerate(mutants):
        original = os.path.join(tree, mutant['relpath'])
        folder, name = os.path.split(original)
        stem, extension = os.path.splitext(name)
        scratch_name = '%s.mutant-%d%s' % (stem, number, extension)
        scratch = os.path.join(folder, scratch_name)
        with open(scratch, 'w', encoding='utf-8') as f:
            f.write(mutant['text'])
        try:
            api_ok, strict_ok, message = verdict(oracle, scratch)
        finally:
            os.remove(scratch)
        rows.append({
            'id': mutant['id'],
            'kind': mutant['kind'],
            'relpath': mutant['relpath'],
            'line': mutant['line'],
            'heat_api_rejects': rejects(api_ok),
            'heat_strict_rejects': rejects(strict_ok),
            'heat_message': normalise(message, tree, (scratch_name, name)),
        })
        if (number + 1) % 500 == 0:
            print('label-mutants: %d/%d' % (number + 1, len(mutants)),
                  file=sys.stderr)

    rows.sort(key=lambda row: row['id'])
    os.makedirs(args.out, exist_ok=True)
    write_json(os.path.join(args.out, 'mutants.json'), rows)
    write_json(os.path.join(args.out, 'mutant-originals.json'),
               [originals[relpath] for relpath in sorted(originals)])
    if scratch_root:
        shutil.rmtree(scratch_root)
    summarise(rows, originals, time.monotonic() - started)


def summarise(rows, originals, seconds):
    """Per kind: mutants, and how many Heat rejects where it accepts the
    original (strict / api)."""
    table = collections.OrderedDict()
    for row in rows:
        counts = table.setdefault(row['kind'], collections.Counter())
        original = originals[row['relpath']]
        counts['mutants'] += 1
        if original['heat_strict_accepts']:
            counts['strict_original_ok'] += 1
            counts['strict_rejects'] += bool(row['heat_strict_rejects'])
        if original['heat_api_accepts']:
            counts['api_original_ok'] += 1
            counts['api_rejects'] += bool(row['heat_api_rejects'])
        counts['timeouts'] += (row['heat_strict_rejects'] is None or
                               row['heat_api_rejects'] is None)
    print('%-30s %8s %22s %22s %8s' % ('kind', 'mutants', 'strict rejects/orig ok',
                                       'api rejects/orig ok', 'timeouts'))
    total = collections.Counter()
    for kind in sorted(table):
        c = table[kind]
        total.update(c)
        print('%-30s %8d %22s %22s %8d' % (
            kind, c['mutants'], '%d/%d' % (c['strict_rejects'], c['strict_original_ok']),
            '%d/%d' % (c['api_rejects'], c['api_original_ok']), c['timeouts']))
    print('%-30s %8d %22s %22s %8d' % (
        'total', total['mutants'],
        '%d/%d' % (total['strict_rejects'], total['strict_original_ok']),
        '%d/%d' % (total['api_rejects'], total['api_original_ok']), total['timeouts']))
    print('label-mutants: %.1f s' % seconds)


if __name__ == '__main__':
    main()
