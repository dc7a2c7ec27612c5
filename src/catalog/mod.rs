//! The resource-type catalog: every resource type Heat knows, with its
//! properties, attributes, update-policy schema and support status, the custom
//! constraint names Heat registers and the aliases of Heat's global
//! environment.
//!
//! Heat releases ship inside the binary (`stdlib/catalog/heat-*.jsonl`, see
//! `stdlib/catalog/README.md` for the format); a user's own types for custom
//! plugins are a file in the same format, read with [`Catalog::parse`] and
//! layered over a release with [`CatalogSet`].
//!
//! Loading costs nothing at start-up: the first use of a catalog scans its
//! lines for type names (no JSON parsing), and each type's lines are parsed
//! the first time the type is looked up.

mod aliases;
pub mod format;
pub mod import;
pub mod model;
pub mod show;
pub mod value;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

pub use aliases::Resolved;
pub use format::CatalogError;
use format::Kind;
pub use model::{
    Alias, AttributeSchema, CustomConstraintInfo, PropertySchema, PropertyType, ResourceType,
    Status, SupportStatus,
};

mod releases {
    /// A catalog shipped with hotc, indexed at compile time by `build.rs`.
    pub(super) struct Release {
        pub version: &'static str,
        pub text: &'static str,
        /// (name, start, end, line) of each type's lines, sorted by name.
        pub types: &'static [(&'static str, usize, usize, usize)],
        /// (start, end, line) of each custom-constraint and alias line.
        pub meta: &'static [(usize, usize, usize)],
    }

    // `static RELEASES: &[Release]`, one per `stdlib/catalog/heat-<version>.jsonl`,
    // oldest first.
    include!(concat!(env!("OUT_DIR"), "/catalog_releases.rs"));
}

/// One catalog: a Heat release's, or a user's file.
#[derive(Debug)]
pub struct Catalog {
    name: String,
    heat_version: Option<String>,
    text: Cow<'static, str>,
    /// Sorted by name.
    types: Vec<TypeEntry>,
    /// The custom-constraint and alias lines, read on first use.
    meta_lines: Vec<(Range<usize>, usize)>,
    meta: OnceLock<Meta>,
}

#[derive(Debug, Default)]
struct Meta {
    /// Sorted by name.
    custom_constraints: Vec<CustomConstraintInfo>,
    /// In file order.
    aliases: Vec<Alias>,
}

#[derive(Debug)]
struct TypeEntry {
    name: Cow<'static, str>,
    /// The type's lines: its `resource_type` line and the members below it.
    range: Range<usize>,
    /// The line number of the `resource_type` line.
    line: usize,
    parsed: OnceLock<ResourceType>,
}

impl Catalog {
    /// The newest Heat release shipped with hotc (Heat 27.0.1).
    #[allow(clippy::expect_used, reason = "the release list is compiled in")]
    pub fn builtin() -> &'static Catalog {
        Catalog::builtin_releases()
            .last()
            .expect("at least one Heat release ships with hotc")
    }

    /// The catalog of a Heat release shipped with hotc, by version (`"27.0.1"`).
    pub fn release(version: &str) -> Option<&'static Catalog> {
        Catalog::builtin_releases()
            .iter()
            .find(|c| c.heat_version.as_deref() == Some(version))
    }

    /// The versions of the Heat releases shipped with hotc, oldest first.
    pub fn releases() -> Vec<&'static str> {
        releases::RELEASES.iter().map(|r| r.version).collect()
    }

    fn builtin_releases() -> &'static [Catalog] {
        static BUILTIN: OnceLock<Vec<Catalog>> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            releases::RELEASES
                .iter()
                .map(Catalog::from_release)
                .collect()
        })
    }

    /// A built-in catalog from its compile-time index: only the header line
    /// is read now.
    #[allow(clippy::panic, reason = "built-in data, parsed whole by a test")]
    fn from_release(release: &'static releases::Release) -> Catalog {
        let header = format::record_lines(release.text)
            .next()
            .ok_or_else(|| "empty".to_string())
            .and_then(|line| format::read_header(&line).map_err(|e| e.to_string()));
        let header = match header {
            Ok(header) => header,
            // The files ship inside the binary and a test parses them all.
            Err(e) => panic!("stdlib/catalog/heat-{}.jsonl: {e}", release.version),
        };
        Catalog {
            name: header.catalog,
            heat_version: header.heat_version,
            text: Cow::Borrowed(release.text),
            types: release
                .types
                .iter()
                .map(|&(name, start, end, line)| TypeEntry {
                    name: Cow::Borrowed(name),
                    range: start..end,
                    line,
                    parsed: OnceLock::new(),
                })
                .collect(),
            meta_lines: release
                .meta
                .iter()
                .map(|&(start, end, line)| (start..end, line))
                .collect(),
            meta: OnceLock::new(),
        }
    }

    /// Indexes a catalog text that is known to be valid (a built-in one)
    /// without reading its records: what [`Catalog::builtin`] does once.
    /// Lines are parsed on first use, and an invalid one panics then.
    #[doc(hidden)]
    pub fn index_trusted(text: &'static str) -> Result<Catalog, CatalogError> {
        Catalog::index(Cow::Borrowed(text))
    }

    /// Reads a catalog file, checking every line; a mistake is reported with
    /// its line and column.
    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let catalog = Catalog::index(Cow::Owned(text.to_string()))?;
        let _ = catalog.meta.set(catalog.read_meta()?);
        for entry in &catalog.types {
            let ty = catalog.parse_type(entry)?;
            let _ = entry.parsed.set(ty);
        }
        Ok(catalog)
    }

    /// Scans the lines: the header is read; the other lines are only located.
    fn index(text: Cow<'static, str>) -> Result<Catalog, CatalogError> {
        let mut lines = format::record_lines(&text).peekable();
        let Some(first) = lines.next() else {
            return Err(CatalogError {
                line: 1,
                column: 1,
                message: "a catalog starts with a header line: {\"catalog\":\"NAME\",\"format\":1}"
                    .into(),
            });
        };
        if format::kind_of(&first)? != Kind::Header {
            return Err(CatalogError {
                line: first.number,
                column: 1,
                message: "a catalog starts with a header line: {\"catalog\":\"NAME\",\"format\":1}"
                    .into(),
            });
        }
        let header = format::read_header(&first)?;
        let mut types: Vec<TypeEntry> = Vec::new();
        let mut meta_lines = Vec::new();
        let mut in_type = false;
        for line in lines {
            let kind = match format::quick_kind(line.text) {
                Some(kind) => kind,
                None => format::kind_of(&line)?,
            };
            let end = line.start + line.text.len();
            match kind {
                Kind::Header => {
                    return Err(CatalogError {
                        line: line.number,
                        column: 1,
                        message: "a catalog has one header line, the first".into(),
                    });
                }
                Kind::CustomConstraint | Kind::Alias => {
                    meta_lines.push((line.start..end, line.number));
                    in_type = false;
                }
                Kind::ResourceType => {
                    let name: Cow<'static, str> = match format::quick_type_name(line.text) {
                        Some(name) => Cow::Owned(name.to_string()),
                        None => Cow::Owned(format::read_type(&line)?.name),
                    };
                    types.push(TypeEntry {
                        name,
                        range: line.start..end,
                        line: line.number,
                        parsed: OnceLock::new(),
                    });
                    in_type = true;
                }
                // Members follow their type line directly (other lines between
                // would end up inside the type's lines).
                Kind::Property | Kind::Attribute | Kind::UpdatePolicy => {
                    match types.last_mut().filter(|_| in_type) {
                        Some(entry) => entry.range.end = end,
                        None => {
                            return Err(CatalogError {
                            line: line.number,
                            column: 1,
                            message: "a property, attribute or update_policy line follows the resource_type line it belongs to".into(),
                        });
                        }
                    }
                }
            }
        }
        types.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(pair) = types.windows(2).find(|w| w[0].name == w[1].name) {
            return Err(CatalogError {
                line: pair[0].line.max(pair[1].line),
                column: 1,
                message: format!("resource type `{}` is declared twice", pair[1].name),
            });
        }
        Ok(Catalog {
            name: header.catalog,
            heat_version: header.heat_version,
            text,
            types,
            meta_lines,
            meta: OnceLock::new(),
        })
    }

    fn read_meta(&self) -> Result<Meta, CatalogError> {
        let mut meta = Meta::default();
        for (range, number) in &self.meta_lines {
            let line = format::Line {
                number: *number,
                start: range.start,
                text: &self.text[range.clone()],
            };
            if format::kind_of(&line)? == Kind::Alias {
                let a = format::read_alias(&line)?;
                if meta.aliases.iter().any(|o| o.name == a.name) {
                    return Err(duplicate(&line, "alias", &a.name));
                }
                meta.aliases.push(a);
            } else {
                let c = format::read_custom_constraint(&line)?;
                if meta.custom_constraints.iter().any(|o| o.name == c.name) {
                    return Err(duplicate(&line, "custom constraint", &c.name));
                }
                meta.custom_constraints.push(c);
            }
        }
        meta.custom_constraints.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(meta)
    }

    #[allow(clippy::panic, reason = "built-in data, parsed whole by a test")]
    fn meta(&self) -> &Meta {
        self.meta.get_or_init(|| match self.read_meta() {
            Ok(meta) => meta,
            Err(e) => panic!("catalog {}: {e}", self.name),
        })
    }

    fn parse_type(&self, entry: &TypeEntry) -> Result<ResourceType, CatalogError> {
        let text = &self.text[entry.range.clone()];
        let mut lines = format::record_lines(text).map(|mut line| {
            line.number += entry.line - 1;
            line.start += entry.range.start;
            line
        });
        let Some(first) = lines.next() else {
            return Err(CatalogError {
                line: entry.line,
                column: 1,
                message: format!("{}: the type's entry is empty", entry.name),
            });
        };
        let mut ty = format::read_type(&first)?;
        for line in lines {
            let kind = format::kind_of(&line)?;
            format::read_member(&mut ty, kind, &line)?;
        }
        for p in &ty.properties {
            let Some(target) = &p.replaced_by else {
                continue;
            };
            if ty.property(target).is_none() {
                return Err(CatalogError {
                    line: entry.line,
                    column: 1,
                    message: format!(
                        "{}: property `{}` is replaced by `{target}`, which is not a property",
                        ty.name, p.name
                    ),
                });
            }
        }
        Ok(ty)
    }

    /// The catalog's name, from its header (`heat-27.0.1`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Heat release it describes, when it describes one.
    pub fn heat_version(&self) -> Option<&str> {
        self.heat_version.as_deref()
    }

    /// A resource type by exact name (no aliases applied).
    #[allow(
        clippy::panic,
        reason = "user catalogs are parsed whole when loaded, built-in ones by a test"
    )]
    pub fn get(&self, name: &str) -> Option<&ResourceType> {
        let entry = self.entry(name)?;
        Some(entry.parsed.get_or_init(|| match self.parse_type(entry) {
            Ok(ty) => ty,
            Err(e) => panic!("catalog {}: {e}", self.name),
        }))
    }

    /// Whether a type of that exact name exists (without parsing it).
    pub fn contains(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    fn entry(&self, name: &str) -> Option<&TypeEntry> {
        self.types
            .binary_search_by(|e| (*e.name).cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Every type name, sorted.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.types.iter().map(|e| &*e.name)
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Every type, sorted by name (parsing each on first use).
    pub fn types(&self) -> impl Iterator<Item = &ResourceType> {
        self.types.iter().filter_map(|e| self.get(&e.name))
    }

    /// The custom constraint names, sorted.
    pub fn custom_constraints(&self) -> &[CustomConstraintInfo] {
        &self.meta().custom_constraints
    }

    pub fn custom_constraint(&self, name: &str) -> Option<&CustomConstraintInfo> {
        self.custom_constraints().iter().find(|c| c.name == name)
    }

    /// The global environment's aliases (`OS::Quantum*` → `OS::Neutron*`, ...).
    pub fn aliases(&self) -> &[Alias] {
        &self.meta().aliases
    }

    /// A view of this catalog over others: see [`CatalogSet`].
    pub fn layered<'c>(layers: &[&'c Catalog]) -> CatalogSet<'c> {
        CatalogSet::new(layers.to_vec())
    }

    /// Writes the catalog back in the format (parsing every type).
    pub fn to_text(&self) -> String {
        let types: Vec<&ResourceType> = self.types().collect();
        format::write(
            &format::Header {
                name: &self.name,
                heat_version: self.heat_version.as_deref(),
            },
            self.custom_constraints(),
            self.aliases(),
            &types,
        )
    }
}

fn duplicate(line: &format::Line, what: &str, name: &str) -> CatalogError {
    CatalogError {
        line: line.number,
        column: 1,
        message: format!("{what} `{name}` is declared twice"),
    }
}

/// Catalogs seen as one, the first layer winning: a user's types over a Heat
/// release. Type names, custom constraints and aliases are the union.
#[derive(Clone, Debug)]
pub struct CatalogSet<'c> {
    layers: Vec<&'c Catalog>,
}

impl<'c> CatalogSet<'c> {
    /// `layers[0]` wins over `layers[1]`, and so on.
    pub fn new(layers: Vec<&'c Catalog>) -> CatalogSet<'c> {
        CatalogSet { layers }
    }

    /// Just the built-in Heat release.
    pub fn builtin() -> CatalogSet<'static> {
        CatalogSet::new(vec![Catalog::builtin()])
    }

    pub fn layers(&self) -> &[&'c Catalog] {
        &self.layers
    }

    /// A resource type by exact name (no aliases applied).
    pub fn get(&self, name: &str) -> Option<&'c ResourceType> {
        self.layers.iter().find_map(|c| c.get(name))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.layers.iter().any(|c| c.contains(name))
    }

    /// Every type name, sorted, each once.
    pub fn names(&self) -> Vec<&'c str> {
        let mut names: Vec<&'c str> = self.layers.iter().flat_map(|c| c.names()).collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The known type names closest to a misspelt one, best first (at most
    /// `limit`): small edit distances, and types with the same last segment
    /// in another namespace (`OS::Nova::Port` → `OS::Neutron::Port`).
    /// Hidden types are suggested only when nothing else is close.
    pub fn nearest(&self, name: &str, limit: usize) -> Vec<&'c str> {
        let names = self.names();
        let mut found = crate::rules::nearest_few(name, names.iter().copied(), limit);
        let last = |n: &str| n.rsplit("::").next().unwrap_or(n).to_lowercase();
        let wanted = last(name);
        let mut same_last: Vec<(usize, usize, &'c str)> = names
            .iter()
            .filter(|c| **c != name && !found.contains(c) && last(c) == wanted)
            .map(|c| {
                let shared = c
                    .chars()
                    .zip(name.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                (
                    crate::rules::edit_distance(name, c),
                    usize::MAX - shared,
                    *c,
                )
            })
            .collect();
        same_last.sort_unstable();
        found.extend(same_last.into_iter().map(|(_, _, c)| c));
        found.truncate(limit);
        let visible: Vec<&'c str> = found
            .iter()
            .copied()
            .filter(|n| self.get(n).is_some_and(|t| t.status() != Status::Hidden))
            .collect();
        if visible.is_empty() { found } else { visible }
    }

    /// A custom constraint name, from the first layer that registers it.
    pub fn custom_constraint(&self, name: &str) -> Option<&'c CustomConstraintInfo> {
        self.layers.iter().find_map(|c| c.custom_constraint(name))
    }

    /// The aliases of every layer; for the same name, the first layer's.
    pub fn aliases(&self) -> Vec<&'c Alias> {
        let mut all: Vec<&'c Alias> = Vec::new();
        for layer in &self.layers {
            for alias in layer.aliases() {
                if !all.iter().any(|a| a.name == alias.name) {
                    all.push(alias);
                }
            }
        }
        all
    }

    /// What a type name becomes in Heat's global environment: the plugin type
    /// itself, or the type or template an alias (or glob) maps it to. `None`:
    /// Heat reports `The Resource Type (NAME) could not be found.`
    pub fn resolve(&self, name: &str) -> Option<Resolved<'c>> {
        aliases::resolve(self, name)
    }
}

#[cfg(test)]
mod tests;
