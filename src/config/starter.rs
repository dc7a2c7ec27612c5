//! The `hotc.toml` that `hotc init` writes: every setting, commented out at its
//! default, with what it does.

pub const STARTER: &str = r#"# hotc.toml: how hotc checks the Heat templates of this project.
# The folder of this file is the tree root: templates may read files under it
# (nested templates, get_file, registry mappings); paths below are relative to it.

[check]
# What `hotc check DIR` picks up when it walks a folder (globs: *, **, ?, [a-z]).
# A pattern without `/` matches a name at any depth. Files named on the
# command line are always checked (unless --force-exclude is given).
# include = ["templates/**"]
# exclude = ["**/*.j2.yaml", "vendor"]

# The Heat release to check against.
# heat_release = "27.0.1"

# Files outside this folder that templates may read.
# allow_outside_root = ["../shared/templates/**"]

# At most this many diagnostics per file; one more says how many were left out
# (0: no limit).
# max_diagnostics_per_file = 200

[limits]
# The limits your cloud's heat.conf sets (these are Heat's defaults).
# max_nested_depth = 5
# max_resources_per_stack = 1000
# max_template_bytes = 524288

[rules]
# Per rule, by code or name: "off", "info", "warning" or "error".
# unused-parameter = "off"
# H402 = "warning"

# Rule levels for some paths; later overrides win.
# [[overrides]]
# paths = ["legacy/**"]
# rules = { unused-parameter = "off" }

# The stacks you create: a root template, its parameter values, and one list of
# environment files per stack (as `openstack stack create -e ... -e ...`).
# [[stacks]]
# template = "stack.yaml"
# environments = [["env/production.yaml"], ["env/staging.yaml"]]
# parameters = { flavor = "m1.small" }

[types]
# Resource-type catalogs of custom plugins, over Heat's own types.
# catalogs = ["plugins/types.json"]
"#;
