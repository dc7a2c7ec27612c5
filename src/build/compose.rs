//! Composition: a blueprint's blocks, kept or dropped by the spec's flags, with
//! the generated pieces inserted, merged section by section into templates.
//!
//! Block files are HOT snippets with top-level sections. Three directives, all
//! YAML comments so that blocks stay readable YAML:
//! `#@ if FLAG` / `#@ else` / `#@ end` keep lines by a flag, and
//! `#@ insert NAME [ARG]` is replaced by generated lines, at its indentation.

use std::collections::BTreeSet;

/// Generates the lines of `#@ insert NAME ARG`.
pub type Insert<'a> = dyn FnMut(&str, &str) -> Result<Vec<String>, String> + 'a;

/// Applies the directives of one block.
pub fn preprocess(
    text: &str,
    flags: &BTreeSet<&str>,
    insert: &mut Insert,
) -> Result<String, String> {
    let mut out = String::new();
    // One entry per open `if`: (keeping lines of this branch, parent keeping).
    let mut stack: Vec<(bool, bool)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let keeping = stack.last().is_none_or(|&(on, parent)| on && parent);
        if let Some(directive) = trimmed.strip_prefix("#@") {
            let mut words = directive.split_whitespace();
            match words.next() {
                Some("if") => {
                    let flag = words.next().ok_or("`#@ if` without a flag")?;
                    stack.push((flags.contains(flag), keeping));
                }
                Some("else") => {
                    let top = stack.last_mut().ok_or("`#@ else` without `#@ if`")?;
                    top.0 = !top.0;
                }
                Some("end") => {
                    stack.pop().ok_or("`#@ end` without `#@ if`")?;
                }
                Some("insert") => {
                    if keeping {
                        let name = words.next().ok_or("`#@ insert` without a name")?;
                        let arg = words.next().unwrap_or("");
                        let indent = &line[..line.len() - trimmed.len()];
                        for generated in insert(name, arg)? {
                            if generated.is_empty() {
                                out.push('\n');
                            } else {
                                out.push_str(indent);
                                out.push_str(&generated);
                                out.push('\n');
                            }
                        }
                    }
                }
                other => return Err(format!("unknown directive `#@ {}`", other.unwrap_or(""))),
            }
            continue;
        }
        if keeping {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !stack.is_empty() {
        return Err("`#@ if` without `#@ end`".into());
    }
    Ok(out)
}

/// The top-level sections of a block, in order: (name, body lines). Comment
/// lines before the first section are the block's header and are dropped.
pub fn sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let top_level = !line.starts_with([' ', '#']) && !line.trim().is_empty();
        if top_level {
            let name = line.trim_end().trim_end_matches(':').to_string();
            out.push((name, Vec::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push(line.to_string());
        }
    }
    for (_, body) in &mut out {
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_keep_drop_and_insert() {
        let text = "a:\n  #@ if x\n  b: 1\n  #@ else\n  c: 2\n  #@ end\n  #@ insert z q\n";
        let mut flags = BTreeSet::new();
        let mut insert = |name: &str, arg: &str| Ok(vec![format!("{name}: {arg}")]);
        assert_eq!(
            preprocess(text, &flags, &mut insert).unwrap(),
            "a:\n  c: 2\n  z: q\n"
        );
        flags.insert("x");
        assert_eq!(
            preprocess(text, &flags, &mut insert).unwrap(),
            "a:\n  b: 1\n  z: q\n"
        );
        assert!(preprocess("#@ if x\n", &flags, &mut insert).is_err());
    }

    #[test]
    fn sections_split_on_top_level_keys() {
        let s = sections("# header\nresources:\n  a: 1\n\noutputs:\n  o: 2\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], ("resources".to_string(), vec!["  a: 1".to_string()]));
        assert_eq!(s[1].0, "outputs");
    }
}
