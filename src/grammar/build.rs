//! From parsed blocks to a [`Grammar`]: resolves `extends`, applies `=`, `+=`
//! and `-=`, and checks that every version is complete and consistent.

use std::collections::{BTreeMap, HashMap};

use super::syntax::{FunctionDef, Item, Located, Op, Statement, VersionBlock};
use super::{
    Evaluation, FieldEvaluation, FunctionSpec, FunctionStatus, Grammar, GrammarError, Shape,
    VersionSpec, line_column,
};

/// Fields holding lists of words. All but `aliases` are inherited.
const LIST_FIELDS: [&str; 16] = [
    "aliases",
    "sections",
    "resource_keys",
    "output_keys",
    "parameter_keys",
    "parameter_types",
    "constraint_kinds",
    "deletion_policies",
    "functions",
    "removed",
    "condition_functions",
    "flags",
    "literal_fields",
    "function_fields",
    "resolved_fields",
    "condition_fields",
];

const FLAGS: [&str; 1] = ["if_allows_two_arguments"];

/// The location fields and what they mean.
const EVALUATION_FIELDS: [(&str, Evaluation); 4] = [
    ("literal_fields", Evaluation::Literal),
    ("function_fields", Evaluation::Functions),
    ("resolved_fields", Evaluation::Resolved),
    ("condition_fields", Evaluation::Conditions),
];

/// Fields whose words are `NAME` or `NAME/VARIANT`, one entry per name.
fn is_function_field(field: &str) -> bool {
    field == "functions" || field == "condition_functions"
}

/// `get_attr/a` → (`get_attr`, Some(`a`)).
fn split_variant(word: &str) -> (&str, Option<&str>) {
    match word.split_once('/') {
        Some((name, variant)) => (name, Some(variant)),
        None => (word, None),
    }
}

type Definitions<'f> = HashMap<(&'f str, Option<&'f str>), &'f FunctionDef>;

/// A version while its statements are applied.
#[derive(Clone, Default)]
struct Draft {
    release: Option<String>,
    lists: HashMap<&'static str, Vec<Located<String>>>,
}

impl Draft {
    /// What a version that extends this one starts with.
    fn inherit(&self) -> Draft {
        let mut lists = self.lists.clone();
        lists.remove("aliases");
        Draft {
            release: None,
            lists,
        }
    }

    fn list(&self, field: &str) -> &[Located<String>] {
        self.lists.get(field).map_or(&[], Vec::as_slice)
    }

    fn words(&self, field: &str) -> Vec<String> {
        self.list(field).iter().map(|w| w.value.clone()).collect()
    }

    fn has(&self, field: &str, word: &str) -> bool {
        self.list(field).iter().any(|w| w.value == word)
    }
}

struct Builder<'t, 'f> {
    text: &'t str,
    definitions: Definitions<'f>,
}

pub(super) fn build(text: &str, items: Vec<Item>) -> Result<Grammar, GrammarError> {
    let mut builder = Builder {
        text,
        definitions: HashMap::new(),
    };
    for item in &items {
        if let Item::Function(def) = item {
            builder.define(def)?;
        }
    }
    let mut drafts: Vec<(&VersionBlock, Draft)> = Vec::new();
    for item in &items {
        if let Item::Version(block) = item {
            let draft = builder.version(block, &drafts)?;
            drafts.push((block, draft));
        }
    }
    builder.check_aliases(&drafts)?;

    // The oldest date of each name, as a call or as a condition function.
    let mut since: BTreeMap<String, String> = BTreeMap::new();
    for (block, draft) in &drafts {
        for word in draft
            .list("functions")
            .iter()
            .chain(draft.list("condition_functions"))
        {
            let (name, _) = split_variant(&word.value);
            since
                .entry(name.to_string())
                .or_insert_with(|| block.date.value.clone());
        }
    }

    let versions = drafts
        .iter()
        .map(|(block, draft)| builder.version_spec(block, draft, &since))
        .collect();
    Ok(Grammar { versions })
}

impl<'t, 'f> Builder<'t, 'f> {
    fn error(&self, offset: usize, message: impl Into<String>) -> GrammarError {
        GrammarError::at(self.text, offset, message)
    }

    fn line(&self, offset: usize) -> usize {
        line_column(self.text, offset).0
    }

    fn define(&mut self, def: &'f FunctionDef) -> Result<(), GrammarError> {
        let key = (def.name.value.as_str(), def.variant.as_deref());
        if let Some(first) = self.definitions.get(&key) {
            return Err(self.error(
                def.name.offset,
                format!(
                    "function `{}` is defined twice (first on line {})",
                    display_name(key.0, key.1),
                    self.line(first.name.offset)
                ),
            ));
        }
        self.definitions.insert(key, def);
        Ok(())
    }

    fn version(
        &self,
        block: &VersionBlock,
        earlier: &[(&VersionBlock, Draft)],
    ) -> Result<Draft, GrammarError> {
        let date = &block.date;
        if let Some((last, _)) = earlier.last() {
            if let Some((same, _)) = earlier.iter().find(|(b, _)| b.date.value == date.value) {
                return Err(self.error(
                    date.offset,
                    format!(
                        "version {} is defined twice (first on line {})",
                        date.value,
                        self.line(same.date.offset)
                    ),
                ));
            }
            if date.value < last.date.value {
                return Err(self.error(
                    date.offset,
                    format!(
                        "versions must be listed oldest first: {} comes after {}",
                        date.value, last.date.value
                    ),
                ));
            }
        }
        let mut draft = match &block.extends {
            None => Draft::default(),
            Some(base) => match earlier.iter().find(|(b, _)| b.date.value == base.value) {
                Some((_, base_draft)) => base_draft.inherit(),
                None => {
                    return Err(self.error(
                        base.offset,
                        format!(
                            "version {} is not defined above (a version extends an earlier one)",
                            base.value
                        ),
                    ));
                }
            },
        };
        for statement in &block.statements {
            self.apply(&mut draft, statement)?;
        }
        self.check(block, &draft)?;
        Ok(draft)
    }

    fn apply(&self, draft: &mut Draft, statement: &Statement) -> Result<(), GrammarError> {
        let field = &statement.field;
        if field.value == "release" {
            return match (statement.op, statement.values.as_slice()) {
                (Op::Set, [name]) => {
                    draft.release = Some(name.value.clone());
                    Ok(())
                }
                _ => Err(self.error(field.offset, "`release` takes one word: `release = NAME;`")),
            };
        }
        let Some(&key) = LIST_FIELDS.iter().find(|f| **f == field.value) else {
            return Err(self.error(
                field.offset,
                format!(
                    "unknown field `{}`; the fields are release, {}",
                    field.value,
                    LIST_FIELDS.join(", ")
                ),
            ));
        };
        // Entries of `functions` are keyed by name, whatever their variant.
        let entry_key = |word: &str| -> String {
            if is_function_field(key) {
                split_variant(word).0.to_string()
            } else {
                word.to_string()
            }
        };
        let list = draft.lists.entry(key).or_default();
        match statement.op {
            Op::Set => {
                list.clear();
                for word in &statement.values {
                    if list
                        .iter()
                        .any(|w| entry_key(&w.value) == entry_key(&word.value))
                    {
                        return Err(self.error(
                            word.offset,
                            format!("`{}` appears twice in `{key}`", word.value),
                        ));
                    }
                    list.push(word.clone());
                }
            }
            Op::Add => {
                for word in &statement.values {
                    let existing = list
                        .iter()
                        .position(|w| entry_key(&w.value) == entry_key(&word.value));
                    match existing {
                        // A function moves to another variant.
                        Some(n) if is_function_field(key) && list[n].value != word.value => {
                            list[n] = word.clone();
                        }
                        Some(_) => {
                            return Err(self.error(
                                word.offset,
                                format!("`{}` is already in `{key}`", word.value),
                            ));
                        }
                        None => list.push(word.clone()),
                    }
                }
            }
            Op::Remove => {
                for word in &statement.values {
                    let existing = list
                        .iter()
                        .position(|w| w.value == word.value || entry_key(&w.value) == word.value);
                    match existing {
                        Some(n) => {
                            list.remove(n);
                        }
                        None => {
                            return Err(self.error(
                                word.offset,
                                format!(
                                    "`{}` is not in `{key}`, so it cannot be removed",
                                    word.value
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks a version once all its statements are applied.
    fn check(&self, block: &VersionBlock, draft: &Draft) -> Result<(), GrammarError> {
        let date = &block.date;
        if draft.release.is_none() {
            return Err(self.error(
                date.offset,
                format!("version {} has no `release = NAME;`", date.value),
            ));
        }
        for word in draft.list("removed") {
            let listed = draft
                .list("functions")
                .iter()
                .any(|f| split_variant(&f.value).0 == word.value);
            if !listed {
                return Err(self.error(
                    word.offset,
                    format!(
                        "`{}` is in `removed` of version {} but not in its `functions`",
                        word.value, date.value
                    ),
                ));
            }
        }
        for field in ["functions", "condition_functions"] {
            for word in draft.list(field) {
                let (name, variant) = split_variant(&word.value);
                let is_removed = field == "functions" && draft.has("removed", name);
                if !is_removed && !self.definitions.contains_key(&(name, variant)) {
                    return Err(self.error(word.offset, self.missing_definition(name, variant)));
                }
            }
        }
        for word in draft.list("flags") {
            if !FLAGS.contains(&word.value.as_str()) {
                return Err(self.error(
                    word.offset,
                    format!(
                        "unknown flag `{}`; the flags are {}",
                        word.value,
                        FLAGS.join(", ")
                    ),
                ));
            }
        }
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (field, _) in EVALUATION_FIELDS {
            for word in draft.list(field) {
                if let Some(other) = seen.insert(&word.value, field) {
                    return Err(self.error(
                        word.offset,
                        format!(
                            "location `{}` is in both `{other}` and `{field}` of version {}",
                            word.value, date.value
                        ),
                    ));
                }
                if let Err(message) = check_location(draft, &word.value) {
                    return Err(self.error(word.offset, message));
                }
            }
        }
        Ok(())
    }

    fn missing_definition(&self, name: &str, variant: Option<&str>) -> String {
        let mut variants: Vec<&str> = self
            .definitions
            .keys()
            .filter(|(n, _)| *n == name)
            .filter_map(|(_, v)| *v)
            .collect();
        variants.sort_unstable();
        let shown = display_name(name, variant);
        if variants.is_empty() {
            format!("function `{shown}` has no definition (`function {shown} = SHAPE;`)")
        } else {
            let spelled: Vec<String> = variants.iter().map(|v| format!("{name}/{v}")).collect();
            format!(
                "function `{shown}` has no definition; defined are {}",
                spelled.join(", ")
            )
        }
    }

    fn check_aliases(&self, drafts: &[(&VersionBlock, Draft)]) -> Result<(), GrammarError> {
        let mut seen: HashMap<&str, usize> = drafts
            .iter()
            .map(|(b, _)| (b.date.value.as_str(), b.date.offset))
            .collect();
        for (_, draft) in drafts {
            for alias in draft.list("aliases") {
                if let Some(first) = seen.insert(&alias.value, alias.offset) {
                    return Err(self.error(
                        alias.offset,
                        format!(
                            "`{}` already names a version (line {})",
                            alias.value,
                            self.line(first)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn version_spec(
        &self,
        block: &VersionBlock,
        draft: &Draft,
        since: &BTreeMap<String, String>,
    ) -> VersionSpec {
        let spec = |word: &str, removed: bool| -> FunctionSpec {
            let (name, variant) = split_variant(word);
            let since = since.get(name).cloned().unwrap_or_default();
            let definition = self.definitions.get(&(name, variant));
            match definition {
                Some(def) if !removed => FunctionSpec {
                    name: name.to_string(),
                    status: FunctionStatus::Available,
                    variant: variant.map(str::to_string),
                    args: def.shape.clone(),
                    message: def.message.clone(),
                    since,
                },
                // Heat rejects a removed function whatever its arguments.
                _ => FunctionSpec {
                    name: name.to_string(),
                    status: FunctionStatus::Removed,
                    variant: variant.map(str::to_string),
                    args: Shape::Any,
                    message: None,
                    since,
                },
            }
        };
        let functions = draft
            .list("functions")
            .iter()
            .map(|w| spec(&w.value, draft.has("removed", split_variant(&w.value).0)))
            .collect();
        let condition_functions = draft.list("condition_functions");
        let evaluation = EVALUATION_FIELDS
            .iter()
            .flat_map(|(field, evaluation)| {
                draft.list(field).iter().map(|w| FieldEvaluation {
                    location: w.value.clone(),
                    evaluation: *evaluation,
                })
            })
            .collect();
        VersionSpec {
            date: block.date.value.clone(),
            aliases: draft.words("aliases"),
            release: draft.release.clone().unwrap_or_default(),
            sections: draft.words("sections"),
            resource_keys: draft.words("resource_keys"),
            output_keys: draft.words("output_keys"),
            parameter_keys: draft.words("parameter_keys"),
            parameter_types: draft.words("parameter_types"),
            constraint_kinds: draft.words("constraint_kinds"),
            deletion_policies: draft.words("deletion_policies"),
            functions,
            condition_functions: condition_functions
                .iter()
                .map(|w| split_variant(&w.value).0.to_string())
                .collect(),
            condition_function_specs: condition_functions
                .iter()
                .map(|w| spec(&w.value, false))
                .collect(),
            if_allows_two_arguments: draft.has("flags", "if_allows_two_arguments"),
            evaluation,
        }
    }
}

/// A location must name a section, or a key of resources or outputs, that
/// the version has.
fn check_location(draft: &Draft, location: &str) -> Result<(), String> {
    let parts: Vec<&str> = location.split('.').collect();
    let (field, key) = match parts.as_slice() {
        [section] => ("sections", *section),
        ["conditions", "*"] => ("sections", "conditions"),
        ["resources", "*", key] => ("resource_keys", *key),
        ["outputs", "*", key] => ("output_keys", *key),
        _ => {
            return Err(format!(
                "`{location}` is not a location: write SECTION, conditions.*, \
                 resources.*.KEY or outputs.*.KEY"
            ));
        }
    };
    if draft.has(field, key) {
        Ok(())
    } else {
        Err(format!(
            "location `{location}`: `{key}` is not in `{field}`"
        ))
    }
}

fn display_name(name: &str, variant: Option<&str>) -> String {
    match variant {
        Some(variant) => format!("{name}/{variant}"),
        None => name.to_string(),
    }
}
