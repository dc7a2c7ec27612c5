#!/usr/bin/env python3
"""Writes the facts that ../shared/heat-catalog/heat-resource-types.json lacks,
read from OpenStack Heat itself, so that the catalog importer can complete it.

Run it with the Python of a virtualenv holding openstack-heat (the Heat oracle's
venv, see scripts/test-deps.sh):

    python=$(../shared/tools/heat-oracle/setup.sh)
    PYTHONHASHSEED=0 $python scripts/heat-catalog-supplement.py \
        ../shared/heat-catalog/heat-resource-types.json \
        > stdlib/catalog/sources/heat-27.0.1-supplement.json

It compares every property schema (resource properties and update policies) of
the installed Heat with the shared facts file and records:

- "missing": property schemas the facts file leaves out (it dropped every
  property named `description` and the `class` key of RandomString's
  character_classes), in the facts file's own shape;
- "defaults": defaults that differ from Heat's;
- "replaced_by": properties whose value Heat moves into another property of
  the same map before validating, skipping their own checks (translation
  rules of kind REPLACE), e.g. OS::Neutron::Port `network_id` -> `network`.

Paths are property names joined with "/", "*" standing for a list item; the
first segment is "properties" or "update_policy".
"""
import json
import logging
import sys
import warnings

warnings.filterwarnings('ignore')
logging.disable(logging.CRITICAL)

from oslo_config import cfg  # noqa: E402

from heat.common import context  # noqa: E402
from heat.common import messaging  # noqa: E402
from heat.engine import properties  # noqa: E402
from heat.engine import resources  # noqa: E402
from heat.engine import rsrc_defn  # noqa: E402
from heat.engine import stack  # noqa: E402
from heat.engine import template  # noqa: E402
from heat.engine import translation  # noqa: E402


def support(s):
    if s is None:
        return None
    return {'previous_status': support(s.previous_status),
            'status': s.status, 'version': s.version}


def constraint(c):
    d = dict(c)
    d.pop('description', None)
    (kind, value), = d.items()
    out = {'kind': kind}
    if kind in ('range', 'length', 'modulo'):
        out.update(value)
    elif kind == 'allowed_values':
        out['values'] = list(value)
    elif kind == 'allowed_pattern':
        out['pattern'] = value
    else:
        out['name'] = value
    return out


def shape(s):
    """A live property schema in the facts file's shape."""
    d = {'constraints': [constraint(c) for c in s.constraints],
         'default': s.default, 'immutable': s.immutable,
         'implemented': s.implemented, 'required': s.required,
         'support_status': support(s.support_status),
         'type': s.type.lower(), 'update_allowed': s.update_allowed}
    if s.schema is not None:
        d['schema'] = {str(k): shape(v) for k, v in s.schema.items()}
    return d


def compare(path, live, facts, out):
    """Records what `facts` (a dict of name -> facts schema) lacks of `live`."""
    for name, schema in live.items():
        here = path + '/' + str(name)
        if str(name) not in facts:
            out['missing'][here] = shape(schema)
            continue
        known = facts[str(name)]
        if schema.default != known.get('default'):
            out['defaults'][here] = schema.default
        if schema.schema is not None:
            compare(here, dict(schema.schema.items()),
                    known.get('schema') or {}, out)


def replacement_paths(res, schema_map):
    """(path of the replaced property, name of its replacement) per REPLACE rule."""
    try:
        rules = res.translation_rules(res.properties) or []
    except Exception:
        return []
    found = []
    for rule in rules:
        if rule.rule != translation.TranslationRule.REPLACE:
            continue
        if getattr(rule, 'custom_value_path', None):
            continue  # moves one key of a map: not a property alias
        target = list(rule.translation_path)
        if rule.value_name is not None:
            source = target[:-1] + [rule.value_name]
        elif rule.value_path is not None and len(rule.value_path) == len(target):
            source = list(rule.value_path)
        else:
            continue
        if source[:-1] != target[:-1]:
            continue
        # Spell the path with "*" for list items.
        segments, schemata = ['properties'], schema_map
        for name in source[:-1]:
            schema = schemata[name]
            segments.append(name)
            if schema.type == properties.Schema.LIST:
                segments.append('*')
                schema = schema.schema['*']
            schemata = dict(schema.schema.items())
        segments.append(source[-1])
        found.append(('/'.join(segments), target[-1]))
    return found


def main():
    facts = json.load(open(sys.argv[1]))
    # No configuration files, no message bus: plugins load offline.
    cfg.CONF([], project='heat', default_config_files=[])
    messaging.setup('fake://')
    resources.initialise()
    env = resources.global_env()
    ctx = context.RequestContext(is_admin=True, project_id='supplement')
    tmpl = template.Template({'heat_template_version': '2018-08-31'})
    dummy = stack.Stack(ctx, 'supplement', tmpl)
    out = {'format': 'hotc-heat-supplement/1',
           'heat_version': facts['heat_version'],
           'missing': {}, 'defaults': {}, 'replaced_by': {}}
    for type_name in sorted(facts['resource_types']):
        known = facts['resource_types'][type_name]
        cls = env.get_class(type_name)
        found = {'missing': {}, 'defaults': {}}
        props = properties.schemata(cls.properties_schema)
        compare('properties', props, known['properties'], found)
        policies = properties.schemata(cls.update_policy_schema or {})
        compare('update_policy', policies, known['update_policy'] or {}, found)
        for key in ('missing', 'defaults'):
            if found[key]:
                out[key][type_name] = found[key]
        try:
            res = cls('r', rsrc_defn.ResourceDefinition('r', type_name, {}),
                      dummy)
        except Exception as e:
            # Only a few plugins need property values to be built; none of
            # them has REPLACE rules in 27.0.1 (say so, to be checked).
            sys.stderr.write('%s: translation rules not read (%s)\n'
                             % (type_name, e))
            continue
        replaced = dict(replacement_paths(res, props))
        if replaced:
            out['replaced_by'][type_name] = replaced
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
