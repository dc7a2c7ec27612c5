#!/usr/bin/env python3
"""Heat's verdict on the stacks the corpus' deployers create.

Run with the Python of the Heat oracle's virtualenv, from anywhere:

    python=$(../shared/tools/heat-oracle/setup.sh)
    $python scripts/label-stacks.py

The stacks, each a root template with one list of environment files and
parameter values:

* Magnum 2026.1 (22.0.0), k8s_fedora_coreos_v1: kubecluster.yaml with
  is_cluster_stack=true and each environment list Magnum's selection yields
  (K8sFedoraTemplateDefinition.get_env_files: private network, etcd volume,
  docker volume, API load balancer, floating IPs, in that order; the load
  balancer's floating-IP file only with a load balancer) - 64 lists.
* Magnum Pike (5.0.2), k8s_fedora_atomic_v1: kubecluster.yaml with each list
  of its get_env_files (private network, etcd volume, docker volume, load
  balancer, floating IPs) - 32 lists.
* TripleO Train: overcloud.yaml with overcloud-resource-registry-puppet.yaml,
  the environment of the default deployment plan (plan-environment.yaml), and
  the parameter_defaults tripleoclient adds to every plan
  (tests/fixtures/stacks/tripleo-train/client-defaults.yaml).

Magnum picks the volume files from the sizes it passes (with_volume when
docker_volume_size is set, with_etcd_volume when etcd_volume_size is at least
1), so those stacks get a size, as Magnum would send.

Each is validated in Heat's api and strict modes (strict fills required
parameters with placeholders). The result goes to tests/expectations/stacks.json:
[{name, template, environments, parameters, api_ok, strict_ok, message}], paths
relative to the corpus.

It also writes the project files that name the same stacks for hotc, one per
family: tests/fixtures/stacks/<family>/hotc.toml (paths relative to that
folder, reaching the corpus beside the project, which they allow reading).
"""
import argparse
import importlib
import itertools
import json
import os
import sys
import time

CRATE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODES = ['api', 'strict']


def reexec_with_fixed_hash_seed():
    if os.environ.get('PYTHONHASHSEED') != '0':
        env = dict(os.environ, PYTHONHASHSEED='0')
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def magnum_2026_lists():
    env = 'magnum-2026.1/magnum/drivers/common/templates/environments/'
    lb_choices = [
        ('no_master_lb', [['enable_floating_ip'], ['disable_floating_ip']]),
    ]
    with_lb_fips = [
        ['enable_floating_ip', 'enable_lb_floating_ip'],
        ['disable_floating_ip', 'enable_lb_floating_ip'],
        ['disable_floating_ip', 'disable_lb_floating_ip'],
    ]
    lb_choices.append(('with_master_lb', with_lb_fips))
    lb_choices.append(('with_master_lb_octavia', with_lb_fips))
    lists = []
    for net, etcd, volume in itertools.product(
            ['with_private_network', 'no_private_network'],
            ['with_etcd_volume', 'no_etcd_volume'],
            ['with_volume', 'no_volume']):
        for lb, fips in lb_choices:
            for fip in fips:
                names = [net, etcd, volume, lb] + fip
                lists.append([env + n + '.yaml' for n in names])
    return lists


def magnum_pike_lists():
    env = 'magnum-pike-k8s-fedora-atomic/magnum/drivers/common/templates/environments/'
    return [[env + n + '.yaml' for n in names] for names in itertools.product(
        ['with_private_network', 'no_private_network'],
        ['with_etcd_volume', 'no_etcd_volume'],
        ['with_volume', 'no_volume'],
        ['with_master_lb', 'no_master_lb'],
        ['enable_floating_ip', 'disable_floating_ip'])]


# Environment files of the project itself (not of the corpus) start with this.
PROJECT = 'project:'


def corpus_or_project(path, corpus):
    if path.startswith(PROJECT):
        return os.path.join(CRATE, path[len(PROJECT):])
    return os.path.join(corpus, path)


def volume_sizes(envs):
    """The sizes Magnum sends with the volume files it picks."""
    params = {}
    if any(e.endswith('/with_volume.yaml') for e in envs):
        params['docker_volume_size'] = '20'
    if any(e.endswith('/with_etcd_volume.yaml') for e in envs):
        params['etcd_volume_size'] = '10'
    return params


def stacks():
    out = []
    for n, envs in enumerate(magnum_2026_lists()):
        out.append({
            'name': 'magnum-2026.1[%d]' % n,
            'template': 'magnum-2026.1/magnum/drivers/k8s_fedora_coreos_v1/templates/kubecluster.yaml',
            'environments': envs,
            'parameters': dict(volume_sizes(envs), is_cluster_stack='true'),
        })
    for n, envs in enumerate(magnum_pike_lists()):
        out.append({
            'name': 'magnum-pike[%d]' % n,
            'template': 'magnum-pike-k8s-fedora-atomic/magnum/drivers/k8s_fedora_atomic_v1/templates/kubecluster.yaml',
            'environments': envs,
            'parameters': volume_sizes(envs),
        })
    out.append({
        'name': 'tripleo-train',
        'template': 'tripleo-train-rendered/overcloud.yaml',
        'environments': ['tripleo-train-rendered/overcloud-resource-registry-puppet.yaml',
                         PROJECT + 'tests/fixtures/stacks/tripleo-train/client-defaults.yaml'],
        'parameters': {},
    })
    return out


FIXTURES = os.path.join(CRATE, 'tests', 'fixtures', 'stacks')
# From tests/fixtures/stacks/<family>/ to the corpus beside the project.
CORPUS_FROM_FIXTURE = '../../../../../shared/corpus'


def toml_string(text):
    return json.dumps(text)


def write_project_files(rows):
    families = {}
    for row in rows:
        family = row['name'].split('[')[0]
        families.setdefault(family, []).append(row)
    for family, members in sorted(families.items()):
        by_stack = {}
        for row in members:
            key = (row['template'], json.dumps(row['parameters'], sort_keys=True))
            by_stack.setdefault(key, []).append(row['environments'])
        lines = [
            '# The stacks of %s as its deployer creates them (generated by' % family,
            '# scripts/label-stacks.py from the same lists as tests/expectations/stacks.json).',
            '[check]',
            'allow_outside_root = [%s]' % toml_string(CORPUS_FROM_FIXTURE + '/**'),
            '',
        ]
        for (template, params), lists in sorted(by_stack.items()):
            lines.append('[[stacks]]')
            lines.append('template = %s' % toml_string(CORPUS_FROM_FIXTURE + '/' + template))
            lines.append('environments = [')
            for envs in lists:
                lines.append('  [%s],' % ', '.join(toml_string(
                    os.path.relpath(os.path.join(CRATE, e[len(PROJECT):]),
                                    os.path.join(FIXTURES, family))
                    if e.startswith(PROJECT) else CORPUS_FROM_FIXTURE + '/' + e)
                    for e in envs))
            lines.append(']')
            params = json.loads(params)
            if params:
                lines.append('parameters = { %s }' % ', '.join(
                    '%s = %s' % (k, toml_string(v)) for k, v in sorted(params.items())))
            lines.append('')
        folder = os.path.join(FIXTURES, family)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'hotc.toml'), 'w', encoding='utf-8') as out:
            out.write('\n'.join(lines))


def main():
    reexec_with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(CRATE, '..', 'shared', 'corpus'))
    parser.add_argument('--oracle', default=os.path.join(
        CRATE, '..', 'shared', 'tools', 'heat-oracle'))
    parser.add_argument('--out', default=os.path.join(
        CRATE, 'tests', 'expectations', 'stacks.json'))
    args = parser.parse_args()
    started = time.monotonic()
    corpus = os.path.realpath(args.corpus)
    sys.path.insert(0, os.path.abspath(args.oracle))
    oracle = importlib.import_module('heat_oracle')
    rows = []
    for stack in stacks():
        result = oracle.check_one(
            os.path.join(corpus, stack['template']),
            [corpus_or_project(e, corpus) for e in stack['environments']],
            stack['parameters'], MODES, timeout=600)
        api_ok, api_error = result['api']
        strict_ok, strict_error = result['strict']
        message = api_error if api_ok is not True else (
            strict_error if strict_ok is not True else None)
        if message is not None:
            message = message.replace(corpus, '<corpus>')
        rows.append(dict(stack, api_ok=api_ok, strict_ok=strict_ok, message=message))
        print('%-24s api %-5s strict %-5s %s' % (
            stack['name'], api_ok, strict_ok, (message or '')[:100]), file=sys.stderr)
    with open(args.out, 'w', encoding='utf-8') as out:
        json.dump(rows, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write('\n')
    write_project_files(rows)
    print('label-stacks: %d stacks, %.1f s' % (len(rows), time.monotonic() - started))


if __name__ == '__main__':
    main()
