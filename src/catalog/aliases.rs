//! Heat's global environment (`/etc/heat/environment.d/default.yaml`): the
//! aliases every stack sees, resolved the way Heat's resource registry does.

use super::{Alias, CatalogSet, ResourceType};

/// What a type name resolves to in the global environment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved<'c> {
    /// A plugin type (the name itself, or an alias's target).
    Type(&'c ResourceType),
    /// A provider template an alias points at (`file:///etc/heat/templates/...`).
    Template(&'c str),
}

impl<'c> Resolved<'c> {
    pub fn resource_type(&self) -> Option<&'c ResourceType> {
        match self {
            Resolved::Type(t) => Some(t),
            Resolved::Template(_) => None,
        }
    }
}

/// Aliases are followed at most this deep (Heat would recurse until Python's
/// limit; a loop resolves to nothing).
const MAX_DEPTH: usize = 16;

pub(super) fn resolve<'c>(set: &CatalogSet<'c>, name: &str) -> Option<Resolved<'c>> {
    let aliases = set.aliases();
    resolve_in(set, &aliases, name, 0)
}

/// Heat gathers every registry entry that matches a name — the exact entry
/// (an alias, or the plugin itself) and the globs whose prefix matches — sorts
/// them by key and takes the first that resolves.
fn resolve_in<'c>(
    set: &CatalogSet<'c>,
    aliases: &[&'c Alias],
    name: &str,
    depth: usize,
) -> Option<Resolved<'c>> {
    if depth > MAX_DEPTH {
        return None;
    }
    enum Candidate<'c> {
        Plugin(&'c ResourceType),
        Alias(&'c Alias),
    }
    let mut candidates: Vec<(&str, Candidate<'c>)> = Vec::new();
    match aliases.iter().find(|a| a.name == name) {
        // An alias with a plugin's name replaces the plugin's entry.
        Some(alias) => candidates.push((&alias.name, Candidate::Alias(alias))),
        None => {
            if let Some(ty) = set.get(name) {
                candidates.push((&ty.name, Candidate::Plugin(ty)));
            }
        }
    }
    for alias in aliases {
        if alias.is_glob()
            && name != alias.target
            && name.starts_with(&alias.name[..alias.name.len() - 1])
        {
            candidates.push((&alias.name, Candidate::Alias(alias)));
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(b.0));
    candidates
        .into_iter()
        .find_map(|(_, candidate)| match candidate {
            Candidate::Plugin(ty) => Some(Resolved::Type(ty)),
            Candidate::Alias(alias) if alias.targets_template() => {
                Some(Resolved::Template(&alias.target))
            }
            Candidate::Alias(alias) => {
                let next = if alias.is_glob() {
                    match alias.target.strip_suffix('*') {
                        Some(prefix) => format!("{prefix}{}", &name[alias.name.len() - 1..]),
                        None => alias.target.clone(),
                    }
                } else {
                    alias.target.clone()
                };
                resolve_in(set, aliases, &next, depth + 1)
            }
        })
}
