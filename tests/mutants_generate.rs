//! The mutant generator: each kind puts its fault on the right line, alters
//! one thing only, and does so deterministically; and the committed Heat
//! labels (`tests/expectations/`) still name exactly the mutants the
//! generator makes from the corpus.

#[path = "support/mutants.rs"]
mod mutants;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use mutants::{Mutant, MutantKind};

const STACK: &str = "\
heat_template_version: 2016-10-14
description: Small stack
parameters:
  size:
    type: number
    default: 2
    constraints:
      - range: {min: 1, max: 4}
  flavor:
    type: string
    default: 'm1.small'
    constraints:
      - allowed_values: [m1.small, m1.large]
conditions:
  big: {equals: [{get_param: size}, 4]}
resources:
  net:
    type: OS::Neutron::Net
  port:
    type: OS::Neutron::Port
    properties:
      network: {get_resource: net}
  server:
    type: OS::Nova::Server
    condition: big
    depends_on: port
    properties:
      flavor: {get_param: flavor}
      networks:
        - port: {get_attr: [port, show, id]}
outputs:
  address:
    value: {if: [big, {get_attr: [server, first_address]}, none]}
";

fn of_kind(kind: MutantKind, path: &str, text: &str) -> Vec<Mutant> {
    mutants::mutants(path, text)
        .into_iter()
        .filter(|mutant| mutant.kind == kind)
        .collect()
}

/// `text` with 1-based line `line` replaced by `with`.
fn replace_line(text: &str, line: usize, with: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(index, old)| {
            if index + 1 == line {
                format!("{with}\n")
            } else {
                format!("{old}\n")
            }
        })
        .collect()
}

/// `text` with `with` inserted as 1-based line `line`.
fn insert_line(text: &str, line: usize, with: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(|old| format!("{old}\n")).collect();
    lines.insert(line - 1, format!("{with}\n"));
    lines.concat()
}

/// The (line, text of that line) of each mutant.
fn faults(found: &[Mutant]) -> Vec<(usize, String)> {
    found
        .iter()
        .map(|mutant| {
            let text = mutant.text.lines().nth(mutant.line - 1).unwrap_or_default();
            (mutant.line, text.to_string())
        })
        .collect()
}

fn owned(expected: &[(usize, &str)]) -> Vec<(usize, String)> {
    expected
        .iter()
        .map(|(line, text)| (*line, text.to_string()))
        .collect()
}

#[test]
fn misspelt_resource_reference_changes_a_get_resource_or_get_attr_target() {
    let found = of_kind(MutantKind::MisspeltResourceReference, "t.yaml", STACK);
    // Three candidates (net, port, server); two are kept, first and last.
    assert_eq!(
        faults(&found),
        owned(&[
            (22, "      network: {get_resource: neu}"),
            (
                33,
                "    value: {if: [big, {get_attr: [serves, first_address]}, none]}"
            ),
        ])
    );
    assert_eq!(
        found[0].text,
        replace_line(STACK, 22, "      network: {get_resource: neu}")
    );
    assert_eq!(found[0].id, "t.yaml#misspelt-resource-reference#0");
    assert_eq!(found[1].id, "t.yaml#misspelt-resource-reference#1");
}

#[test]
fn undeclared_parameter_changes_a_get_param_name() {
    let found = of_kind(MutantKind::UndeclaredParameter, "t.yaml", STACK);
    assert_eq!(
        faults(&found),
        owned(&[
            (15, "  big: {equals: [{get_param: sizf}, 4]}"),
            (28, "      flavor: {get_param: flavos}"),
        ])
    );
}

#[test]
fn depends_on_target_changes_a_target() {
    let found = of_kind(MutantKind::DependsOnTarget, "t.yaml", STACK);
    assert_eq!(faults(&found), owned(&[(26, "    depends_on: poru")]));
    assert_eq!(
        found[0].text,
        replace_line(STACK, 26, "    depends_on: poru")
    );
}

#[test]
fn unknown_section_misspells_one_top_level_key() {
    let found = of_kind(MutantKind::UnknownSection, "t.yaml", STACK);
    // Sections: description, parameters, conditions, resources, outputs.
    assert_eq!(faults(&found), owned(&[(14, "condition:")]));
}

#[test]
fn bad_version_becomes_a_date_that_is_no_version() {
    let found = of_kind(MutantKind::BadVersion, "t.yaml", STACK);
    assert_eq!(
        faults(&found),
        owned(&[(1, "heat_template_version: 2016-10-15")])
    );
    let named = "heat_template_version: 'rocky'\nresources: {}\n";
    let found = of_kind(MutantKind::BadVersion, "t.yaml", named);
    assert_eq!(
        faults(&found),
        owned(&[(1, "heat_template_version: '2018-08-30'")])
    );
    let unknown = "heat_template_version: 2099-01-01\n";
    assert!(of_kind(MutantKind::BadVersion, "t.yaml", unknown).is_empty());
}

#[test]
fn bad_parameter_type_misspells_a_type() {
    let found = of_kind(MutantKind::BadParameterType, "t.yaml", STACK);
    // Two candidates; the one kept is the second.
    assert_eq!(faults(&found), owned(&[(10, "    type: strng")]));
}

#[test]
fn constraint_violating_default_breaks_range_and_allowed_values() {
    let found = of_kind(MutantKind::ConstraintViolatingDefault, "t.yaml", STACK);
    assert_eq!(
        faults(&found),
        owned(&[(6, "    default: 5"), (11, "    default: m1.smallx")])
    );
    assert_eq!(
        found[1].text,
        replace_line(STACK, 11, "    default: m1.smallx")
    );
}

#[test]
fn constraint_violating_default_reads_block_constraints_and_length() {
    let text = "\
heat_template_version: 2018-08-31
parameters:
  name:
    type: string
    default: abc # a comment
    constraints:
      - length:
          min: 2
          max: 4
        description: two to four letters
  mode:
    type: string
    default: \"fast\"
    constraints:
      - allowed_pattern: '[a-z]+'
      - allowed_values:
        - fast
        - fastx
  count:
    type: number
    default: 3
    constraints:
      - range: {min: 2}
  free:
    type: string
    default: anything
";
    let found = of_kind(MutantKind::ConstraintViolatingDefault, "t.yaml", text);
    assert_eq!(
        faults(&found),
        owned(&[
            (5, "    default: xxxxx # a comment"),
            (21, "    default: 1"),
        ])
    );
    // Capped at two: the middle candidate, `mode`, is checked on its own.
    let mode = text
        .lines()
        .skip(10)
        .take(8)
        .fold("parameters:\n".to_string(), |text, line| text + line + "\n");
    assert_eq!(
        faults(&of_kind(
            MutantKind::ConstraintViolatingDefault,
            "t.yaml",
            &mode
        )),
        owned(&[(4, "    default: fastxx")])
    );
}

#[test]
fn added_cycle_inserts_depends_on_in_the_referenced_resource() {
    let found = of_kind(MutantKind::AddedCycle, "t.yaml", STACK);
    // `port` references `net`; `server` references `port` (twice).
    assert_eq!(
        faults(&found),
        owned(&[(18, "    depends_on: port"), (20, "    depends_on: server")])
    );
    assert_eq!(
        found[0].text,
        insert_line(STACK, 18, "    depends_on: port")
    );
}

#[test]
fn added_cycle_skips_resources_that_already_depend_on_something() {
    let text = "\
heat_template_version: 2015-04-30
resources:
  a:
    type: OS::Heat::None
    depends_on: c
  b:
    type: OS::Heat::None
    properties:
      x: {get_resource: a}
  c:
      type: OS::Heat::None
";
    let found = of_kind(MutantKind::AddedCycle, "t.yaml", text);
    assert_eq!(
        faults(&found),
        owned(&[(11, "      depends_on: a")]),
        "a already has depends_on; c gets one, at its own indentation"
    );
}

#[test]
fn undefined_condition_changes_a_condition_or_if_name() {
    let found = of_kind(MutantKind::UndefinedCondition, "t.yaml", STACK);
    assert_eq!(
        faults(&found),
        owned(&[
            (25, "    condition: bih"),
            (
                33,
                "    value: {if: [bih, {get_attr: [server, first_address]}, none]}"
            ),
        ])
    );
}

#[test]
fn block_sequences_and_quoted_names_are_found() {
    let text = "\
heat_template_version: rocky
parameters:
  Role:
    type: json
resources:
  \"the-config\":
    type: OS::Heat::Value
    properties:
      value:
        get_param:
          - Role
          - name
  user:
    type: OS::Heat::Value
    depends_on:
      - 'the-config'
    properties:
      value:
        get_attr:
        - \"the-config\"
        - value
";
    assert_eq!(
        faults(&of_kind(MutantKind::UndeclaredParameter, "t.yaml", text)),
        owned(&[(11, "          - Rolf")])
    );
    assert_eq!(
        faults(&of_kind(
            MutantKind::MisspeltResourceReference,
            "t.yaml",
            text
        )),
        owned(&[(20, "        - \"the-confih\"")])
    );
    assert_eq!(
        faults(&of_kind(MutantKind::DependsOnTarget, "t.yaml", text)),
        owned(&[(16, "      - 'the-confih'")])
    );
}

#[test]
fn block_scalars_comments_and_parameter_defaults_are_not_mutated() {
    let text = "\
heat_template_version: 2015-04-30
parameters:
  p:
    type: json
    default: {get_param: p}
resources:
  r:
    type: OS::Heat::SoftwareConfig
    properties:
      # config: {get_param: p}
      config: |
        {get_param: p}
        get_resource: r
      inputs:
        - |
          get_param: p
        - name: {get_resource: r} # get_param: p
outputs:
  o:
    value: \"{get_param: p}\"
";
    let found = mutants::mutants("t.yaml", text);
    let references: Vec<&Mutant> = found
        .iter()
        .filter(|mutant| {
            matches!(
                mutant.kind,
                MutantKind::UndeclaredParameter | MutantKind::MisspeltResourceReference
            )
        })
        .collect();
    assert_eq!(references.len(), 1, "{references:#?}");
    assert_eq!(references[0].line, 17);
    assert_eq!(
        references[0].text.lines().nth(16),
        Some("        - name: {get_resource: s} # get_param: p")
    );
}

#[test]
fn duplicate_keys_mutate_only_what_heat_keeps() {
    let text = "\
heat_template_version: 2015-04-30
parameters:
  p:
    type: string
  p:
    type: number
resources:
  r:
    type: OS::Heat::None
";
    assert_eq!(
        faults(&of_kind(MutantKind::BadParameterType, "t.yaml", text)),
        owned(&[(6, "    type: numbr")])
    );
}

#[test]
fn misspellings_avoid_existing_names() {
    let text = "\
heat_template_version: 2015-04-30
resources:
  ab:
    type: OS::Heat::None
  ac:
    type: OS::Heat::None
    properties:
      x: {get_resource: ab}
";
    let found = of_kind(MutantKind::MisspeltResourceReference, "t.yaml", text);
    // `ab` would become `ac`, which exists.
    assert_eq!(faults(&found), owned(&[(8, "      x: {get_resource: ad}")]));
}

#[test]
fn odd_input_yields_few_mutants_and_no_panic() {
    for text in [
        "",
        "\n",
        "heat_template_version:",
        "heat_template_version: 2015-04-30\nresources:\n  a:\n",
        "resources:\n  a: {get_resource: a}\n  \"b\n",
        "parameters:\n  p:\n    default: '\n    constraints:\n      - range:\n",
        "\u{feff}héllo: wörld\n  - |\n\t{get_param: [\n",
    ] {
        for mutant in mutants::mutants("t.yaml", text) {
            assert_single_fault(text, &mutant);
        }
    }
    assert!(mutants::mutants("t.yaml", "").is_empty());
}

#[test]
fn crlf_line_ends_are_kept() {
    let text = STACK.replace('\n', "\r\n");
    for mutant in mutants::mutants("t.yaml", &text) {
        assert_eq!(
            mutant.text.matches('\n').count(),
            mutant.text.matches("\r\n").count(),
            "{}",
            mutant.id
        );
        assert_single_fault(&text, &mutant);
    }
}

// ---------------------------------------------------------------------------
// Kinds across files and against the catalog
// ---------------------------------------------------------------------------

const TREE: &str = "\
heat_template_version: 2018-08-31
parameters:
  image:
    type: string
resources:
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      group: script
      config: {get_file: scripts/setup.sh}
  node:
    type: node.yaml
    properties:
      flavor: m1.small
      image: {get_param: image}
  nodes:
    type: OS::Heat::ResourceGroup
    properties:
      count: 2
      resource_def:
        type: node.yaml
        properties:
          flavor: m1.large
  key:
    type: OS::Nova::KeyPair
    properties:
      name: {get_param: image}
      save_private_key: true
  random:
    type: OS::Heat::RandomString
    properties:
      length: 8
outputs:
  address:
    value: {get_attr: [node, address]}
  secret:
    value:
      get_attr:
        - random
        - value
";

const NODE: &str = "\
heat_template_version: 2018-08-31
parameters:
  flavor:
    type: string
  image:
    type: string
    default: fedora
outputs:
  address:
    value: 10.0.0.1
";

/// Files beside the template, by relative path.
struct Files<'a>(&'a [(&'a str, &'a str)]);

impl mutants::Neighbours for Files<'_> {
    fn read(&self, relative: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(path, _)| *path == relative)
            .map(|(_, text)| text.to_string())
    }
}

const TREE_FILES: Files<'static> =
    Files(&[("node.yaml", NODE), ("scripts/setup.sh", "#!/bin/sh\n")]);

fn of_kind_in(kind: MutantKind, text: &str, files: &Files) -> Vec<Mutant> {
    mutants::mutants_in_tree("t.yaml", text, files)
        .into_iter()
        .filter(|mutant| mutant.kind == kind)
        .collect()
}

/// `text` without 1-based line `line`.
fn remove_line(text: &str, line: usize) -> String {
    text.lines()
        .enumerate()
        .filter(|(index, _)| index + 1 != line)
        .map(|(_, old)| format!("{old}\n"))
        .collect()
}

#[test]
fn missing_get_file_target_changes_a_letter_of_an_existing_file_name() {
    let found = of_kind_in(MutantKind::MissingGetFileTarget, TREE, &TREE_FILES);
    assert_eq!(
        faults(&found),
        owned(&[(10, "      config: {get_file: scripts/setuq.sh}")])
    );
    // Without the file, nothing: the original would not load either.
    assert!(of_kind_in(MutantKind::MissingGetFileTarget, TREE, &Files(&[])).is_empty());
    // The misspelt name is no other file of the tree.
    let crowded = Files(&[("scripts/setup.sh", ""), ("scripts/setuq.sh", "")]);
    assert_eq!(
        faults(&of_kind_in(
            MutantKind::MissingGetFileTarget,
            TREE,
            &crowded
        )),
        owned(&[(10, "      config: {get_file: scripts/setur.sh}")])
    );
}

#[test]
fn unknown_nested_property_misspells_a_parameter_given_to_a_template() {
    let found = of_kind_in(MutantKind::UnknownNestedProperty, TREE, &TREE_FILES);
    // Three candidates (node's flavor and image, the group member's flavor).
    assert_eq!(
        faults(&found),
        owned(&[
            (14, "      flavos: m1.small"),
            (23, "          flavos: m1.large")
        ])
    );
    assert_eq!(
        found[0].text,
        replace_line(TREE, 14, "      flavos: m1.small")
    );
    // Without the nested template there is nothing to misspell against.
    assert!(of_kind_in(MutantKind::UnknownNestedProperty, TREE, &Files(&[])).is_empty());
}

#[test]
fn missing_nested_parameter_removes_a_property_without_default_and_points_at_the_type() {
    let found = of_kind_in(MutantKind::MissingNestedParameter, TREE, &TREE_FILES);
    // `image` has a default in node.yaml, and the group's members are not
    // validated with their properties: only `node`'s `flavor` goes.
    let lines: Vec<(usize, Option<usize>)> = found
        .iter()
        .map(|mutant| (mutant.line, mutant.removed))
        .collect();
    assert_eq!(lines, [(12, Some(14))]);
    assert_eq!(found[0].text, remove_line(TREE, 14));
    assert_eq!(found[0].text.lines().nth(11), Some("    type: node.yaml"));
    assert_single_fault(TREE, &found[0]);
    // A parameter written in flow style is not read: nothing is removed.
    let flow = NODE.replace(
        "  flavor:\n    type: string\n",
        "  flavor: {type: string}\n",
    );
    let files = [("node.yaml", flow.as_str())];
    assert!(
        mutants::mutants_in_tree("t.yaml", TREE, &Files(&files))
            .iter()
            .all(|mutant| mutant.kind != MutantKind::MissingNestedParameter)
    );
}

#[test]
fn removed_lines_keep_the_fault_on_the_type_when_it_comes_after() {
    let text = "\
heat_template_version: 2018-08-31
resources:
  key:
    properties:
      name: mykey
      public_key: ssh-ed25519 AAAA
    type: OS::Nova::KeyPair
";
    let found = of_kind(MutantKind::RemovedRequiredProperty, "t.yaml", text);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].removed), (6, Some(5)));
    assert_eq!(
        found[0].text.lines().nth(5),
        Some("    type: OS::Nova::KeyPair")
    );
}

#[test]
fn unknown_nested_output_misspells_an_output_of_the_nested_template() {
    let found = of_kind_in(MutantKind::UnknownNestedOutput, TREE, &TREE_FILES);
    assert_eq!(
        faults(&found),
        owned(&[(35, "    value: {get_attr: [node, addrest]}")])
    );
}

#[test]
fn misspelt_type_changes_a_known_type_into_an_unknown_one() {
    let found = of_kind_in(MutantKind::MisspeltType, TREE, &TREE_FILES);
    // Four catalog types (the template types are not); two are kept.
    assert_eq!(
        faults(&found),
        owned(&[
            (17, "    type: OS::Heat::ResourceGrouq"),
            (30, "    type: OS::Heat::RandomStrinh"),
        ])
    );
    let aliased = "\
heat_template_version: 2018-08-31
resources:
  net:
    type: OS::Quantum::Net
  unknown:
    type: OS::Nova::Servr
";
    // `OS::Quantum::Net` is an alias; `OS::Quantum::Neu` is known to no one.
    assert_eq!(
        faults(&of_kind(MutantKind::MisspeltType, "t.yaml", aliased)),
        owned(&[(4, "    type: OS::Quantum::Neu")])
    );
}

#[test]
fn misspelt_type_never_makes_another_known_type() {
    let catalog = mutants::Catalog::heat();
    assert!(catalog.knows("OS::Heat::None"));
    assert!(
        catalog.knows("OS::Quantum::Port"),
        "through the OS::Quantum* alias"
    );
    assert!(
        catalog.knows("AWS::CloudWatch::Alarm"),
        "an alias of a template"
    );
    assert!(!catalog.knows("OS::Quantum::Bogus"));
    for type_name in catalog.types.keys() {
        let text =
            format!("heat_template_version: 2018-08-31\nresources:\n  a:\n    type: {type_name}\n");
        let found = of_kind(MutantKind::MisspeltType, "t.yaml", &text);
        assert_eq!(found.len(), 1, "{type_name}");
        let line = found[0].text.lines().nth(3).unwrap();
        let misspelt = line.trim().strip_prefix("type: ").unwrap();
        assert!(!catalog.knows(misspelt), "{type_name} became {misspelt}");
    }
}

#[test]
fn unknown_property_misspells_into_no_property_of_the_type() {
    let found = of_kind_in(MutantKind::UnknownProperty, TREE, &TREE_FILES);
    // Seven candidates, in the catalog types only; two are kept.
    assert_eq!(
        faults(&found),
        owned(&[
            (10, "      confih: {get_file: scripts/setup.sh}"),
            (28, "      save_private_kez: true"),
        ])
    );
    let text = "\
heat_template_version: 2018-08-31
resources:
  port:
    type: OS::Neutron::Port
    properties:
      network: private
      networl: public
";
    // `networl` is no property; `network` must avoid `networl` and
    // `network_id` (a property): it becomes `networm`.
    assert_eq!(
        faults(&of_kind(MutantKind::UnknownProperty, "t.yaml", text)),
        owned(&[(6, "      networm: private")])
    );
}

#[test]
fn removed_required_property_removes_only_one_line_values() {
    let found = of_kind_in(MutantKind::RemovedRequiredProperty, TREE, &TREE_FILES);
    // `resource_def` is required too, but spans lines.
    let lines: Vec<(usize, Option<usize>)> = found
        .iter()
        .map(|mutant| (mutant.line, mutant.removed))
        .collect();
    assert_eq!(lines, [(25, Some(27))]);
    assert_eq!(found[0].text, remove_line(TREE, 27));
    let text = "\
heat_template_version: 2018-08-31
resources:
  a:
    type: OS::Nova::KeyPair
    properties:
      name: 'two
        lines'
  b:
    type: OS::Nova::KeyPair
    properties:
      name: [unclosed,
        list]
  c:
    type: OS::Nova::KeyPair
    properties:
      name: |
        text
  d:
    type: OS::Nova::KeyPair
    properties:
      name: &anchor named
      public_key: ssh-ed25519 AAAA
  e:
    type: OS::Nova::KeyPair
    properties:
      name: alone
";
    // Nor is the only property removed: `properties:` would be null.
    assert!(of_kind(MutantKind::RemovedRequiredProperty, "t.yaml", text).is_empty());
}

#[test]
fn unknown_attribute_misspells_a_fixed_attribute() {
    let found = of_kind_in(MutantKind::UnknownAttribute, TREE, &TREE_FILES);
    // `node` is a template resource and `nodes` a group: any name passes.
    assert_eq!(faults(&found), owned(&[(40, "        - valuf")]));
    let text = "\
heat_template_version: 2018-08-31
resources:
  group:
    type: OS::Heat::ResourceGroup
    properties:
      resource_def: {type: OS::Heat::None}
  volume:
    type: OS::Cinder::Volume
outputs:
  refs: {value: {get_attr: [group, refs]}}
  size: {value: {get_attr: [volume, size]}}
";
    assert_eq!(
        faults(&of_kind(MutantKind::UnknownAttribute, "t.yaml", text)),
        owned(&[(11, "  size: {value: {get_attr: [volume, sizf]}}")])
    );
}

#[test]
fn constraint_violating_literal_breaks_range_length_and_allowed_values() {
    let found = of_kind_in(MutantKind::ConstraintViolatingLiteral, TREE, &TREE_FILES);
    assert_eq!(
        faults(&found),
        owned(&[(19, "      count: -1"), (32, "      length: 513")])
    );
    let text = "\
heat_template_version: 2018-08-31
resources:
  key:
    type: OS::Nova::KeyPair
    properties:
      name: \"mykey\"
      type: ssh # a comment
  subnet:
    type: OS::Neutron::Subnet
    properties:
      network: private
      ip_version: 4
";
    let found = of_kind(MutantKind::ConstraintViolatingLiteral, "t.yaml", text);
    // Three candidates: a name longer than 255, a type not in [ssh, x509],
    // an ip_version not in [4, 6]; the middle one is left out.
    let long_name = format!("      name: {}", "x".repeat(256));
    assert_eq!(
        faults(&found),
        owned(&[(6, &long_name), (12, "      ip_version: 7")])
    );
    // A function call is no literal: the type's value is changed then.
    let called = replace_line(text, 6, "      name: {get_param: name}");
    assert_eq!(
        faults(&of_kind(
            MutantKind::ConstraintViolatingLiteral,
            "t.yaml",
            &called
        )),
        owned(&[
            (7, "      type: sshx # a comment"),
            (12, "      ip_version: 7")
        ])
    );
}

#[test]
fn catalog_reader_reads_the_format() {
    let catalog = mutants::Catalog::parse(
        "\
{\"catalog\":\"test\",\"format\":1}
# a comment

{\"alias\":\"Old::*\",\"target\":\"New::*\"}
{\"resource_type\":\"New::Thing\",\"dynamic_attributes\":true}
{\"property\":\"size\",\"type\":\"integer\",\"required\":true,\"constraints\":[{\"range\":{\"min\":1,\"max\":5}},{\"custom_constraint\":\"x\"}]}
{\"property\":\"mode\",\"type\":\"string\",\"default\":\"a\",\"constraints\":[{\"allowed_values\":[\"a\",\"b\\\"\\u00e9\\ud83d\\ude00\"]}]}
{\"update_policy\":\"rolling_update\",\"type\":\"map\"}
{\"attribute\":\"first\"}
not json
{\"resource_type\":\"New::Other\",\"accepts_any_properties\":true}
",
    );
    let thing = catalog.resolve("Old::Thing").expect("through the alias");
    assert!(thing.dynamic_attributes && !thing.accepts_any_properties);
    assert!(
        catalog
            .resolve("New::Other")
            .unwrap()
            .accepts_any_properties
    );
    let size = &thing.properties["size"];
    assert!(size.required && !size.has_default && size.implemented);
    assert_eq!(
        size.constraints,
        [mutants::Constraint::Range {
            min: Some(1.0),
            max: Some(5.0)
        }]
    );
    assert_eq!(
        thing.properties["mode"].constraints,
        [mutants::Constraint::AllowedValues(vec![
            "a".to_string(),
            "b\"é😀".to_string()
        ])]
    );
    assert_eq!(
        thing.attributes.iter().collect::<Vec<_>>(),
        [&"first".to_string()]
    );
    let heat = mutants::Catalog::heat();
    assert!(heat.types.len() > 150, "{} types", heat.types.len());
    assert!(heat.resolve("OS::Nova::Server").unwrap().properties["flavor"].required);
}

#[test]
fn json_reader_refuses_what_is_not_json() {
    use mutants::Json;
    assert_eq!(
        Json::parse(" {\"a\": [1, -2.5e1, true, null, \"\\n\"]} "),
        Some(Json::Object(vec![(
            "a".to_string(),
            Json::List(vec![
                Json::Number(1.0),
                Json::Number(-25.0),
                Json::Bool(true),
                Json::Null,
                Json::Text("\n".to_string())
            ])
        )]))
    );
    for bad in [
        "",
        "{",
        "{\"a\" 1}",
        "[1,]",
        "\"\\x\"",
        "\"\\ud83d\"",
        "tru",
        "1 2",
        &"[".repeat(10_000),
    ] {
        assert_eq!(Json::parse(bad), None, "{bad:.20}");
    }
}

#[test]
fn tree_neighbours_stay_inside_the_root() {
    use mutants::Neighbours;
    let root = std::env::temp_dir().join(format!("hotc-neighbours-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("tree/a/b")).expect("create test folders");
    fs::write(root.join("tree/a/x.sh"), "x").expect("write test file");
    fs::write(root.join("outside.sh"), "o").expect("write test file");
    let neighbours = mutants::TreeNeighbours {
        root: root.join("tree"),
        folder: root.join("tree/a/b"),
    };
    assert_eq!(neighbours.read("../x.sh").as_deref(), Some("x"));
    assert!(neighbours.exists("./../b/../x.sh"));
    assert!(!neighbours.exists("../../../outside.sh"));
    assert!(!neighbours.exists(&root.join("outside.sh").to_string_lossy()));
    assert!(!neighbours.exists("file:///etc/hostname"));
    assert!(!neighbours.exists("x.sh"));
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn every_kind_is_exercised_and_ids_are_unique_and_stable() {
    let mut kinds = BTreeSet::new();
    for (text, files) in [(STACK, &Files(&[])), (TREE, &TREE_FILES)] {
        let first = mutants::mutants_in_tree("dir/t.yaml", text, files);
        let second = mutants::mutants_in_tree("dir/t.yaml", text, files);
        assert_eq!(first, second);
        kinds.extend(first.iter().map(|mutant| mutant.kind));
        let ids: BTreeSet<&str> = first.iter().map(|mutant| mutant.id.as_str()).collect();
        assert_eq!(ids.len(), first.len());
        for mutant in &first {
            assert!(mutant.id.starts_with("dir/t.yaml#"), "{}", mutant.id);
            assert!(mutant.id.contains(mutant.kind.name()), "{}", mutant.id);
            assert_eq!(MutantKind::from_name(mutant.kind.name()), Some(mutant.kind));
            assert!(!mutant.description.is_empty());
            assert!(
                of_kind_in(mutant.kind, text, files).len() <= mutant.kind.cap(),
                "{}",
                mutant.id
            );
            assert_single_fault(text, mutant);
        }
    }
    assert_eq!(kinds, MutantKind::ALL.into_iter().collect());
    // The two groups the recall test asserts on do not overlap.
    let grouped: BTreeSet<MutantKind> = MutantKind::CROSS_FILE
        .into_iter()
        .chain(MutantKind::CATALOG)
        .collect();
    assert_eq!(
        grouped.len(),
        MutantKind::CROSS_FILE.len() + MutantKind::CATALOG.len()
    );
}

/// The mutant differs from `original` on its fault line only: that line is
/// changed, or inserted; or it lacks the one line it says it removes.
fn assert_single_fault(original: &str, mutant: &Mutant) {
    let before: Vec<&str> = original.split('\n').collect();
    let after: Vec<&str> = mutant.text.split('\n').collect();
    let at = mutant.line - 1;
    assert!(
        at < after.len(),
        "{}: line {} out of range",
        mutant.id,
        mutant.line
    );
    if let Some(removed) = mutant.removed {
        let mut kept = before.clone();
        kept.remove(removed - 1);
        assert_eq!(kept, after, "{}", mutant.id);
    } else if before.len() == after.len() {
        let changed: Vec<usize> = (0..before.len())
            .filter(|&index| before[index] != after[index])
            .collect();
        assert_eq!(changed, vec![at], "{}", mutant.id);
    } else {
        assert_eq!(after.len(), before.len() + 1, "{}", mutant.id);
        assert_eq!(before[..at], after[..at], "{}", mutant.id);
        assert_eq!(before[at..], after[at + 1..], "{}", mutant.id);
    }
}

#[test]
fn corpus_templates_are_hot_files_in_path_order() {
    let root = std::env::temp_dir().join(format!("hotc-mutants-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create test folder");
        }
        fs::write(path, text).expect("write test file");
    };
    let hot = "heat_template_version: 2015-04-30\nresources: {}\n";
    write("b/one.yaml", hot);
    write("a/two.yml", hot);
    write("a/z.template", hot);
    write("a/jinja.j2.yaml", hot);
    write("a/env.yaml", "parameter_defaults: {}\n");
    write("a/nested.yaml", "x:\n  heat_template_version: 2015-04-30\n");
    write("a/script.sh", hot);
    write("c.json", "\"heat_template_version\" : \"2015-04-30\"\n");
    let found: Vec<String> = mutants::corpus_templates(&root)
        .iter()
        .map(|path| mutants::relative_path(&root, path))
        .collect();
    let _ = fs::remove_dir_all(&root);
    assert_eq!(found, ["a/two.yml", "a/z.template", "b/one.yaml", "c.json"]);
}

// ---------------------------------------------------------------------------
// The corpus and the committed labels
// ---------------------------------------------------------------------------

/// `../shared/corpus`, or `None` (after saying so) when it is missing.
/// Under CI it must be present.
fn corpus() -> Option<PathBuf> {
    let corpus = PathBuf::from("../shared/corpus");
    if corpus.is_dir() {
        return Some(corpus);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "../shared/corpus is missing, and CI=true requires it"
    );
    eprintln!("skipping: ../shared/corpus is missing");
    None
}

fn read_json(path: &Path) -> Vec<serde_json::Value> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Array(rows)) => rows,
        other => panic!("{}: expected a JSON list, got {other:?}", path.display()),
    }
}

fn field<'a>(row: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    row.get(name)
        .unwrap_or_else(|| panic!("no field {name} in {row}"))
}

/// Every mutant of the corpus with its relative path.
fn corpus_mutants(corpus: &Path) -> Vec<(String, Mutant)> {
    let mut all = Vec::new();
    for path in mutants::corpus_templates(corpus) {
        let relpath = mutants::relative_path(corpus, &path);
        let Some(found) = mutants::corpus_mutants_of(corpus, &path) else {
            continue;
        };
        for mutant in found {
            all.push((relpath.clone(), mutant));
        }
    }
    all
}

#[test]
fn committed_mutant_labels_match_the_generator() {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut generated: Vec<(String, String, String, u64)> = corpus_mutants(&corpus)
        .into_iter()
        .map(|(relpath, mutant)| {
            (
                mutant.id,
                mutant.kind.name().to_string(),
                relpath,
                mutant.line as u64,
            )
        })
        .collect();
    generated.sort();
    let rows = read_json(Path::new("tests/expectations/mutants.json"));
    let committed: Vec<(String, String, String, u64)> = rows
        .iter()
        .map(|row| {
            (
                field(row, "id").as_str().unwrap_or_default().to_string(),
                field(row, "kind").as_str().unwrap_or_default().to_string(),
                field(row, "relpath")
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                field(row, "line").as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let missing: Vec<_> = generated
        .iter()
        .filter(|row| !committed.contains(row))
        .take(5)
        .collect();
    let stale: Vec<_> = committed
        .iter()
        .filter(|row| !generated.contains(row))
        .take(5)
        .collect();
    assert!(
        generated == committed,
        "tests/expectations/mutants.json is stale (run scripts/label-mutants.py): \
         {} generated, {} committed; not labelled: {missing:?}; no longer generated: {stale:?}",
        generated.len(),
        committed.len()
    );
    for row in &rows {
        for verdict in ["heat_api_rejects", "heat_strict_rejects"] {
            assert!(field(row, verdict).is_boolean(), "{verdict} of {row}");
        }
    }

    let with_mutants: BTreeSet<&str> = generated
        .iter()
        .map(|(_, _, relpath, _)| relpath.as_str())
        .collect();
    let originals = read_json(Path::new("tests/expectations/mutant-originals.json"));
    let labelled: BTreeSet<&str> = originals
        .iter()
        .map(|row| field(row, "relpath").as_str().unwrap_or_default())
        .collect();
    assert_eq!(labelled, with_mutants);
}

#[test]
fn committed_corpus_labels_cover_every_template() {
    let Some(corpus) = corpus() else {
        return;
    };
    let templates: Vec<String> = mutants::corpus_templates(&corpus)
        .iter()
        .map(|path| mutants::relative_path(&corpus, path))
        .collect();
    let rows = read_json(Path::new("tests/expectations/corpus-templates.json"));
    let labelled: Vec<&str> = rows
        .iter()
        .map(|row| field(row, "relpath").as_str().unwrap_or_default())
        .collect();
    let missing: Vec<&String> = templates
        .iter()
        .filter(|relpath| !labelled.contains(&relpath.as_str()))
        .take(5)
        .collect();
    let stale: Vec<&&str> = labelled
        .iter()
        .filter(|relpath| !templates.contains(&relpath.to_string()))
        .take(5)
        .collect();
    assert!(
        labelled == templates,
        "tests/expectations/corpus-templates.json is stale (run scripts/label-corpus.py): \
         {} templates, {} labelled; not labelled: {missing:?}; no longer templates: {stale:?}",
        templates.len(),
        labelled.len()
    );
    for row in &rows {
        for verdict in ["api_ok", "strict_ok"] {
            assert!(field(row, verdict).is_boolean(), "{verdict} of {row}");
        }
    }
}

#[test]
fn corpus_mutants_each_alter_exactly_their_fault_line() {
    let Some(corpus) = corpus() else {
        return;
    };
    let all = corpus_mutants(&corpus);
    assert!(all.len() > 1000, "only {} mutants", all.len());
    let mut ids = BTreeSet::new();
    for (relpath, mutant) in &all {
        assert!(ids.insert(mutant.id.clone()), "duplicate id {}", mutant.id);
        let original = fs::read_to_string(corpus.join(relpath)).unwrap_or_default();
        assert_single_fault(&original, mutant);
    }
}
