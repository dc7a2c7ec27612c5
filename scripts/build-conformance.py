#!/usr/bin/env python3
"""Conformance of drivers built by `hotc build` with real Magnum and real Heat.

    build-conformance.py [--requests FILE] TREE...
    build-conformance.py userdata CASES.json

For each generated tree: installs the package (with its magnum.drivers entry
point) into a scratch folder, then, in a child process with Magnum 22 (the
`magnum` stage), loads every driver through the entry point, checks that they
all load together, and computes through each driver's own code the
stacks.create request for sample clusters covering every environment list the
driver can select. A second child process with Heat (the `heat` stage)
validates offline, in api and strict mode: each request exactly as Magnum would
send it, and the root template alone and with each environment file alone,
with the request's values as user parameters. Magnum and Heat run in separate
processes because both configure oslo.config's global CONF.

Prints one JSON line per check and `N passed, N failed` at the end; exits 1 on
any failure. `--requests FILE` keeps every computed request (with the body as
the client serialises it) for hotc's tests to compare their size budgets with.

The `userdata` stage resolves, with Heat's own code, the `user_data` of the
`server` of node templates with given parameter values (before the stack
exists: attributes are None, references are names), and prints it with the
length of the base64 the Nova client sends. Needs a Python with openstack-heat, python-heatclient and magnum
(scripts/test-deps.sh builds one).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main(argv):
    if argv[:1] == ['magnum']:
        return magnum_stage(argv[1], argv[2:])
    if argv[:1] == ['heat']:
        return heat_stage(argv[1])
    if argv[:1] == ['userdata']:
        return userdata_stage(argv[1])
    keep = None
    if argv[:1] == ['--requests']:
        keep, argv = argv[1], argv[2:]
    trees = [os.path.abspath(t) for t in argv]
    if not trees:
        print(__doc__)
        return 2
    work = tempfile.mkdtemp(prefix='hotc-conformance-')
    site = os.path.join(work, 'site')
    for tree in trees:
        subprocess.run([sys.executable, '-m', 'pip', 'install', '-q',
                        '--disable-pip-version-check', '--no-deps',
                        '--no-build-isolation', '--target', site, tree],
                       check=True, stdout=sys.stderr)
    requests = os.path.join(work, 'requests.json')
    names = [driver_name(t) for t in trees]
    env = dict(os.environ, PYTHONPATH=site, PYTHONHASHSEED='0')
    subprocess.run([sys.executable, __file__, 'magnum', requests] + names,
                   check=True, env=env)
    result = subprocess.run([sys.executable, __file__, 'heat', requests],
                            env=env)
    if keep:
        shutil.copyfile(requests, keep)
    return result.returncode


def driver_name(tree):
    with open(os.path.join(tree, 'pyproject.toml')) as f:
        lines = f.read().splitlines()
    start = lines.index('[project.entry-points."magnum.drivers"]')
    return lines[start + 1].split('=')[0].strip()


# ---------------------------------------------------------------- Magnum ---

def magnum_stage(out, names):
    import importlib.metadata as md
    from unittest import mock

    import magnum.conf
    from oslo_serialization import jsonutils
    from magnum.common import context as mctx
    from magnum import objects

    conf = magnum.conf.CONF
    conf([], project='magnum', default_config_files=[])
    ca_dir = tempfile.mkdtemp(prefix='hotc-ca-')
    ca_file = os.path.join(ca_dir, 'openstack-ca.pem')
    with open(ca_file, 'w') as f:
        f.write('-----BEGIN CERTIFICATE-----\nMIIB+/=\n-----END CERTIFICATE-----\n')
    conf.set_override('openstack_ca_file', ca_file, group='drivers')
    conf.set_override('cluster_user_trust', True, group='trust')

    ctx = mctx.RequestContext(user_name='demo', user_id='u1',
                              project_id='p1', auth_token='t',
                              is_admin=False)
    clusters = []

    class Stacks:
        calls = []

        def create(self, **fields):
            self.calls.append(fields)
            return {'stack': {'id': 'stack-%d' % len(self.calls)}}

    class Keystone:
        trustee_domain_id = 'trustee-domain'

    class Clients:
        stacks = Stacks()

        def __init__(self, context):
            pass

        def keystone(self):
            return Keystone()

        def url_for(self, **kw):
            return 'https://keystone.example:5000'

        def magnum_url(self):
            return 'https://magnum.example:9511'

        def cinder_region_name(self):
            return 'RegionOne'

        def heat(self):
            return mock.Mock(stacks=self.stacks)

    state = {}

    def nodegroup_list(cls, context, cluster_id, limit=None, marker=None,
                       sort_key=None, sort_dir=None, filters=None):
        found = [n for n in state['nodegroups'] if n.cluster_id == cluster_id]
        for k, v in (filters or {}).items():
            found = [n for n in found if getattr(n, k) == v]
        return found

    patches = [
        mock.patch.object(objects.NodeGroup, 'list',
                          classmethod(nodegroup_list)),
        mock.patch('magnum.common.clients.OpenStackClients', Clients),
        mock.patch('magnum.common.nova.get_ssh_key',
                   return_value='ssh-ed25519 AAAAC3Nza demo@example'),
        mock.patch('magnum.common.keystone.is_octavia_enabled',
                   return_value=True),
    ]
    for p in patches:
        p.start()

    from magnum.drivers.common import driver as common_driver
    entry_points = {e.name: e for e in md.entry_points(group='magnum.drivers')}
    checks = []
    for name in names:
        assert name in entry_points, 'no entry point %s' % name
    # Every driver loads, together, through Magnum's own discovery.
    loaded = {name: common_driver.Driver.get_driver(
        'vm', 'fedora-coreos', 'kubernetes', driver_name=name)
        for name in names}
    tuples = common_driver.Driver.get_drivers()
    checks.append({'check': 'drivers load together', 'drivers': names,
                   'tuple_registered': bool(tuples.get(
                       ('vm', 'fedora-coreos', 'kubernetes')))})

    samples = []
    for fixed_network in (None, 'private-net'):
        for lb in (False, True):
            for fip in (False, True):
                for lb_label in ('false', 'true'):
                    samples.append((fixed_network, lb, fip, lb_label))
    requests = []
    for name, drv in loaded.items():
        seen = set()
        for n, (fixed_network, lb, fip, lb_label) in enumerate(samples):
            ct = objects.ClusterTemplate(
                ctx, uuid='11111111-2222-3333-4444-55555555555%d' % (n % 10),
                name='ct', coe='kubernetes', server_type='vm',
                cluster_distro='fedora-coreos', driver=name,
                image_id='fcos-image', flavor_id='m1.medium',
                master_flavor_id='m1.large', keypair_id='kp',
                external_network_id='public', fixed_network=fixed_network,
                fixed_subnet='private-subnet' if fixed_network else None,
                network_driver='calico', volume_driver='cinder',
                dns_nameserver='10.0.0.53', docker_volume_size=None,
                docker_storage_driver='overlay2',
                http_proxy='http://u:p"%\'$\\@proxy.example:3128',
                https_proxy='http://proxy.example:3128',
                no_proxy='localhost,.example', registry_enabled=False,
                tls_disabled=False, public=False, insecure_registry=None,
                master_lb_enabled=lb, floating_ip_enabled=fip, hidden=False,
                labels={}, tags='', apiserver_port=None)
            labels = {'master_lb_floating_ip_enabled': lb_label,
                      'etcd_volume_size': '5'}
            uuid = '5d12f6fd-a196-4bf0-ae4c-1f639a52%04d' % n
            cluster = objects.Cluster(
                ctx, uuid=uuid, name='demo.cluster_%d' % n, project_id='p1',
                user_id='u1', cluster_template_id=ct.uuid, keypair='kp',
                docker_volume_size=20, labels=labels, master_flavor_id=None,
                flavor_id=None, stack_id=None, status='CREATE_IN_PROGRESS',
                create_timeout=60, api_address=None, discovery_url=None,
                trust_id='trust-1', trustee_username='trustee',
                trustee_password='pa"ss\n%\'$', trustee_user_id='tu1',
                coe_version=None, fixed_network=None, fixed_subnet=None,
                floating_ip_enabled=fip, master_lb_enabled=lb,
                ca_cert_ref=None, magnum_cert_ref=None,
                etcd_ca_cert_ref=None, front_proxy_ca_cert_ref=None)
            cluster.cluster_template = ct

            def nodegroup(role, count, flavor, index):
                return objects.NodeGroup(
                    ctx, uuid='aaaaaaaa-0000-0000-0000-%012d' % (n * 2 + index),
                    name='default-%s' % role, cluster_id=uuid,
                    project_id='p1', docker_volume_size=20, labels=labels,
                    flavor_id=flavor, image_id='fcos-image',
                    node_addresses=[], node_count=count, role=role,
                    max_node_count=None, min_node_count=1, is_default=True,
                    stack_id=None, status='CREATE_IN_PROGRESS',
                    status_reason=None, version=None)
            state['nodegroups'] = [nodegroup('master', 3, 'm1.large', 0),
                                   nodegroup('worker', 2, 'm1.medium', 1)]
            with mock.patch('magnum.conductor.utils.retrieve_cluster_template',
                            return_value=ct):
                drv.create_cluster(ctx, cluster, cluster_create_timeout=None)
            fields = Stacks.calls[-1]
            key = tuple(os.path.basename(e) for e in fields['environment_files'])
            if key in seen:
                continue
            seen.add(key)
            decoded = fields['parameters'].get('http_proxy')
            requests.append({
                'driver': name,
                'environments': list(key),
                'template': fields['template'],
                'files': {k: (v.decode() if isinstance(v, bytes) else v)
                          for k, v in fields['files'].items()},
                'environment_files': fields['environment_files'],
                'parameters': fields['parameters'],
                'timeout_mins': fields['timeout_mins'],
                'proxy_round_trip': _unquote(decoded) == ct.http_proxy,
                'stack_name': fields['stack_name'],
                # As heatclient's SessionClient serialises it.
                'body': jsonutils.dumps(fields),
                'request_bytes': len(jsonutils.dumps(fields).encode()),
                'root_template_chars': len(str(fields['template'])),
            })
    with open(out, 'w') as f:
        json.dump({'checks': checks, 'requests': requests}, f, default=str)
    return 0


def _unquote(value):
    import urllib.parse
    return urllib.parse.unquote(value or '')


# ------------------------------------------------------------- user data ---

def userdata_stage(path):
    import logging
    import warnings
    warnings.filterwarnings('ignore')
    logging.disable(logging.CRITICAL)

    from heat.common import context as heat_context
    from heat.engine import environment
    from heat.engine import resources
    from heat.engine import stack as parser
    from heat.engine import template as templatem
    from heatclient.common import template_utils
    from novaclient.v2 import servers
    from oslo_config import cfg

    cfg.CONF([], project='heat', default_config_files=[])
    cfg.CONF.set_override('environment_dir', tempfile.mkdtemp())
    resources.initialise()
    ctx = heat_context.RequestContext(is_admin=True, project_id='p1',
                                      user_id='u1')
    with open(path) as f:
        cases = json.load(f)
    for case in cases:
        # The client reads the template and its get_file targets.
        files, template = template_utils.get_template_contents(
            template_file=case['template'])
        # Heat gets the files through the JSON body: text, not bytes.
        files = {k: (v.decode() if isinstance(v, bytes) else v)
                 for k, v in files.items()}
        env = environment.Environment({'parameters': case['parameters']})
        tmpl = templatem.Template(template, files=files, env=env)
        stack = parser.Stack(ctx, 'hotc-userdata', tmpl)
        server = stack['server']
        user_data = server.properties['user_data']
        fmt = server.properties['user_data_format']
        sent = server.client_plugin().build_userdata(
            {}, user_data, user_data_format=fmt)
        print(json.dumps({
            'case': case['name'],
            'user_data': sent,
            'nova_base64_bytes': len(servers.ServerManager.transform_userdata(
                sent)),
        }, sort_keys=True))
    return 0


# ------------------------------------------------------------------ Heat ---

def heat_stage(path):
    import copy
    import logging
    import warnings
    warnings.filterwarnings('ignore')
    logging.disable(logging.CRITICAL)

    from heat.common import context as heat_context
    from heat.common import environment_format as env_fmt
    from heat.common import environment_util as env_util
    from heat.common import messaging
    from heat.engine import constraints
    from heat.engine import environment
    from heat.engine import resource
    from heat.engine import resources
    from heat.engine import stack as parser
    from heat.engine import template as templatem
    from oslo_config import cfg

    # Offline: every service is in the catalog, client-backed constraints
    # (flavors, images, networks) pass, the RPC transport is in memory, and
    # a plugin check that would call a service falls back to Heat's generic
    # resource validation.
    resource.Resource.is_service_available = classmethod(
        lambda cls, context: (True, None))
    constraints.BaseCustomConstraint.validate = (
        lambda self, value, context: True)
    cfg.CONF([], project='heat', default_config_files=[])
    cfg.CONF.set_override('environment_dir', tempfile.mkdtemp())
    messaging.setup('fake://')

    class NoCloud(Exception):
        pass

    def no_cloud(self):
        raise NoCloud()
    heat_context.RequestContext.keystone_session = property(no_cloud)
    heat_context.RequestContext.auth_plugin = property(no_cloud)
    resources.initialise()

    def guard(cls):
        original = cls.__dict__.get('validate')
        if original is None:
            return

        def validate(self, *a, **kw):
            try:
                return original(self, *a, **kw)
            except NoCloud:
                return resource.Resource.validate_template(self)
        cls.validate = validate

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)
    for cls in set(subclasses(resource.Resource)):
        guard(cls)
    ctx = heat_context.RequestContext(is_admin=True, project_id='p1',
                                      user_id='u1')

    def validate(template, files, env_files, parameters, mode):
        params = {}
        env_fmt.default_for_missing(params)
        params[env_fmt.PARAMETERS].update(parameters)
        tmpl = templatem.Template(copy.deepcopy(template), files=files)
        env_util.merge_environments(list(env_files), files, params,
                                    tmpl.all_param_schemata(files))
        tmpl.env = environment.Environment(params)
        tmpl.validate()
        if mode == 'api':
            stack = parser.Stack(ctx, 'hotc-conformance', tmpl,
                                 strict_validate=False)
            stack.validate(validate_res_tmpl_only=True)
        else:
            stack = parser.Stack(ctx, 'hotc-conformance', tmpl)
            stack.validate()

    with open(path) as f:
        doc = json.load(f)
    passed = failed = 0

    def report(record, ok):
        nonlocal passed, failed
        record['ok'] = ok
        print(json.dumps(record, sort_keys=True))
        if ok:
            passed += 1
        else:
            failed += 1

    for check in doc['checks']:
        report(dict(check), bool(check.get('tuple_registered')))
    by_driver = {}
    for request in doc['requests']:
        by_driver.setdefault(request['driver'], []).append(request)
        report({'check': 'percent-encoded proxy decodes to the value sent',
                'driver': request['driver']}, request['proxy_round_trip'])
        report({'check': 'request within max_json_body_size',
                'driver': request['driver'],
                'bytes': request['request_bytes']},
               request['request_bytes'] <= 1048576)
        for mode in ('api', 'strict'):
            record = {'check': 'Heat accepts the request', 'mode': mode,
                      'driver': request['driver'],
                      'environments': request['environments']}
            try:
                validate(request['template'], request['files'],
                         request['environment_files'],
                         request['parameters'], mode)
                report(record, True)
            except Exception as ex:  # Heat's own message
                record['error'] = '%s: %s' % (type(ex).__name__, ex)
                report(record, False)
    # The root template alone and with each environment file alone, with the
    # values of a request as user parameters.
    for driver, reqs in sorted(by_driver.items()):
        sample = reqs[0]
        env_urls = sorted({e for r in reqs for e in r['environment_files']})
        files = {}
        for r in reqs:
            files.update(r['files'])
        for envs in [[]] + [[e] for e in env_urls]:
            for mode in ('api', 'strict'):
                record = {'check': 'Heat accepts the root template',
                          'mode': mode, 'driver': driver,
                          'environments': [os.path.basename(e) for e in envs]}
                try:
                    validate(sample['template'], files, envs,
                             sample['parameters'], mode)
                    report(record, True)
                except Exception as ex:
                    record['error'] = '%s: %s' % (type(ex).__name__, ex)
                    report(record, False)
    print('conformance: %d passed, %d failed' % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
