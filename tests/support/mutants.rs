//! Single-fault mutants of HOT templates.
//!
//! hotc's recall is measured by mutation: each mutant is a real template with
//! exactly one fault put in (a misspelt reference, an unknown section, a
//! cycle...). Heat's own validator labels every mutant once; the labels live in
//! `tests/expectations/`. The mutants themselves are generated again at test
//! time from the corpus, so this generator must be deterministic: the same
//! input always yields the same mutants, ids, lines and texts.
//!
//! Mutations are textual and line based, on purpose without a YAML library: a
//! mutant must differ from its original in one place only (one line changed,
//! or one line inserted), and the line of the fault must be exact. The
//! [`Outline`] finds what the kinds need (top-level sections, the entries of
//! `parameters`, `resources`, `conditions` and `outputs`, and their attribute
//! lines) with simple patterns; whatever it cannot read with confidence
//! (flow-style bodies, multi-line values) it leaves alone, so a mutant is
//! never built on a guess.
//!
//! Adding a kind: add a [`MutantKind`] variant, its name, and a function
//! `fn(&Context) -> Vec<Candidate>` in [`generators`]. Kinds that need other
//! files of the tree (a `get_file` target, the parameters or outputs of a
//! nested template) read them through [`Context::neighbours`], which
//! resolves paths relative to the template ([`TreeNeighbours`] reads them
//! from the disk, inside the corpus). Kinds about resource types read Heat's
//! resource-type catalog, `stdlib/catalog/heat-27.0.1.jsonl`, compiled in
//! and read by a small reader of its own ([`Catalog::heat`],
//! [`Context::catalog`]).
//!
//! Most faults are one changed or inserted line, and that line is the
//! fault's. A fault that removes a line (a required property) has no line of
//! its own: its `line` is the one where the absence shows, the `type:` of
//! the resource that lacks the property, and [`Mutant::removed`] says which
//! line of the original is gone.
//!
//! Used from tests and examples with
//! `#[path = "support/mutants.rs"] mod mutants;`, so it needs only std.

// Each includer uses a different part of this module.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What a mutant breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MutantKind {
    /// The target of `get_resource: X`, or the first item of
    /// `get_attr: [X, ...]`, gets a letter changed.
    MisspeltResourceReference,
    /// The name in `get_param: X` or `get_param: [X, ...]` gets a letter changed.
    UndeclaredParameter,
    /// A `depends_on` target gets a letter changed.
    DependsOnTarget,
    /// A top-level section key is misspelt (`resources:` becomes `resource:`).
    UnknownSection,
    /// The `heat_template_version` value becomes a date that is no version.
    BadVersion,
    /// A parameter's type is misspelt (`type: string` becomes `type: strng`).
    BadParameterType,
    /// A parameter's default is replaced by one its `range`, `length` or
    /// `allowed_values` constraint rejects.
    ConstraintViolatingDefault,
    /// A resource that another resource references gets a `depends_on` back
    /// to the referencing resource (one inserted line).
    AddedCycle,
    /// The name in a resource or output `condition: X`, or the first item of
    /// `if: [X, ...]`, gets a letter changed.
    UndefinedCondition,
    /// The path of a `get_file: PATH` that exists gets a letter of its file
    /// name changed, so that it names no file.
    MissingGetFileTarget,
    /// A property given to a template resource (`type: x.yaml`, or the
    /// `resource_def` of a ResourceGroup) gets a letter changed, so that it
    /// names no parameter of the nested template.
    UnknownNestedProperty,
    /// A one-line property given to a template resource (not to a group's
    /// members) is removed where the nested template's parameter has no
    /// default. The fault's line is the resource's `type:`.
    MissingNestedParameter,
    /// The attribute in `get_attr: [X, NAME, ...]`, where `X` is a template
    /// resource and `NAME` one of its template's outputs, gets a letter
    /// changed.
    UnknownNestedOutput,
    /// A resource `type:` that Heat knows gets a letter changed into a name
    /// it does not know.
    MisspeltType,
    /// A property of a resource whose type Heat knows gets a letter changed
    /// into no property of that type.
    UnknownProperty,
    /// A one-line property that the resource's type requires is removed.
    /// The fault's line is the resource's `type:`.
    RemovedRequiredProperty,
    /// The attribute in `get_attr: [X, NAME, ...]`, where `X` has a type
    /// with a fixed set of attributes, gets a letter changed into none of
    /// them.
    UnknownAttribute,
    /// A one-line literal property value is replaced by one the property's
    /// `allowed_values`, `range` or `length` constraint rejects.
    ConstraintViolatingLiteral,
}

impl MutantKind {
    pub const ALL: [MutantKind; 18] = [
        MutantKind::MisspeltResourceReference,
        MutantKind::UndeclaredParameter,
        MutantKind::DependsOnTarget,
        MutantKind::UnknownSection,
        MutantKind::BadVersion,
        MutantKind::BadParameterType,
        MutantKind::ConstraintViolatingDefault,
        MutantKind::AddedCycle,
        MutantKind::UndefinedCondition,
        MutantKind::MissingGetFileTarget,
        MutantKind::UnknownNestedProperty,
        MutantKind::MissingNestedParameter,
        MutantKind::UnknownNestedOutput,
        MutantKind::MisspeltType,
        MutantKind::UnknownProperty,
        MutantKind::RemovedRequiredProperty,
        MutantKind::UnknownAttribute,
        MutantKind::ConstraintViolatingLiteral,
    ];

    /// The kinds whose fault involves another file of the tree.
    pub const CROSS_FILE: [MutantKind; 4] = [
        MutantKind::MissingGetFileTarget,
        MutantKind::UnknownNestedProperty,
        MutantKind::MissingNestedParameter,
        MutantKind::UnknownNestedOutput,
    ];

    /// The kinds whose fault is found against the resource-type catalog.
    pub const CATALOG: [MutantKind; 5] = [
        MutantKind::MisspeltType,
        MutantKind::UnknownProperty,
        MutantKind::RemovedRequiredProperty,
        MutantKind::UnknownAttribute,
        MutantKind::ConstraintViolatingLiteral,
    ];

    /// The kebab-case name used in ids and expectation files.
    pub fn name(self) -> &'static str {
        match self {
            MutantKind::MisspeltResourceReference => "misspelt-resource-reference",
            MutantKind::UndeclaredParameter => "undeclared-parameter",
            MutantKind::DependsOnTarget => "depends-on-target",
            MutantKind::UnknownSection => "unknown-section",
            MutantKind::BadVersion => "bad-version",
            MutantKind::BadParameterType => "bad-parameter-type",
            MutantKind::ConstraintViolatingDefault => "constraint-violating-default",
            MutantKind::AddedCycle => "added-cycle",
            MutantKind::UndefinedCondition => "undefined-condition",
            MutantKind::MissingGetFileTarget => "missing-get-file-target",
            MutantKind::UnknownNestedProperty => "unknown-nested-property",
            MutantKind::MissingNestedParameter => "missing-nested-parameter",
            MutantKind::UnknownNestedOutput => "unknown-nested-output",
            MutantKind::MisspeltType => "misspelt-type",
            MutantKind::UnknownProperty => "unknown-property",
            MutantKind::RemovedRequiredProperty => "removed-required-property",
            MutantKind::UnknownAttribute => "unknown-attribute",
            MutantKind::ConstraintViolatingLiteral => "constraint-violating-literal",
        }
    }

    /// At most this many mutants of the kind per file, spread over the file.
    /// Kinds whose fault looks the same wherever it is placed get one, so the
    /// corpus yields a few thousand mutants rather than many more alike.
    pub fn cap(self) -> usize {
        match self {
            MutantKind::UnknownSection | MutantKind::BadVersion | MutantKind::BadParameterType => 1,
            _ => 2,
        }
    }

    pub fn from_name(name: &str) -> Option<MutantKind> {
        MutantKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// One single-fault variant of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutant {
    /// `<relpath>#<kind>#<n>`, stable for a given input.
    pub id: String,
    pub kind: MutantKind,
    /// 1-based line of the fault in the mutated text.
    pub line: usize,
    /// For a fault made by removing a line: that line's 1-based number in
    /// the original.
    pub removed: Option<usize>,
    /// The whole mutated file.
    pub text: String,
    pub description: String,
}

/// Every HOT template under `root`: files ending in `.yaml`, `.yml`,
/// `.json` or `.template` (but not `.j2.yaml`, which are Jinja sources) with a
/// top-level `heat_template_version:` line. Sorted by path text; symbolic
/// links are not followed.
pub fn corpus_templates(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file() && is_template_name(&path) && declares_hot(&path) {
                found.push(path);
            }
        }
    }
    // By path text, the order every other tool (and `sort`) uses.
    found.sort_by_key(|path| path.to_string_lossy().into_owned());
    found
}

/// `path` relative to `root`, with `/` separators.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_template_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".j2.yaml") {
        return false;
    }
    [".yaml", ".yml", ".json", ".template"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

fn declares_hot(path: &Path) -> bool {
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    String::from_utf8_lossy(&bytes).lines().any(|line| {
        let key = line
            .strip_prefix('"')
            .and_then(|rest| rest.strip_prefix("heat_template_version\""))
            .or_else(|| line.strip_prefix("heat_template_version"));
        key.is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// The mutants of one template, `path_rel` being its path relative to the
/// corpus root (it only names the mutants). Kinds that need other files find
/// none here; see [`mutants_in_tree`].
pub fn mutants(path_rel: &str, text: &str) -> Vec<Mutant> {
    mutants_in_tree(path_rel, text, &NoNeighbours)
}

/// The mutants of one template whose neighbouring files (nested templates,
/// `get_file` targets) can be read through `neighbours`.
pub fn mutants_in_tree(path_rel: &str, text: &str, neighbours: &dyn Neighbours) -> Vec<Mutant> {
    let outline = Outline::new(text);
    let context = Context {
        outline: &outline,
        neighbours,
        catalog: Catalog::heat(),
    };
    let mut result = Vec::new();
    for (kind, generate) in generators() {
        let mut candidates = generate(&context);
        candidates.sort_by_key(|candidate| (candidate.line, candidate.column));
        candidates.dedup_by_key(|candidate| (candidate.line, candidate.column));
        for (n, candidate) in spread(candidates, kind.cap()).into_iter().enumerate() {
            let (text, line) = outline.apply(&candidate.edit);
            let removed = match candidate.edit {
                Edit::RemoveLine { line, .. } => Some(line + 1),
                _ => None,
            };
            result.push(Mutant {
                id: format!("{path_rel}#{}#{n}", kind.name()),
                kind,
                line,
                removed,
                text,
                description: candidate.description,
            });
        }
    }
    result
}

/// The mutants of the corpus template at `path`, its neighbours read from
/// the disk inside `root`; `None` when it is not UTF-8.
pub fn corpus_mutants_of(root: &Path, path: &Path) -> Option<Vec<Mutant>> {
    let text = fs::read_to_string(path).ok()?;
    let neighbours = TreeNeighbours {
        root: root.to_path_buf(),
        folder: path.parent().unwrap_or(root).to_path_buf(),
    };
    Some(mutants_in_tree(
        &relative_path(root, path),
        &text,
        &neighbours,
    ))
}

/// Other files of the tree, by path relative to the template.
pub trait Neighbours {
    /// The text of a file, if it exists and is UTF-8.
    fn read(&self, relative: &str) -> Option<String>;

    /// Whether the file exists (whatever its content).
    fn exists(&self, relative: &str) -> bool {
        self.read(relative).is_some()
    }
}

/// A template read on its own.
pub struct NoNeighbours;

impl Neighbours for NoNeighbours {
    fn read(&self, _relative: &str) -> Option<String> {
        None
    }
}

/// Files on the disk, relative to `folder`, but none outside `root`: a
/// mutant is labelled in a copy of the tree under `root`, where nothing
/// else is.
pub struct TreeNeighbours {
    pub root: PathBuf,
    pub folder: PathBuf,
}

impl TreeNeighbours {
    /// `relative` joined to the folder, with `.` and `..` taken away, if it
    /// stays inside the root. URLs and absolute paths are not neighbours.
    fn resolve(&self, relative: &str) -> Option<PathBuf> {
        if relative.is_empty() || relative.starts_with('/') || relative.contains("://") {
            return None;
        }
        let mut path = self.folder.clone();
        for part in relative.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if !path.pop() {
                        return None;
                    }
                }
                _ => path.push(part),
            }
        }
        path.starts_with(&self.root).then_some(path)
    }
}

impl Neighbours for TreeNeighbours {
    fn read(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.resolve(relative)?).ok()
    }

    fn exists(&self, relative: &str) -> bool {
        self.resolve(relative).is_some_and(|path| path.is_file())
    }
}

/// What a kind's generator sees.
pub struct Context<'a> {
    pub outline: &'a Outline<'a>,
    pub neighbours: &'a dyn Neighbours,
    pub catalog: &'a Catalog,
}

type Generator = fn(&Context) -> Vec<Candidate>;

/// Every kind with the function that finds its candidates, in id order.
fn generators() -> [(MutantKind, Generator); 18] {
    [
        (
            MutantKind::MisspeltResourceReference,
            misspelt_resource_references,
        ),
        (MutantKind::UndeclaredParameter, undeclared_parameters),
        (MutantKind::DependsOnTarget, depends_on_targets),
        (MutantKind::UnknownSection, unknown_sections),
        (MutantKind::BadVersion, bad_versions),
        (MutantKind::BadParameterType, bad_parameter_types),
        (
            MutantKind::ConstraintViolatingDefault,
            constraint_violating_defaults,
        ),
        (MutantKind::AddedCycle, added_cycles),
        (MutantKind::UndefinedCondition, undefined_conditions),
        (MutantKind::MissingGetFileTarget, missing_get_file_targets),
        (MutantKind::UnknownNestedProperty, unknown_nested_properties),
        (
            MutantKind::MissingNestedParameter,
            missing_nested_parameters,
        ),
        (MutantKind::UnknownNestedOutput, unknown_nested_outputs),
        (MutantKind::MisspeltType, misspelt_types),
        (MutantKind::UnknownProperty, unknown_properties),
        (
            MutantKind::RemovedRequiredProperty,
            removed_required_properties,
        ),
        (MutantKind::UnknownAttribute, unknown_attributes),
        (
            MutantKind::ConstraintViolatingLiteral,
            constraint_violating_literals,
        ),
    ]
}

/// `count` of the candidates (already in file order), evenly spread: the
/// middle of each of `count` equal slices.
fn spread<T>(candidates: Vec<T>, count: usize) -> Vec<T> {
    let total = candidates.len();
    if total <= count {
        return candidates;
    }
    let chosen: BTreeSet<usize> = (0..count)
        .map(|i| (2 * i + 1) * total / (2 * count))
        .collect();
    candidates
        .into_iter()
        .enumerate()
        .filter(|(index, _)| chosen.contains(index))
        .map(|(_, candidate)| candidate)
        .collect()
}

/// A possible mutation, before the per-kind cap is applied.
pub struct Candidate {
    /// 0-based line index and byte column, for ordering.
    pub line: usize,
    pub column: usize,
    pub edit: Edit,
    pub description: String,
}

/// The one change a mutant makes.
pub enum Edit {
    /// Replace bytes `start..end` of line `line` (0-based) by `with`.
    Replace {
        line: usize,
        start: usize,
        end: usize,
        with: String,
    },
    /// Insert a line before line `before` (0-based); `text` has no line end.
    InsertLine { before: usize, text: String },
    /// Remove line `line` (0-based); the fault shows on line `fault`
    /// (0-based, in the original).
    RemoveLine { line: usize, fault: usize },
}

// ---------------------------------------------------------------------------
// Outline: what the kinds need to know about a template's layout
// ---------------------------------------------------------------------------

/// One physical line.
pub struct SourceLine<'a> {
    /// Without the line end.
    pub body: &'a str,
    /// `"\n"`, `"\r\n"` or `""` (last line without one).
    pub end: &'a str,
    /// Leading spaces.
    pub indent: usize,
    /// Holds YAML structure: not blank, not a comment, not inside a block
    /// scalar.
    pub structural: bool,
}

/// A `key: value` line.
#[derive(Clone, Debug)]
pub struct KeyLine {
    pub line: usize,
    pub key: String,
    /// Byte range of the key text on the line (inside quotes if quoted).
    pub key_start: usize,
    pub key_end: usize,
    /// Byte range of the value, without a trailing comment and spaces; empty
    /// when the value is on the following lines (or null).
    pub value_start: usize,
    pub value_end: usize,
}

/// An entry of a top-level section (a parameter, resource, condition or
/// output) written as a block mapping.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: KeyLine,
    /// Lines after the name line that belong to the entry.
    pub body_start: usize,
    pub body_end: usize,
    /// Indentation of the entry's own keys (0 when the body is not a block
    /// mapping).
    pub attribute_indent: usize,
    /// The entry's own keys (`type`, `properties`, `default`, ...).
    pub attributes: Vec<KeyLine>,
}

impl Entry {
    pub fn attribute(&self, key: &str) -> Option<&KeyLine> {
        self.attributes
            .iter()
            .find(|attribute| attribute.key == key)
    }
}

/// A top-level key and the lines up to the next one.
#[derive(Clone, Debug)]
pub struct Section {
    pub key: KeyLine,
    pub end: usize,
    pub entries: Vec<Entry>,
}

pub struct Outline<'a> {
    pub lines: Vec<SourceLine<'a>>,
    pub sections: Vec<Section>,
}

impl<'a> Outline<'a> {
    pub fn new(text: &'a str) -> Outline<'a> {
        let lines = split_lines(text);
        let mut sections = Vec::new();
        let tops: Vec<KeyLine> = (0..lines.len())
            .filter(|&index| lines[index].structural && lines[index].indent == 0)
            .filter_map(|index| key_line(&lines, index, 0))
            .collect();
        for (position, key) in tops.iter().enumerate() {
            let end = tops.get(position + 1).map_or(lines.len(), |next| next.line);
            let entries = entries(&lines, key.line + 1, end);
            sections.push(Section {
                key: key.clone(),
                end,
                entries,
            });
        }
        Outline { lines, sections }
    }

    /// A top-level section. With duplicate keys Heat keeps the last one, so
    /// this is the last one too.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().rfind(|section| section.key.key == key)
    }

    /// The entries of a section that Heat sees: where a name is repeated,
    /// only its last entry.
    pub fn entries(&self, section: &str) -> Vec<&Entry> {
        let Some(section) = self.section(section) else {
            return Vec::new();
        };
        let entries = &section.entries;
        entries
            .iter()
            .enumerate()
            .filter(|(position, entry)| {
                !entries[position + 1..]
                    .iter()
                    .any(|later| later.name.key == entry.name.key)
            })
            .map(|(_, entry)| entry)
            .collect()
    }

    /// Names declared in one section.
    pub fn names(&self, section: &str) -> BTreeSet<String> {
        self.entries(section)
            .iter()
            .map(|entry| entry.name.key.clone())
            .collect()
    }

    /// Every name a misspelling must avoid: parameters, resources,
    /// conditions and outputs.
    pub fn taken_names(&self) -> BTreeSet<String> {
        ["parameters", "resources", "conditions", "outputs"]
            .iter()
            .flat_map(|section| self.names(section))
            .collect()
    }

    /// Line ranges of the entries where functions are evaluated (those Heat
    /// sees).
    fn function_ranges(&self) -> Vec<(usize, usize)> {
        ["resources", "outputs", "conditions"]
            .iter()
            .flat_map(|section| self.entries(section))
            .map(|entry| (entry.name.line, entry.body_end))
            .collect()
    }

    /// Whether Heat sees this top-level key (it is not repeated later).
    fn is_effective(&self, section: &Section) -> bool {
        self.section(&section.key.key)
            .is_some_and(|last| last.key.line == section.key.line)
    }

    /// The mutated text and the 1-based line of the fault.
    pub fn apply(&self, edit: &Edit) -> (String, usize) {
        let mut text = String::new();
        let mut fault_line = 0;
        for (index, line) in self.lines.iter().enumerate() {
            match edit {
                Edit::Replace {
                    line: target,
                    start,
                    end,
                    with,
                } if *target == index => {
                    text.push_str(&line.body[..*start]);
                    text.push_str(with);
                    text.push_str(&line.body[*end..]);
                    text.push_str(line.end);
                    fault_line = index + 1;
                    continue;
                }
                Edit::InsertLine {
                    before,
                    text: inserted,
                } if *before == index => {
                    text.push_str(inserted);
                    text.push_str(line_end_near(&self.lines, index));
                    fault_line = index + 1;
                }
                Edit::RemoveLine {
                    line: removed,
                    fault,
                } if *removed == index => {
                    // Later lines move up by one.
                    fault_line = if fault < removed { fault + 1 } else { *fault };
                    continue;
                }
                _ => {}
            }
            text.push_str(line.body);
            text.push_str(line.end);
        }
        if let Edit::InsertLine {
            before,
            text: inserted,
        } = edit
            && *before >= self.lines.len()
        {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(inserted);
            text.push('\n');
            fault_line = self.lines.len() + 1;
        }
        (text, fault_line)
    }
}

fn line_end_near<'a>(lines: &[SourceLine<'a>], index: usize) -> &'a str {
    let end = lines[index].end;
    if !end.is_empty() {
        return end;
    }
    index
        .checked_sub(1)
        .map_or("\n", |previous| lines[previous].end)
}

fn split_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (raw, next) = match rest.find('\n') {
            Some(newline) => rest.split_at(newline + 1),
            None => (rest, ""),
        };
        rest = next;
        let body = raw.trim_end_matches(['\n', '\r']);
        let end = &raw[body.len()..];
        let indent = body.len() - body.trim_start_matches(' ').len();
        let content = body.trim_start_matches(' ');
        let structural = !content.trim().is_empty() && !content.starts_with('#');
        lines.push(SourceLine {
            body,
            end,
            indent,
            structural,
        });
    }
    mark_block_scalars(&mut lines);
    lines
}

/// Lines of literal (`|`) and folded (`>`) scalars are text, not structure.
fn mark_block_scalars(lines: &mut [SourceLine]) {
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        if !line.structural || !opens_block_scalar(line.body) {
            index += 1;
            continue;
        }
        // The scalar's lines are indented more than the node that holds it:
        // the key after any `- ` prefixes.
        let holder = node_column(line.body);
        index += 1;
        while index < lines.len() {
            let inner = &mut lines[index];
            let blank = inner.body.trim().is_empty();
            if !blank && inner.indent <= holder {
                break;
            }
            inner.structural = false;
            index += 1;
        }
    }
}

fn opens_block_scalar(body: &str) -> bool {
    let code = strip_comment(body).trim_end();
    let Some(indicator_at) = code.rfind(['|', '>']) else {
        return false;
    };
    let indicators = &code[indicator_at + 1..];
    if !indicators
        .chars()
        .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
    {
        return false;
    }
    let before = code[..indicator_at].trim_end();
    before.is_empty() || before.ends_with(':') || before.ends_with('-')
}

/// Column of the node that holds a value starting on this line: the key
/// after any `- ` sequence markers, or the last `-` when the value is the
/// sequence item itself.
fn node_column(body: &str) -> usize {
    let mut column = body.len() - body.trim_start_matches(' ').len();
    let mut dash = None;
    while let Some(after) = body[column..].strip_prefix("- ") {
        dash = Some(column);
        column = body.len() - after.trim_start_matches(' ').len();
    }
    match dash {
        Some(dash) if body[column..].starts_with(['|', '>']) => dash,
        _ => column,
    }
}

/// The line without a trailing `# comment` (outside quotes).
fn strip_comment(body: &str) -> &str {
    let code = code_mask(body);
    for (at, byte) in body.bytes().enumerate() {
        if byte == b'#' && code[at] && (at == 0 || body.as_bytes()[at - 1] == b' ') {
            return &body[..at];
        }
    }
    body
}

/// For each byte of the line: whether it is outside quoted scalars.
/// A `'` opens a quoted scalar only where a scalar can start (after a space,
/// `[`, `{`, `,`, `:` or at the start), so apostrophes in plain text are not
/// taken for quotes.
fn code_mask(body: &str) -> Vec<bool> {
    let bytes = body.as_bytes();
    let mut mask = vec![true; bytes.len()];
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let at_scalar_start = at == 0 || matches!(bytes[at - 1], b' ' | b'[' | b'{' | b',' | b':');
        if byte == b'"' && at_scalar_start {
            mask[at] = false;
            at += 1;
            while at < bytes.len() {
                mask[at] = false;
                if bytes[at] == b'\\' {
                    if at + 1 < bytes.len() {
                        mask[at + 1] = false;
                    }
                    at += 2;
                    continue;
                }
                at += 1;
                if bytes[at - 1] == b'"' {
                    break;
                }
            }
        } else if byte == b'\'' && at_scalar_start {
            mask[at] = false;
            at += 1;
            while at < bytes.len() {
                mask[at] = false;
                if bytes[at] == b'\'' {
                    if bytes.get(at + 1) == Some(&b'\'') {
                        mask[at + 1] = false;
                        at += 2;
                        continue;
                    }
                    at += 1;
                    break;
                }
                at += 1;
            }
        } else {
            at += 1;
        }
    }
    mask
}

/// Parse `key: value` at byte `column` of line `index`.
fn key_line(lines: &[SourceLine], index: usize, column: usize) -> Option<KeyLine> {
    let body = lines[index].body;
    let rest = body.get(column..)?;
    let (key_start, key_end, after_key) = if let Some(quote) = rest
        .chars()
        .next()
        .filter(|first| *first == '"' || *first == '\'')
    {
        let close = rest[1..].find(quote)? + 1;
        (column + 1, column + close, column + close + 1)
    } else {
        let colon = plain_key_end(rest)?;
        let key_end = column + rest[..colon].trim_end().len();
        (column, key_end, column + colon)
    };
    let after = body.get(after_key..)?;
    let after_colon = after.trim_start_matches(' ').strip_prefix(':')?;
    if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
        return None;
    }
    let key = body.get(key_start..key_end)?.to_string();
    if key.is_empty() {
        return None;
    }
    let value_offset = body.len() - after_colon.len();
    let code = strip_comment(body);
    let value_end = code.trim_end().len().max(value_offset);
    let value_start = value_offset
        + (body[value_offset..value_end].len() - body[value_offset..value_end].trim_start().len());
    Some(KeyLine {
        line: index,
        key,
        key_start,
        key_end,
        value_start,
        value_end,
    })
}

/// End of a plain mapping key: the `:` followed by a space or the line end.
fn plain_key_end(rest: &str) -> Option<usize> {
    let first = rest.chars().next()?;
    if matches!(
        first,
        '-' | '{' | '[' | '#' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' | '?'
    ) {
        return None;
    }
    let bytes = rest.as_bytes();
    (0..bytes.len())
        .find(|&at| bytes[at] == b':' && (at + 1 == bytes.len() || bytes[at + 1] == b' '))
}

/// The block-mapping entries between `start` and `end`: keys at the
/// indentation of the first structural line.
fn entries(lines: &[SourceLine], start: usize, end: usize) -> Vec<Entry> {
    let Some(first) = (start..end).find(|&index| lines[index].structural) else {
        return Vec::new();
    };
    let indent = lines[first].indent;
    if indent == 0 {
        return Vec::new();
    }
    let names: Vec<KeyLine> = (first..end)
        .filter(|&index| lines[index].structural && lines[index].indent == indent)
        .filter_map(|index| key_line(lines, index, indent))
        .collect();
    let mut result = Vec::new();
    for (position, name) in names.iter().enumerate() {
        let body_end = names.get(position + 1).map_or(end, |next| next.line);
        let body_start = name.line + 1;
        let mut attribute_indent = 0;
        let mut attributes = Vec::new();
        if name.value_start == name.value_end
            && let Some(first_attribute) =
                (body_start..body_end).find(|&index| lines[index].structural)
            && lines[first_attribute].indent > indent
        {
            attribute_indent = lines[first_attribute].indent;
            attributes = (first_attribute..body_end)
                .filter(|&index| lines[index].structural && lines[index].indent == attribute_indent)
                .filter_map(|index| key_line(lines, index, attribute_indent))
                .collect();
        }
        result.push(Entry {
            name: name.clone(),
            body_start,
            body_end,
            attribute_indent,
            attributes,
        });
    }
    result
}

// ---------------------------------------------------------------------------
// Names and references inside lines
// ---------------------------------------------------------------------------

/// A scalar naming something, located on a line.
#[derive(Clone, Debug)]
struct NameAt {
    line: usize,
    /// Byte range of the name (inside quotes if quoted).
    start: usize,
    end: usize,
    name: String,
}

/// The scalar starting at byte `at` (after spaces): plain, or quoted without
/// escapes. Returns the name's range and the byte after the scalar.
fn scalar_at(body: &str, at: usize) -> Option<(usize, usize, usize)> {
    let rest = body.get(at..)?;
    let start = at + (rest.len() - rest.trim_start_matches(' ').len());
    let rest = &body[start..];
    let first = rest.chars().next()?;
    if first == '"' || first == '\'' {
        let close = rest[1..].find(first)? + 1;
        let inner = &rest[1..close];
        if inner.contains('\\') {
            return None;
        }
        return Some((start + 1, start + close, start + close + 1));
    }
    if matches!(
        first,
        '{' | '[' | '#' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' | ',' | ']' | '}'
    ) {
        return None;
    }
    let length = rest.find([',', ']', '}', '#', ' ']).unwrap_or(rest.len());
    let name = &rest[..length];
    if name.is_empty() || name.ends_with(':') {
        return None;
    }
    Some((start, start + length, start + length))
}

/// The next non-space byte from `at`, if any.
fn next_char(body: &str, at: usize) -> Option<u8> {
    body.get(at..)?.bytes().find(|byte| *byte != b' ')
}

fn next_char_position(body: &str, at: usize) -> usize {
    at + body
        .get(at..)
        .map_or(0, |rest| rest.len() - rest.trim_start_matches(' ').len())
}

/// The scalar ends a value: what follows is the line end, a comment or the
/// end of a flow collection item.
fn ends_value(body: &str, after: usize) -> bool {
    matches!(
        next_char(body, after),
        None | Some(b',' | b']' | b'}' | b'#')
    )
}

/// The scalar is the first item of a flow sequence: what follows is `,`/`]`.
fn ends_item(body: &str, after: usize) -> bool {
    matches!(next_char(body, after), Some(b',' | b']'))
}

/// Where the function `name` is used as a mapping key on line `index`:
/// the byte where the name starts and the byte after its `:`.
fn calls_on_line(outline: &Outline, index: usize, name: &str) -> Vec<(usize, usize)> {
    let body = outline.lines[index].body;
    let code = code_mask(body);
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = body.get(from..).and_then(|rest| rest.find(name)) {
        let at = from + offset;
        from = at + name.len();
        let starts_token = at == 0 || matches!(bytes[at - 1], b' ' | b'{' | b',' | b'[');
        if !code[at] || !starts_token {
            continue;
        }
        let colon = next_char_position(body, at + name.len());
        if bytes.get(colon) != Some(&b':') {
            continue;
        }
        if !matches!(bytes.get(colon + 1), None | Some(b' ')) {
            continue;
        }
        if strip_comment(body).len() <= at {
            continue;
        }
        found.push((at, colon + 1));
    }
    found
}

/// The first structural line after `index`, if it is a block sequence item
/// at or beyond `column`: the name that item holds.
fn first_block_item(outline: &Outline, index: usize, column: usize) -> Option<NameAt> {
    let next = (index + 1..outline.lines.len()).find(|&i| outline.lines[i].structural)?;
    let line = &outline.lines[next];
    if line.indent < column {
        return None;
    }
    let body = line.body;
    let item = body[line.indent..].strip_prefix('-')?;
    if !(item.is_empty() || item.starts_with(' ')) {
        return None;
    }
    let (start, end, after) = scalar_at(body, line.indent + 1)?;
    if !ends_value(body, after) || next_char(body, after).is_some_and(|c| c != b'#') {
        return None;
    }
    Some(NameAt {
        line: next,
        start,
        end,
        name: body[start..end].to_string(),
    })
}

/// Names used as `func: NAME` (when `scalar`), as the first item of
/// `func: [NAME, ...]`, or as the first item of a block sequence under
/// `func:`, in the sections where functions are evaluated.
fn function_arguments(outline: &Outline, func: &str, scalar: bool) -> Vec<NameAt> {
    let mut found = Vec::new();
    for (start, end) in outline.function_ranges() {
        for index in start..end {
            if !outline.lines[index].structural {
                continue;
            }
            let body = outline.lines[index].body;
            for (key_column, after_colon) in calls_on_line(outline, index, func) {
                let value = next_char_position(body, after_colon);
                let bytes = body.as_bytes();
                if value >= strip_comment(body).trim_end().len() {
                    if let Some(item) = first_block_item(outline, index, key_column) {
                        found.push(item);
                    }
                } else if bytes[value] == b'[' {
                    if let Some((name_start, name_end, after)) = scalar_at(body, value + 1)
                        && ends_item(body, after)
                    {
                        found.push(NameAt {
                            line: index,
                            start: name_start,
                            end: name_end,
                            name: body[name_start..name_end].to_string(),
                        });
                    }
                } else if scalar
                    && let Some((name_start, name_end, after)) = scalar_at(body, value)
                    && ends_value(body, after)
                {
                    found.push(NameAt {
                        line: index,
                        start: name_start,
                        end: name_end,
                        name: body[name_start..name_end].to_string(),
                    });
                }
            }
        }
    }
    found
}

/// The targets of a resource's `depends_on`: a scalar, a one-line flow
/// sequence, or a block sequence of scalars.
fn depends_on_targets_of(outline: &Outline, entry: &Entry) -> Vec<NameAt> {
    let Some(attribute) = entry.attribute("depends_on") else {
        return Vec::new();
    };
    let body = outline.lines[attribute.line].body;
    let mut found = Vec::new();
    if attribute.value_start == attribute.value_end {
        // Block sequence: items at the attribute's indentation or deeper.
        for index in attribute.line + 1..entry.body_end {
            let line = &outline.lines[index];
            if !line.structural {
                continue;
            }
            if line.indent < entry.attribute_indent
                || (line.indent == entry.attribute_indent
                    && !line.body[line.indent..].starts_with("- "))
            {
                break;
            }
            let Some(item) = line.body[line.indent..].strip_prefix("- ") else {
                continue;
            };
            let at = line.body.len() - item.len();
            if let Some((start, end, after)) = scalar_at(line.body, at)
                && ends_value(line.body, after)
            {
                found.push(NameAt {
                    line: index,
                    start,
                    end,
                    name: line.body[start..end].to_string(),
                });
            }
        }
    } else if body.as_bytes()[attribute.value_start] == b'[' {
        let value = &body[attribute.value_start..attribute.value_end];
        if !value.ends_with(']') {
            return Vec::new();
        }
        let mut at = attribute.value_start + 1;
        while let Some((start, end, after)) = scalar_at(body, at) {
            if !ends_item(body, after) {
                break;
            }
            found.push(NameAt {
                line: attribute.line,
                start,
                end,
                name: body[start..end].to_string(),
            });
            at = next_char_position(body, after) + 1;
        }
    } else if let Some((start, end, after)) = scalar_at(body, attribute.value_start)
        && after >= attribute.value_end
    {
        found.push(NameAt {
            line: attribute.line,
            start,
            end,
            name: body[start..end].to_string(),
        });
    }
    found
}

/// `name` with one letter changed so that it matches none of `taken`: the
/// last letter that is not the first becomes the next one in the alphabet
/// (case kept); earlier letters are tried if that collides.
fn misspell(name: &str, taken: &BTreeSet<String>) -> Option<String> {
    misspell_where(name, &|candidate| taken.contains(candidate))
}

/// As [`misspell`], avoiding the names `taken` says are taken.
fn misspell_where(name: &str, taken: &dyn Fn(&str) -> bool) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut positions: Vec<usize> = (0..chars.len())
        .rev()
        .filter(|&at| chars[at].is_ascii_alphabetic())
        .collect();
    // Prefer any letter but the first: a typo rarely hits it.
    if positions.len() > 1
        && let Some(first) = positions.iter().position(|&at| at == 0)
    {
        let first = positions.remove(first);
        positions.push(first);
    }
    for at in positions {
        let letter = chars[at];
        let base = if letter.is_ascii_lowercase() {
            b'a'
        } else {
            b'A'
        };
        for step in 1..26u8 {
            let replaced = (base + (letter as u8 - base + step) % 26) as char;
            let mut candidate = chars.clone();
            candidate[at] = replaced;
            let candidate: String = candidate.into_iter().collect();
            if !taken(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

fn rename(name: &NameAt, kind_text: &str, taken: &BTreeSet<String>) -> Option<Candidate> {
    let misspelt = misspell(&name.name, taken)?;
    Some(Candidate {
        line: name.line,
        column: name.start,
        description: format!("{kind_text} `{}` misspelt as `{misspelt}`", name.name),
        edit: Edit::Replace {
            line: name.line,
            start: name.start,
            end: name.end,
            with: misspelt,
        },
    })
}

// ---------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------

fn misspelt_resource_references(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let resources = outline.names("resources");
    let taken = outline.taken_names();
    let mut names = function_arguments(outline, "get_resource", true);
    names.extend(function_arguments(outline, "get_attr", false));
    names
        .iter()
        .filter(|name| resources.contains(&name.name))
        .filter_map(|name| rename(name, "resource reference", &taken))
        .collect()
}

fn undeclared_parameters(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let parameters = outline.names("parameters");
    let taken = outline.taken_names();
    function_arguments(outline, "get_param", true)
        .iter()
        .filter(|name| parameters.contains(&name.name))
        .filter_map(|name| rename(name, "parameter reference", &taken))
        .collect()
}

fn depends_on_targets(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let resources = outline.names("resources");
    let taken = outline.taken_names();
    outline
        .entries("resources")
        .iter()
        .flat_map(|entry| depends_on_targets_of(outline, entry))
        .filter(|name| resources.contains(&name.name))
        .filter_map(|name| rename(&name, "depends_on target", &taken))
        .collect()
}

fn unknown_sections(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    outline
        .sections
        .iter()
        .filter(|section| outline.is_effective(section))
        .filter_map(|section| {
            let key = &section.key;
            let misspelt = match key.key.as_str() {
                "heat_template_version" => return None,
                "parameters" | "resources" | "outputs" | "conditions" | "parameter_groups" => {
                    key.key.trim_end_matches('s').to_string()
                }
                "description" => "descripton".to_string(),
                _ => return None,
            };
            Some(Candidate {
                line: key.line,
                column: key.key_start,
                description: format!("section `{}` misspelt as `{misspelt}`", key.key),
                edit: Edit::Replace {
                    line: key.line,
                    start: key.key_start,
                    end: key.key_end,
                    with: misspelt,
                },
            })
        })
        .collect()
}

/// Every `heat_template_version` value Heat 27 accepts, with the date of
/// each release name.
const VERSIONS: [(&str, &str); 17] = [
    ("2013-05-23", "2013-05-23"),
    ("2014-10-16", "2014-10-16"),
    ("2015-04-30", "2015-04-30"),
    ("2015-10-15", "2015-10-15"),
    ("2016-04-08", "2016-04-08"),
    ("2016-10-14", "2016-10-14"),
    ("2017-02-24", "2017-02-24"),
    ("2017-09-01", "2017-09-01"),
    ("2018-03-02", "2018-03-02"),
    ("2018-08-31", "2018-08-31"),
    ("2021-04-16", "2021-04-16"),
    ("newton", "2016-10-14"),
    ("ocata", "2017-02-24"),
    ("pike", "2017-09-01"),
    ("queens", "2018-03-02"),
    ("rocky", "2018-08-31"),
    ("wallaby", "2021-04-16"),
];

fn bad_versions(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let Some(section) = outline.section("heat_template_version") else {
        return Vec::new();
    };
    let key = &section.key;
    let body = outline.lines[key.line].body;
    let Some((start, end, after)) = scalar_at(body, key.value_start) else {
        return Vec::new();
    };
    if after < key.value_end {
        return Vec::new();
    }
    let value = &body[start..end];
    let Some((_, date)) = VERSIONS.iter().find(|(version, _)| *version == value) else {
        return Vec::new();
    };
    let Some(day) = date.get(8..10).and_then(|day| day.parse::<u32>().ok()) else {
        return Vec::new();
    };
    let shifted = if day < 28 { day + 1 } else { day - 1 };
    let not_a_version = format!("{}{shifted:02}", &date[..8]);
    if VERSIONS
        .iter()
        .any(|(version, _)| *version == not_a_version)
    {
        return Vec::new();
    }
    vec![Candidate {
        line: key.line,
        column: start,
        description: format!("heat_template_version `{value}` changed to `{not_a_version}`"),
        edit: Edit::Replace {
            line: key.line,
            start,
            end,
            with: not_a_version,
        },
    }]
}

fn bad_parameter_types(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    outline
        .entries("parameters")
        .iter()
        .filter_map(|entry| {
            let attribute = entry.attribute("type")?;
            let body = outline.lines[attribute.line].body;
            let (start, end, after) = scalar_at(body, attribute.value_start)?;
            if after < attribute.value_end {
                return None;
            }
            let value = &body[start..end];
            let misspelt = match value {
                "string" => "strng",
                "number" => "numbr",
                "json" => "jsn",
                "boolean" => "boolen",
                "comma_delimited_list" => "comma_delimted_list",
                _ => return None,
            };
            Some(Candidate {
                line: attribute.line,
                column: start,
                description: format!(
                    "type of parameter `{}` misspelt as `{misspelt}`",
                    entry.name.key
                ),
                edit: Edit::Replace {
                    line: attribute.line,
                    start,
                    end,
                    with: misspelt.to_string(),
                },
            })
        })
        .collect()
}

/// A constraint of a parameter (read from a simple layout) or of a
/// property (read from the catalog).
#[derive(Clone, Debug, PartialEq)]
pub enum Constraint {
    Range { min: Option<f64>, max: Option<f64> },
    Length { min: Option<f64>, max: Option<f64> },
    AllowedValues(Vec<String>),
}

fn constraint_violating_defaults(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    outline
        .entries("parameters")
        .iter()
        .filter_map(|entry| violating_default(outline, entry))
        .collect()
}

fn violating_default(outline: &Outline, entry: &Entry) -> Option<Candidate> {
    let type_line = entry.attribute("type")?;
    let type_body = outline.lines[type_line.line].body;
    let (start, end, _) = scalar_at(type_body, type_line.value_start)?;
    let parameter_type = &type_body[start..end];
    let default = entry.attribute("default")?;
    let default_body = outline.lines[default.line].body;
    let (value_start, value_end, after) = scalar_at(default_body, default.value_start)?;
    if after < default.value_end {
        return None;
    }
    // Replace the whole scalar, quotes included.
    let quoted = matches!(default_body.as_bytes()[default.value_start], b'"' | b'\'');
    let (replace_start, replace_end) = if quoted {
        (value_start - 1, value_end + 1)
    } else {
        (value_start, value_end)
    };
    let current = &default_body[value_start..value_end];
    let constraints = entry_constraints(outline, entry);
    let (violating, why) = constraints
        .iter()
        .find_map(|constraint| violation(parameter_type, current, constraint))?;
    Some(Candidate {
        line: default.line,
        column: replace_start,
        description: format!(
            "default of parameter `{}` changed from `{current}` to `{violating}` ({why})",
            entry.name.key
        ),
        edit: Edit::Replace {
            line: default.line,
            start: replace_start,
            end: replace_end,
            with: violating,
        },
    })
}

/// A default (as YAML text) that breaks `constraint`, and why.
fn violation(
    parameter_type: &str,
    current: &str,
    constraint: &Constraint,
) -> Option<(String, String)> {
    match (parameter_type, constraint) {
        ("number", Constraint::Range { min, max }) => {
            let (value, bound) = match (min, max) {
                (_, Some(max)) => (
                    max + 1.0,
                    format!("above the range maximum {}", number(*max)),
                ),
                (Some(min), None) => (
                    min - 1.0,
                    format!("below the range minimum {}", number(*min)),
                ),
                (None, None) => return None,
            };
            Some((number(value), bound))
        }
        ("string", Constraint::Length { min, max }) => {
            let whole = |bound: &Option<f64>| bound.filter(|bound| bound.fract() == 0.0);
            let length = match (whole(min), whole(max)) {
                (_, Some(max)) if (0.0..1000.0).contains(&max) => max as usize + 1,
                (Some(min), _) if min >= 1.0 => min as usize - 1,
                _ => return None,
            };
            Some((
                quote("x".repeat(length)),
                format!("length {length} outside the length constraint"),
            ))
        }
        ("string" | "comma_delimited_list", Constraint::AllowedValues(allowed)) => {
            let first = allowed.first()?;
            let mut value = format!("{first}x");
            while allowed.contains(&value) {
                value.push('x');
            }
            if value == current {
                return None;
            }
            Some((quote(value), "not an allowed value".to_string()))
        }
        ("number", Constraint::AllowedValues(allowed)) => {
            let numbers: Vec<f64> = allowed
                .iter()
                .map(|value| value.parse::<f64>().ok())
                .collect::<Option<_>>()?;
            let largest = numbers.iter().copied().fold(f64::NAN, f64::max);
            if largest.is_nan() {
                return None;
            }
            Some((number(largest + 1.0), "not an allowed value".to_string()))
        }
        _ => None,
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A string as a YAML scalar that stays a string: plain when it is a simple
/// word that YAML 1.1 reads as a string, else single-quoted.
fn quote(value: String) -> String {
    let simple = value
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
    let reserved = matches!(
        value.to_ascii_lowercase().as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
    );
    if simple && !reserved {
        value
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

/// The constraints of a parameter written as a block sequence of
/// single-line (`- range: {min: 1, max: 5}`, `- allowed_values: [a, b]`) or
/// block (`- range:` with `min:`/`max:` lines, `- allowed_values:` with
/// `- item` lines) items. Anything else is skipped.
fn entry_constraints(outline: &Outline, entry: &Entry) -> Vec<Constraint> {
    let Some(attribute) = entry.attribute("constraints") else {
        return Vec::new();
    };
    if attribute.value_start != attribute.value_end {
        return Vec::new();
    }
    // The constraint list's lines.
    let mut lines = Vec::new();
    for index in attribute.line + 1..entry.body_end {
        let line = &outline.lines[index];
        if !line.structural {
            continue;
        }
        if line.indent < entry.attribute_indent
            || (line.indent == entry.attribute_indent
                && !line.body[line.indent..].starts_with("- "))
        {
            break;
        }
        lines.push(index);
    }
    let mut constraints = Vec::new();
    let mut position = 0;
    while position < lines.len() {
        let index = lines[position];
        let line = &outline.lines[index];
        let Some(item) = line.body[line.indent..].strip_prefix("- ") else {
            position += 1;
            continue;
        };
        let item_column = line.body.len() - item.trim_start().len();
        // The item's other lines.
        let item_end = lines[position + 1..]
            .iter()
            .position(|&next| {
                let next_line = &outline.lines[next];
                next_line.indent <= line.indent
            })
            .map_or(lines.len(), |offset| position + 1 + offset);
        let item_lines = &lines[position + 1..item_end];
        if let Some(constraint) = item_constraint(outline, index, item_column, item_lines) {
            constraints.push(constraint);
        }
        position = item_end;
    }
    constraints
}

fn item_constraint(
    outline: &Outline,
    index: usize,
    column: usize,
    item_lines: &[usize],
) -> Option<Constraint> {
    let key = key_line(&outline.lines, index, column)?;
    let body = outline.lines[index].body;
    let value = &body[key.value_start..key.value_end];
    // Lines of the constraint's own value: deeper than the item's keys, or
    // sequence items at their level.
    let value_lines: Vec<usize> = item_lines
        .iter()
        .copied()
        .filter(|&line| {
            let line = &outline.lines[line];
            line.indent > column
                || (line.indent == column && line.body[line.indent..].starts_with("- "))
        })
        .collect();
    match key.key.as_str() {
        "range" | "length" => {
            let pairs = if value.is_empty() {
                block_map(outline, &value_lines)?
            } else {
                flow_map(value)?
            };
            let mut min = None;
            let mut max = None;
            for (name, number) in pairs {
                let number = number.parse::<f64>().ok()?;
                match name.as_str() {
                    "min" => min = Some(number),
                    "max" => max = Some(number),
                    _ => return None,
                }
            }
            if key.key == "range" {
                Some(Constraint::Range { min, max })
            } else {
                Some(Constraint::Length { min, max })
            }
        }
        "allowed_values" => {
            let values = if value.is_empty() {
                block_items(outline, &value_lines)?
            } else {
                flow_items(value)?
            };
            (!values.is_empty()).then_some(Constraint::AllowedValues(values))
        }
        _ => None,
    }
}

/// `{a: 1, b: 2}` on one line.
fn flow_map(value: &str) -> Option<Vec<(String, String)>> {
    let inner = value.strip_prefix('{')?.strip_suffix('}')?;
    inner
        .split(',')
        .map(|pair| {
            let (name, number) = pair.split_once(':')?;
            Some((name.trim().to_string(), number.trim().to_string()))
        })
        .collect()
}

/// `min: 1` lines.
fn block_map(outline: &Outline, lines: &[usize]) -> Option<Vec<(String, String)>> {
    lines
        .iter()
        .map(|&index| {
            let line = &outline.lines[index];
            let key = key_line(&outline.lines, index, line.indent)?;
            Some((
                key.key,
                line.body[key.value_start..key.value_end].to_string(),
            ))
        })
        .collect()
}

/// `[a, 'b', "c"]` on one line, scalars only.
fn flow_items(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut at = 0;
    let padded = format!("{inner}]");
    while next_char(&padded, at) != Some(b']') {
        let (start, end, after) = scalar_at(&padded, at)?;
        items.push(padded[start..end].to_string());
        match next_char(&padded, after) {
            Some(b',') => at = next_char_position(&padded, after) + 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    Some(items)
}

/// `- a` lines.
fn block_items(outline: &Outline, lines: &[usize]) -> Option<Vec<String>> {
    lines
        .iter()
        .map(|&index| {
            let line = &outline.lines[index];
            let item = line.body[line.indent..].strip_prefix("- ")?;
            let at = line.body.len() - item.len();
            let (start, end, after) = scalar_at(line.body, at)?;
            (next_char(line.body, after).is_none() || next_char(line.body, after) == Some(b'#'))
                .then(|| line.body[start..end].to_string())
        })
        .collect()
}

fn added_cycles(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let entries = outline.entries("resources");
    let owner = |line: usize| {
        entries
            .iter()
            .find(|entry| entry.body_start <= line && line < entry.body_end)
    };
    // (referencing, referenced) pairs, in file order of the reference.
    let mut references: Vec<NameAt> = function_arguments(outline, "get_resource", true);
    references.extend(function_arguments(outline, "get_attr", false));
    references.extend(
        entries
            .iter()
            .flat_map(|entry| depends_on_targets_of(outline, entry)),
    );
    references.sort_by_key(|name| (name.line, name.start));
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for reference in references {
        let Some(from) = owner(reference.line) else {
            continue;
        };
        let Some(to) = entries
            .iter()
            .find(|entry| entry.name.key == reference.name)
        else {
            continue;
        };
        if from.name.key == to.name.key
            || to.attribute_indent == 0
            || to.attribute("depends_on").is_some()
            || !seen.insert(to.name.key.clone())
        {
            continue;
        }
        let indent = " ".repeat(to.attribute_indent);
        let target = quote(from.name.key.clone());
        found.push(Candidate {
            line: reference.line,
            column: reference.start,
            description: format!(
                "`{}` references `{}`; `{}` now depends on `{}`",
                from.name.key, to.name.key, to.name.key, from.name.key
            ),
            edit: Edit::InsertLine {
                before: to.name.line + 1,
                text: format!("{indent}depends_on: {target}"),
            },
        });
    }
    found
}

fn undefined_conditions(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let conditions = outline.names("conditions");
    let taken = outline.taken_names();
    let mut names = function_arguments(outline, "if", false);
    for section in ["resources", "outputs"] {
        for entry in outline.entries(section) {
            let Some(attribute) = entry.attribute("condition") else {
                continue;
            };
            let body = outline.lines[attribute.line].body;
            if let Some((start, end, after)) = scalar_at(body, attribute.value_start)
                && after >= attribute.value_end
            {
                names.push(NameAt {
                    line: attribute.line,
                    start,
                    end,
                    name: body[start..end].to_string(),
                });
            }
        }
    }
    names
        .iter()
        .filter(|name| conditions.contains(&name.name))
        .filter_map(|name| rename(name, "condition", &taken))
        .collect()
}

// ---------------------------------------------------------------------------
// The resource-type catalog
// ---------------------------------------------------------------------------

/// What the catalog kinds need to know about Heat's resource types.
pub struct Catalog {
    pub types: BTreeMap<String, CatalogType>,
    /// Heat's global aliases: a name (or a prefix, ending in `*`) and what
    /// it stands for (a type, a prefix, or a template URL).
    pub aliases: Vec<(String, String)>,
}

pub struct CatalogType {
    pub properties: BTreeMap<String, CatalogProperty>,
    pub attributes: BTreeSet<String>,
    /// Any `get_attr` name passes.
    pub dynamic_attributes: bool,
    pub accepts_any_properties: bool,
    /// The service is gone: Heat accepts the type and creates nothing.
    pub removed_placeholder: bool,
}

pub struct CatalogProperty {
    /// `string`, `integer`, `number`, `boolean`, `list`, `map` or `any`.
    pub kind: String,
    pub required: bool,
    pub has_default: bool,
    pub implemented: bool,
    /// Heat moves the value into another property first.
    pub replaced: bool,
    pub constraints: Vec<Constraint>,
}

/// Heat 27.0.1's catalog, as hotc compiles it in.
const HEAT_CATALOG: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/stdlib/catalog/heat-27.0.1.jsonl"
));

impl Catalog {
    /// Heat 27.0.1's resource types, read once.
    pub fn heat() -> &'static Catalog {
        static HEAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        HEAT.get_or_init(|| Catalog::parse(HEAT_CATALOG))
    }

    /// Reads the catalog format (`stdlib/catalog/README.md`); lines it
    /// cannot read are skipped.
    pub fn parse(text: &str) -> Catalog {
        let mut catalog = Catalog {
            types: BTreeMap::new(),
            aliases: Vec::new(),
        };
        let mut current: Option<String> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(Json::Object(fields)) = Json::parse(line) else {
                continue;
            };
            let Some((first, Json::Text(name))) = fields.first() else {
                continue;
            };
            let value = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v);
            let flag = |key: &str| matches!(value(key), Some(Json::Bool(true)));
            match first.as_str() {
                "resource_type" => {
                    catalog.types.insert(
                        name.clone(),
                        CatalogType {
                            properties: BTreeMap::new(),
                            attributes: BTreeSet::new(),
                            dynamic_attributes: flag("dynamic_attributes"),
                            accepts_any_properties: flag("accepts_any_properties"),
                            removed_placeholder: flag("removed_placeholder"),
                        },
                    );
                    current = Some(name.clone());
                }
                "property" => {
                    let Some(ty) = current.as_ref().and_then(|t| catalog.types.get_mut(t)) else {
                        continue;
                    };
                    let kind = match value("type") {
                        Some(Json::Text(kind)) => kind.clone(),
                        _ => "any".to_string(),
                    };
                    let constraints = match value("constraints") {
                        Some(Json::List(items)) => {
                            items.iter().filter_map(catalog_constraint).collect()
                        }
                        _ => Vec::new(),
                    };
                    ty.properties.insert(
                        name.clone(),
                        CatalogProperty {
                            kind,
                            required: flag("required"),
                            has_default: value("default").is_some(),
                            implemented: !matches!(value("implemented"), Some(Json::Bool(false))),
                            replaced: value("replaced_by").is_some(),
                            constraints,
                        },
                    );
                }
                "attribute" => {
                    if let Some(ty) = current.as_ref().and_then(|t| catalog.types.get_mut(t)) {
                        ty.attributes.insert(name.clone());
                    }
                }
                "alias" => {
                    if let Some(Json::Text(target)) = value("target") {
                        catalog.aliases.push((name.clone(), target.clone()));
                    }
                    current = None;
                }
                // A type's own, but nothing the kinds need.
                "update_policy" => {}
                _ => current = None,
            }
        }
        catalog
    }

    /// The type a name stands for, after Heat's global aliases.
    pub fn resolve(&self, name: &str) -> Option<&CatalogType> {
        if let Some(ty) = self.types.get(name) {
            return Some(ty);
        }
        self.types.get(&self.alias_target(name)?)
    }

    /// Whether Heat takes the name as a resource type: one of its own, or
    /// an alias of one (or of a template).
    pub fn knows(&self, name: &str) -> bool {
        self.types.contains_key(name)
            || self.alias_target(name).is_some_and(|target| {
                target.ends_with(".yaml")
                    || target.ends_with(".template")
                    || self.types.contains_key(&target)
            })
    }

    fn alias_target(&self, name: &str) -> Option<String> {
        self.aliases.iter().find_map(|(alias, target)| {
            match (alias.strip_suffix('*'), target.strip_suffix('*')) {
                (Some(prefix), Some(replacement)) => name
                    .strip_prefix(prefix)
                    .map(|rest| format!("{replacement}{rest}")),
                (None, _) if alias == name => Some(target.clone()),
                _ => None,
            }
        })
    }
}

/// A `range`, `length` or `allowed_values` constraint of the catalog.
fn catalog_constraint(item: &Json) -> Option<Constraint> {
    let Json::Object(fields) = item else {
        return None;
    };
    let (kind, value) = fields.first()?;
    let bounds = |value: &Json| {
        let Json::Object(bounds) = value else {
            return None;
        };
        let mut min = None;
        let mut max = None;
        for (key, bound) in bounds {
            let Json::Number(bound) = bound else {
                return None;
            };
            match key.as_str() {
                "min" => min = Some(*bound),
                "max" => max = Some(*bound),
                _ => return None,
            }
        }
        Some((min, max))
    };
    match kind.as_str() {
        "range" => bounds(value).map(|(min, max)| Constraint::Range { min, max }),
        "length" => bounds(value).map(|(min, max)| Constraint::Length { min, max }),
        "allowed_values" => {
            let Json::List(items) = value else {
                return None;
            };
            let values = items
                .iter()
                .map(|item| match item {
                    Json::Text(text) => Some(text.clone()),
                    Json::Number(number) => Some(self::number(*number)),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>()?;
            (!values.is_empty()).then_some(Constraint::AllowedValues(values))
        }
        _ => None,
    }
}

/// A JSON value, as far as the catalog needs one.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    /// Keys in the order written.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The JSON text, or `None` when it is not one JSON value.
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = JsonReader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_spaces();
        (reader.at == reader.bytes.len()).then_some(value)
    }
}

struct JsonReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl JsonReader<'_> {
    /// Deeper than this is refused (the catalog nests a few levels).
    const MAX_DEPTH: usize = 64;

    fn skip_spaces(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_spaces();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > Self::MAX_DEPTH {
            return None;
        }
        self.skip_spaces();
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(fields));
                }
                loop {
                    self.skip_spaces();
                    let key = self.text()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    fields.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(fields));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::List(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::List(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.text().map(Json::Text),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => {
                let start = self.at;
                while self.bytes.get(self.at).is_some_and(|byte| {
                    matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                }) {
                    self.at += 1;
                }
                let number = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                number.parse::<f64>().ok().map(Json::Number)
            }
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    /// A string, at its opening quote.
    fn text(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut text = String::new();
        loop {
            let start = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|byte| *byte != b'"' && *byte != b'\\')
            {
                self.at += 1;
            }
            text.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(text);
                }
                _ => {
                    let escape = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    match escape {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) {
                                // A surrogate pair: `\uD83D\uDE00`.
                                if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
                                    return None;
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            text.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

// ---------------------------------------------------------------------------
// Kinds across files and against the catalog
// ---------------------------------------------------------------------------

/// [`rename`], saying where the name is.
fn rename_in(
    name: &NameAt,
    kind_text: &str,
    taken: &BTreeSet<String>,
    context: &str,
) -> Option<Candidate> {
    let mut candidate = rename(name, kind_text, taken)?;
    candidate.description = format!("{} ({context})", candidate.description);
    Some(candidate)
}

/// A block mapping that is the value of a key written alone on its line.
struct Block {
    /// Indentation of the mapping's keys.
    indent: usize,
    keys: Vec<KeyLine>,
    /// The line after the mapping.
    end: usize,
}

impl Block {
    /// The key, where Heat sees it (the last one written).
    fn key(&self, key: &str) -> Option<&KeyLine> {
        self.keys.iter().rfind(|candidate| candidate.key == key)
    }

    /// The keys written once: a fault on a repeated key could be hidden by
    /// (or be) the copy Heat ignores.
    fn single_keys(&self) -> impl Iterator<Item = &KeyLine> {
        self.keys.iter().filter(|key| {
            self.keys
                .iter()
                .filter(|other| other.key == key.key)
                .count()
                == 1
        })
    }

    fn names(&self) -> BTreeSet<String> {
        self.keys.iter().map(|key| key.key.clone()).collect()
    }
}

/// The block mapping under `key` (a key whose value is on the following
/// lines), looking no further than line `limit`; `None` unless every line
/// at the mapping's indentation is a `key: value` line.
fn block_under(outline: &Outline, key: &KeyLine, limit: usize) -> Option<Block> {
    if key.value_start != key.value_end {
        return None;
    }
    let parent = outline.lines[key.line].indent;
    let first = (key.line + 1..limit).find(|&index| outline.lines[index].structural)?;
    let indent = outline.lines[first].indent;
    if indent <= parent {
        return None;
    }
    let end = (first..limit)
        .find(|&index| outline.lines[index].structural && outline.lines[index].indent <= parent)
        .unwrap_or(limit);
    let mut keys = Vec::new();
    for index in first..end {
        let line = &outline.lines[index];
        if !line.structural || line.indent > indent {
            continue;
        }
        if line.indent < indent {
            return None;
        }
        keys.push(key_line(&outline.lines, index, indent)?);
    }
    Some(Block { indent, keys, end })
}

/// The value of `key`, a key of `block`, is all on its line: there is one,
/// it is no block scalar, anchor, alias or tag, it leaves no flow
/// collection or quoted scalar open, and no deeper line continues it. Such
/// a line can be removed and the text stays valid YAML.
fn one_line_value(outline: &Outline, key: &KeyLine, block: &Block) -> bool {
    let body = outline.lines[key.line].body;
    let value = &body[key.value_start..key.value_end];
    let Some(first) = value.chars().next() else {
        return false;
    };
    if matches!(first, '|' | '>' | '&' | '*' | '!') {
        return false;
    }
    let closed = match first {
        '[' => value.ends_with(']'),
        '{' => value.ends_with('}'),
        '"' | '\'' => value.len() > 1 && value.ends_with(first),
        _ => true,
    };
    let next = (key.line + 1..block.end).find(|&index| outline.lines[index].structural);
    closed && next.is_none_or(|index| outline.lines[index].indent <= block.indent)
}

/// The value of `key` when it is one scalar (plain, or quoted without
/// escapes).
fn scalar_value(outline: &Outline, key: &KeyLine) -> Option<String> {
    let body = outline.lines[key.line].body;
    let (start, end, after) = scalar_at(body, key.value_start)?;
    (after >= key.value_end).then(|| body[start..end].to_string())
}

/// Heat takes a type as a template when it ends so.
fn is_template_path(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".template")
}

/// A key line as a name to misspell.
fn key_name(key: &KeyLine) -> NameAt {
    NameAt {
        line: key.line,
        start: key.key_start,
        end: key.key_end,
        name: key.key.clone(),
    }
}

/// A stack that a resource creates from a template of the tree: a template
/// resource, or the members of a ResourceGroup.
struct TemplateUse {
    resource: String,
    /// The `type:` line that names the template.
    type_line: usize,
    /// The properties given, when written as a block mapping.
    properties: Option<Block>,
    /// The nested template's text.
    nested: String,
    member: bool,
}

/// The nested template at `path`, relative to the template, if it is a
/// HOT template of the tree.
fn nested_template(context: &Context, path: &str) -> Option<String> {
    let text = context.neighbours.read(path)?;
    Outline::new(&text)
        .section("heat_template_version")
        .is_some()
        .then_some(text)
}

fn template_uses(context: &Context) -> Vec<TemplateUse> {
    let outline = context.outline;
    let mut uses = Vec::new();
    for entry in outline.entries("resources") {
        let Some(type_key) = entry.attribute("type") else {
            continue;
        };
        let Some(type_name) = scalar_value(outline, type_key) else {
            continue;
        };
        let properties = entry
            .attribute("properties")
            .and_then(|key| block_under(outline, key, entry.body_end));
        if is_template_path(&type_name) {
            if let Some(nested) = nested_template(context, &type_name) {
                uses.push(TemplateUse {
                    resource: entry.name.key.clone(),
                    type_line: type_key.line,
                    properties,
                    nested,
                    member: false,
                });
            }
            continue;
        }
        if type_name != "OS::Heat::ResourceGroup" {
            continue;
        }
        // The member definition: `resource_def` with `type` and `properties`.
        let Some(definition) = properties
            .as_ref()
            .and_then(|block| block_under(outline, block.key("resource_def")?, block.end))
        else {
            continue;
        };
        let Some(member_type) = definition.key("type") else {
            continue;
        };
        let Some(member_name) = scalar_value(outline, member_type) else {
            continue;
        };
        if !is_template_path(&member_name) {
            continue;
        }
        if let Some(nested) = nested_template(context, &member_name) {
            uses.push(TemplateUse {
                resource: entry.name.key.clone(),
                type_line: member_type.line,
                properties: definition
                    .key("properties")
                    .and_then(|key| block_under(outline, key, definition.end)),
                nested,
                member: true,
            });
        }
    }
    uses
}

fn what_uses(template_use: &TemplateUse) -> String {
    if template_use.member {
        format!("the members of group `{}`", template_use.resource)
    } else {
        format!("template resource `{}`", template_use.resource)
    }
}

fn missing_get_file_targets(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let mut found = Vec::new();
    for (start, end) in outline.function_ranges() {
        for index in start..end {
            if !outline.lines[index].structural {
                continue;
            }
            let body = outline.lines[index].body;
            for (_, after_colon) in calls_on_line(outline, index, "get_file") {
                let Some((path_start, path_end, after)) =
                    scalar_at(body, next_char_position(body, after_colon))
                else {
                    continue;
                };
                let path = &body[path_start..path_end];
                if !ends_value(body, after) || !context.neighbours.exists(path) {
                    continue;
                }
                // A letter of the file name, not of its folders or extension.
                let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
                let name = &path[name_start..];
                let stem_end = name.rfind('.').filter(|&dot| dot > 0).unwrap_or(name.len());
                let (folder, stem, extension) =
                    (&path[..name_start], &name[..stem_end], &name[stem_end..]);
                let exists = |stem: &str| {
                    context
                        .neighbours
                        .exists(&format!("{folder}{stem}{extension}"))
                };
                let Some(misspelt) = misspell_where(stem, &exists) else {
                    continue;
                };
                let misspelt = format!("{folder}{misspelt}{extension}");
                found.push(Candidate {
                    line: index,
                    column: path_start,
                    description: format!("get_file `{path}` changed to `{misspelt}`, no such file"),
                    edit: Edit::Replace {
                        line: index,
                        start: path_start,
                        end: path_end,
                        with: misspelt,
                    },
                });
            }
        }
    }
    found
}

fn unknown_nested_properties(context: &Context) -> Vec<Candidate> {
    let mut found = Vec::new();
    for template_use in template_uses(context) {
        let Some(properties) = &template_use.properties else {
            continue;
        };
        let nested = Outline::new(&template_use.nested);
        let parameters = nested.names("parameters");
        let mut taken = parameters.clone();
        taken.extend(properties.names());
        let given = format!("given to {}", what_uses(&template_use));
        found.extend(
            properties
                .single_keys()
                .filter(|key| parameters.contains(&key.key))
                .filter_map(|key| rename_in(&key_name(key), "nested parameter", &taken, &given)),
        );
    }
    found
}

fn missing_nested_parameters(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let mut found = Vec::new();
    for template_use in template_uses(context) {
        // Heat validates the properties of a template resource, not those of
        // a group's members (their stacks are checked without them).
        let Some(properties) = template_use
            .properties
            .as_ref()
            .filter(|_| !template_use.member)
        else {
            continue;
        };
        let nested = Outline::new(&template_use.nested);
        let entries = nested.entries("parameters");
        // A parameter whose body hotc can read and that has no default.
        let required = |name: &str| {
            entries.iter().any(|entry| {
                entry.name.key == name
                    && entry.attribute_indent > 0
                    && entry.attribute("default").is_none()
            })
        };
        // Removing the only property would leave `properties:` null, another
        // fault.
        if properties.keys.len() < 2 {
            continue;
        }
        for key in properties.single_keys() {
            if !required(&key.key) || !one_line_value(outline, key, properties) {
                continue;
            }
            found.push(Candidate {
                line: key.line,
                column: key.key_start,
                description: format!(
                    "property `{}` of {} removed; the nested parameter has no default",
                    key.key,
                    what_uses(&template_use)
                ),
                edit: Edit::RemoveLine {
                    line: key.line,
                    fault: template_use.type_line,
                },
            });
        }
    }
    found
}

/// `get_attr: [RESOURCE, ATTRIBUTE, ...]` on one line, or as a block
/// sequence under `get_attr:`, in the sections where functions are
/// evaluated: the resource's and the attribute's names.
fn get_attr_pairs(outline: &Outline) -> Vec<(NameAt, NameAt)> {
    let mut found = Vec::new();
    for (start, end) in outline.function_ranges() {
        for index in start..end {
            if !outline.lines[index].structural {
                continue;
            }
            let body = outline.lines[index].body;
            for (key_column, after_colon) in calls_on_line(outline, index, "get_attr") {
                let value = next_char_position(body, after_colon);
                let pair = if value >= strip_comment(body).trim_end().len() {
                    block_pair(outline, index, key_column)
                } else if body.as_bytes()[value] == b'[' {
                    flow_pair(body, index, value)
                } else {
                    None
                };
                found.extend(pair);
            }
        }
    }
    found
}

/// The first two items of `[a, b, ...]`, from the `[` at `open`.
fn flow_pair(body: &str, line: usize, open: usize) -> Option<(NameAt, NameAt)> {
    let (first_start, first_end, after_first) = scalar_at(body, open + 1)?;
    if next_char(body, after_first) != Some(b',') {
        return None;
    }
    let (second_start, second_end, after_second) =
        scalar_at(body, next_char_position(body, after_first) + 1)?;
    if !ends_item(body, after_second) {
        return None;
    }
    let name = |start: usize, end: usize| NameAt {
        line,
        start,
        end,
        name: body[start..end].to_string(),
    };
    Some((name(first_start, first_end), name(second_start, second_end)))
}

/// The first two items of the block sequence after line `index`.
fn block_pair(outline: &Outline, index: usize, column: usize) -> Option<(NameAt, NameAt)> {
    let first = first_block_item(outline, index, column)?;
    let indent = outline.lines[first.line].indent;
    let second = first_block_item(outline, first.line, indent)?;
    (outline.lines[second.line].indent == indent).then_some((first, second))
}

fn unknown_nested_outputs(context: &Context) -> Vec<Candidate> {
    let templates: BTreeMap<String, String> = template_uses(context)
        .into_iter()
        .filter(|template_use| !template_use.member)
        .map(|template_use| (template_use.resource, template_use.nested))
        .collect();
    get_attr_pairs(context.outline)
        .into_iter()
        .filter_map(|(resource, attribute)| {
            let nested = Outline::new(templates.get(&resource.name)?);
            let mut outputs = nested.names("outputs");
            if !outputs.contains(&attribute.name) {
                return None;
            }
            outputs.extend(["show".to_string(), "OS::stack_id".to_string()]);
            rename_in(
                &attribute,
                "output",
                &outputs,
                &format!("an attribute of template resource `{}`", resource.name),
            )
        })
        .collect()
}

/// A resource whose `type:` names a type of the catalog (after Heat's
/// aliases) that checks what it is given.
struct TypedResource<'e, 'c> {
    entry: &'e Entry,
    type_line: usize,
    type_name: String,
    ty: &'c CatalogType,
    properties: Option<Block>,
}

fn typed_resources<'e, 'c>(
    outline: &'e Outline,
    catalog: &'c Catalog,
) -> Vec<TypedResource<'e, 'c>> {
    outline
        .entries("resources")
        .into_iter()
        .filter_map(|entry| {
            let type_key = entry.attribute("type")?;
            let type_name = scalar_value(outline, type_key)?;
            let ty = catalog.resolve(&type_name)?;
            if ty.removed_placeholder {
                return None;
            }
            Some(TypedResource {
                entry,
                type_line: type_key.line,
                type_name,
                ty,
                properties: entry
                    .attribute("properties")
                    .and_then(|key| block_under(outline, key, entry.body_end)),
            })
        })
        .collect()
}

fn misspelt_types(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let catalog = context.catalog;
    outline
        .entries("resources")
        .into_iter()
        .filter_map(|entry| {
            let key = entry.attribute("type")?;
            let body = outline.lines[key.line].body;
            let (start, end, after) = scalar_at(body, key.value_start)?;
            let name = &body[start..end];
            if after < key.value_end || !catalog.knows(name) || is_template_path(name) {
                return None;
            }
            let misspelt = misspell_where(name, &|candidate| catalog.knows(candidate))?;
            Some(Candidate {
                line: key.line,
                column: start,
                description: format!(
                    "type of resource `{}` misspelt as `{misspelt}`",
                    entry.name.key
                ),
                edit: Edit::Replace {
                    line: key.line,
                    start,
                    end,
                    with: misspelt,
                },
            })
        })
        .collect()
}

fn unknown_properties(context: &Context) -> Vec<Candidate> {
    let mut found = Vec::new();
    for resource in typed_resources(context.outline, context.catalog) {
        let Some(properties) = &resource.properties else {
            continue;
        };
        if resource.ty.accepts_any_properties {
            continue;
        }
        let mut taken: BTreeSet<String> = resource.ty.properties.keys().cloned().collect();
        taken.extend(properties.names());
        let of = format!(
            "of resource `{}`, a {}",
            resource.entry.name.key, resource.type_name
        );
        found.extend(
            properties
                .single_keys()
                .filter(|key| resource.ty.properties.contains_key(&key.key))
                .filter_map(|key| rename_in(&key_name(key), "property", &taken, &of)),
        );
    }
    found
}

fn removed_required_properties(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let mut found = Vec::new();
    for resource in typed_resources(outline, context.catalog) {
        // Removing the only property would leave `properties:` null, another
        // fault.
        let Some(properties) = resource
            .properties
            .as_ref()
            .filter(|properties| properties.keys.len() > 1)
        else {
            continue;
        };
        for key in properties.single_keys() {
            let required = resource
                .ty
                .properties
                .get(&key.key)
                .is_some_and(|property| property.required && !property.has_default);
            if !required || !one_line_value(outline, key, properties) {
                continue;
            }
            found.push(Candidate {
                line: key.line,
                column: key.key_start,
                description: format!(
                    "property `{}`, which {} requires, removed from resource `{}`",
                    key.key, resource.type_name, resource.entry.name.key
                ),
                edit: Edit::RemoveLine {
                    line: key.line,
                    fault: resource.type_line,
                },
            });
        }
    }
    found
}

fn unknown_attributes(context: &Context) -> Vec<Candidate> {
    let resources = typed_resources(context.outline, context.catalog);
    get_attr_pairs(context.outline)
        .into_iter()
        .filter_map(|(target, attribute)| {
            let resource = resources
                .iter()
                .rfind(|resource| resource.entry.name.key == target.name)?;
            let attributes = &resource.ty.attributes;
            if resource.ty.dynamic_attributes || !attributes.contains(&attribute.name) {
                return None;
            }
            rename_in(
                &attribute,
                "attribute",
                attributes,
                &format!("of resource `{}`, a {}", target.name, resource.type_name),
            )
        })
        .collect()
}

fn constraint_violating_literals(context: &Context) -> Vec<Candidate> {
    let outline = context.outline;
    let mut found = Vec::new();
    for resource in typed_resources(outline, context.catalog) {
        let Some(properties) = &resource.properties else {
            continue;
        };
        for key in properties.single_keys() {
            let Some(property) = resource.ty.properties.get(&key.key) else {
                continue;
            };
            let value_type = match property.kind.as_str() {
                "string" => "string",
                "integer" | "number" => "number",
                _ => continue,
            };
            if !property.implemented
                || property.replaced
                || !one_line_value(outline, key, properties)
            {
                continue;
            }
            let body = outline.lines[key.line].body;
            let Some((value_start, value_end, after)) = scalar_at(body, key.value_start) else {
                continue;
            };
            if after < key.value_end {
                continue;
            }
            // Replace the whole scalar, quotes included.
            let quoted = matches!(body.as_bytes()[key.value_start], b'"' | b'\'');
            let (start, end) = if quoted {
                (value_start - 1, value_end + 1)
            } else {
                (value_start, value_end)
            };
            let current = &body[value_start..value_end];
            let Some((violating, why)) = property
                .constraints
                .iter()
                .find_map(|constraint| violation(value_type, current, constraint))
            else {
                continue;
            };
            found.push(Candidate {
                line: key.line,
                column: start,
                description: format!(
                    "property `{}` of resource `{}` changed from `{current}` to `{violating}` ({why})",
                    key.key, resource.entry.name.key
                ),
                edit: Edit::Replace {
                    line: key.line,
                    start,
                    end,
                    with: violating,
                },
            });
        }
    }
    found
}
