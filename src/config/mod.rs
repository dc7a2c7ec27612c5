//! The project file `hotc.toml`: found by walking up from the checked paths
//! (its folder is the tree root) or named with `--config`. Paths in it are
//! relative to its folder. Unknown keys are warnings (rule H961, with their
//! span); invalid values stop hotc with `hotc.toml:LINE:COL: message` (exit 2).
//!
//! ```toml
//! [check]
//! include = ["templates/**"]          # what directory walking picks up
//! exclude = ["**/*.j2.yaml", "vendor"]
//! heat_release = "27.0.1"
//! allow_outside_root = ["../shared/**"]
//! max_diagnostics_per_file = 200
//!
//! [limits]                            # what heat.conf can raise
//! max_nested_depth = 5
//! max_resources_per_stack = 1000
//! max_template_bytes = 524288
//!
//! [rules]
//! unused-parameter = "off"
//! H402 = "warning"
//!
//! [[overrides]]
//! paths = ["legacy/**"]
//! rules = { H901 = "off" }
//!
//! [[stacks]]
//! template = "kubecluster.yaml"
//! environments = [["env/prod.yaml"], ["env/dev.yaml", "env/debug.yaml"]]
//! parameters = { master_flavor = "m1.large" }
//!
//! [types]
//! catalogs = ["plugins/types.json"]
//! ```

pub mod glob;
mod starter;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::check::{CheckOptions, StackSpec};
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::context::Limits;
use crate::source::{LineIndex, SourceFile, SourceMap, Span, display_path};
pub use glob::Glob;
pub use starter::STARTER;

pub const FILE_NAME: &str = "hotc.toml";
/// The Heat releases hotc knows (`[check] heat_release`).
pub const HEAT_RELEASES: &[&str] = &["27.0.1"];
pub const DEFAULT_MAX_DIAGNOSTICS_PER_FILE: usize = 200;

/// What a rule is set to in `[rules]` or an override.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "off" => Level::Off,
            "info" => Level::Info,
            "warning" => Level::Warning,
            "error" => Level::Error,
            _ => return None,
        })
    }

    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// Rule levels by rule code.
pub type RuleLevels = BTreeMap<&'static str, Level>;

/// `[[overrides]]`: rule levels for the files some globs match.
#[derive(Clone, Debug)]
pub struct Override {
    pub paths: Vec<Glob>,
    pub rules: RuleLevels,
}

/// Which files directory walking picks up: relative to `root`, a file must
/// match one of `include` (when there are any) and none of `exclude`.
#[derive(Clone, Debug, Default)]
pub struct PathFilter {
    pub root: PathBuf,
    pub include: Vec<Glob>,
    pub exclude: Vec<Glob>,
}

impl PathFilter {
    pub fn accepts(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            // Outside the project: only `include` can leave it out.
            return self.include.is_empty();
        };
        (self.include.is_empty() || self.include.iter().any(|g| g.matches(relative)))
            && !self.exclude.iter().any(|g| g.matches(relative))
    }
}

/// A key hotc does not know, reported as a warning in `hotc.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A read `hotc.toml`.
#[derive(Clone, Debug)]
pub struct Config {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Its folder: the tree root, and the base of every path in it.
    pub dir: PathBuf,
    pub text: String,
    pub filter: PathFilter,
    pub heat_release: String,
    /// Absolute glob patterns.
    pub allow_outside_root: Vec<String>,
    pub limits: Limits,
    /// 0: no limit.
    pub max_diagnostics_per_file: usize,
    pub rules: RuleLevels,
    pub overrides: Vec<Override>,
    pub stacks: Vec<StackSpec>,
    pub catalogs: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
}

/// An invalid `hotc.toml`: the message names the file, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// `path:line:column` (or `path` when the file cannot be read).
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The nearest `hotc.toml` in `start` (a folder) or a folder above it; for a
/// file, from its folder.
pub fn find(start: &Path) -> Option<PathBuf> {
    let dir = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks a `hotc.toml`. `cwd` decides how its path is shown.
pub fn load(path: &Path, cwd: &Path) -> Result<Config, ConfigError> {
    let path = crate::check::normalize(&if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    });
    let text = std::fs::read(&path)
        .map_err(|e| ConfigError {
            path: path.clone(),
            location: display_path(&path, cwd),
            message: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                _ => format!("cannot be read: {e}"),
            },
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| ConfigError {
                path: path.clone(),
                location: display_path(&path, cwd),
                message: "not valid UTF-8: this is not a TOML file".into(),
            })
        })?;
    parse(&path, &text, cwd)
}

/// Checks the text of a `hotc.toml` at `path` (absolute).
pub fn parse(path: &Path, text: &str, cwd: &Path) -> Result<Config, ConfigError> {
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let mut reader = Reader {
        text,
        lines: LineIndex::new(text),
        path,
        display: display_path(path, cwd),
        dir: dir.clone(),
        warnings: Vec::new(),
    };
    let document = DeTable::parse(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        reader.error_at(
            at,
            format!("this is not valid TOML: {}", e.message().trim()),
        )
    })?;
    let mut config = Config {
        path: path.to_path_buf(),
        dir: dir.clone(),
        text: text.to_string(),
        filter: PathFilter {
            root: dir.clone(),
            ..PathFilter::default()
        },
        heat_release: HEAT_RELEASES[HEAT_RELEASES.len() - 1].to_string(),
        allow_outside_root: Vec::new(),
        limits: Limits::default(),
        max_diagnostics_per_file: DEFAULT_MAX_DIAGNOSTICS_PER_FILE,
        rules: RuleLevels::new(),
        overrides: Vec::new(),
        stacks: Vec::new(),
        catalogs: Vec::new(),
        warnings: Vec::new(),
    };
    for (key, value) in document.get_ref().iter() {
        match key.get_ref().as_ref() {
            "check" => reader.check_table(value, &mut config)?,
            "limits" => reader.limits_table(value, &mut config)?,
            "rules" => config.rules = reader.rule_levels(value, "rules")?,
            "overrides" => {
                for item in reader.tables(value, "overrides")? {
                    config.overrides.push(reader.override_table(item)?);
                }
            }
            "stacks" => {
                for item in reader.tables(value, "stacks")? {
                    let stacks = reader.stack_table(item)?;
                    config.stacks.extend(stacks);
                }
            }
            "types" => reader.types_table(value, &mut config)?,
            _ => reader.unknown(key, "", TOP_LEVEL),
        }
    }
    config.warnings = reader.warnings;
    config.warnings.sort_by_key(|w| w.span.start);
    Ok(config)
}

const TOP_LEVEL: &[&str] = &["check", "limits", "rules", "overrides", "stacks", "types"];
const CHECK_KEYS: &[&str] = &[
    "include",
    "exclude",
    "heat_release",
    "allow_outside_root",
    "max_diagnostics_per_file",
];
const LIMIT_KEYS: &[&str] = &[
    "max_nested_depth",
    "max_resources_per_stack",
    "max_template_bytes",
];
const OVERRIDE_KEYS: &[&str] = &["paths", "rules"];
const STACK_KEYS: &[&str] = &["template", "name", "environments", "parameters"];
const TYPES_KEYS: &[&str] = &["catalogs"];

type Value<'i> = Spanned<DeValue<'i>>;
type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;

struct Reader<'a> {
    text: &'a str,
    lines: LineIndex,
    path: &'a Path,
    display: String,
    dir: PathBuf,
    warnings: Vec<Warning>,
}

impl<'a> Reader<'a> {
    fn error_at(&self, offset: usize, message: String) -> ConfigError {
        let p = self.lines.position(self.text, offset);
        ConfigError {
            path: self.path.to_path_buf(),
            location: format!("{}:{}:{}", self.display, p.line, p.column),
            message,
        }
    }

    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        self.error_at(span.start, message.into())
    }

    fn unknown(&mut self, key: &Key, table: &str, known: &[&str]) {
        let name = key.get_ref().as_ref();
        let place = if table.is_empty() {
            "a section of hotc.toml".to_string()
        } else {
            format!("a key of [{table}]")
        };
        let help = crate::rules::nearest(name, known.iter().copied())
            .map(|n| format!("did you mean `{n}`?"))
            .or_else(|| {
                let what = if table.is_empty() { "sections" } else { "keys" };
                Some(format!("the {what} are {}", known.join(", ")))
            });
        self.warnings.push(Warning {
            span: Span::new(key.span().start, key.span().end),
            message: format!("`{name}` is not {place}; hotc ignores it"),
            help,
        });
    }

    fn table<'v, 'i>(
        &self,
        value: &'v Value<'i>,
        what: &str,
    ) -> Result<&'v DeTable<'i>, ConfigError> {
        value.get_ref().as_table().ok_or_else(|| {
            self.error(
                value.span(),
                format!("{what} must be a table, not {}", type_name(value)),
            )
        })
    }

    /// An array of tables (`[[stacks]]`), or one table.
    fn tables<'v, 'i>(
        &self,
        value: &'v Value<'i>,
        what: &str,
    ) -> Result<Vec<&'v Value<'i>>, ConfigError> {
        match value.get_ref() {
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.table(item, &format!("each of [[{what}]]"))?;
                }
                Ok(items.iter().collect())
            }
            DeValue::Table(_) => Ok(vec![value]),
            _ => Err(self.error(
                value.span(),
                format!("[[{what}]] must be an array of tables"),
            )),
        }
    }

    fn string(&self, value: &Value, what: &str) -> Result<String, ConfigError> {
        value.get_ref().as_str().map(str::to_string).ok_or_else(|| {
            self.error(
                value.span(),
                format!("{what} must be a string, not {}", type_name(value)),
            )
        })
    }

    fn strings(
        &self,
        value: &Value,
        what: &str,
    ) -> Result<Vec<(String, Range<usize>)>, ConfigError> {
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.error(
                value.span(),
                format!(
                    "{what} must be an array of strings, not {}",
                    type_name(value)
                ),
            ));
        };
        items
            .iter()
            .map(|item| {
                Ok((
                    self.string(item, &format!("each item of {what}"))?,
                    item.span(),
                ))
            })
            .collect()
    }

    fn count(&self, value: &Value, what: &str, allow_zero: bool) -> Result<usize, ConfigError> {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => {
                return Err(self.error(
                    value.span(),
                    format!("{what} must be an integer, not {}", type_name(value)),
                ));
            }
        };
        match number {
            Some(n) if n > 0 || (allow_zero && n == 0) => Ok(n as usize),
            _ => Err(self.error(
                value.span(),
                format!(
                    "{what} must be a {} integer",
                    if allow_zero {
                        "non-negative"
                    } else {
                        "positive"
                    }
                ),
            )),
        }
    }

    fn globs(&self, value: &Value, what: &str) -> Result<Vec<Glob>, ConfigError> {
        self.strings(value, what)?
            .into_iter()
            .map(|(text, span)| Glob::new(&text).map_err(|e| self.error(span, e)))
            .collect()
    }

    /// A path relative to the folder of hotc.toml, made absolute.
    fn path_in(&self, text: &str) -> PathBuf {
        crate::check::normalize(&self.dir.join(text))
    }

    fn existing_file(
        &self,
        text: &str,
        span: Range<usize>,
        what: &str,
    ) -> Result<PathBuf, ConfigError> {
        let path = self.path_in(text);
        if path.is_file() {
            Ok(path)
        } else {
            Err(self.error(
                span,
                format!(
                    "{what} `{text}` does not exist (paths are relative to the folder of hotc.toml)"
                ),
            ))
        }
    }

    fn check_table(&mut self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "[check]")?.iter() {
            match key.get_ref().as_ref() {
                "include" => config.filter.include = self.globs(v, "`include`")?,
                "exclude" => config.filter.exclude = self.globs(v, "`exclude`")?,
                "heat_release" => {
                    let release = self.string(v, "`heat_release`")?;
                    if !HEAT_RELEASES.contains(&release.as_str()) {
                        return Err(self.error(
                            v.span(),
                            format!(
                                "hotc does not know Heat release `{release}`; it knows {}",
                                HEAT_RELEASES.join(", ")
                            ),
                        ));
                    }
                    config.heat_release = release;
                }
                "allow_outside_root" => {
                    for (text, span) in self.strings(v, "`allow_outside_root`")? {
                        Glob::new(&text).map_err(|e| self.error(span, e))?;
                        config
                            .allow_outside_root
                            .push(self.path_in(&text).to_string_lossy().into_owned());
                    }
                }
                "max_diagnostics_per_file" => {
                    config.max_diagnostics_per_file =
                        self.count(v, "`max_diagnostics_per_file`", true)?
                }
                _ => self.unknown(key, "check", CHECK_KEYS),
            }
        }
        Ok(())
    }

    fn limits_table(&mut self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "[limits]")?.iter() {
            let name = key.get_ref().as_ref();
            match name {
                "max_nested_depth" => {
                    config.limits.max_nested_depth = self.count(v, "`max_nested_depth`", false)?
                }
                "max_resources_per_stack" => {
                    config.limits.max_resources_per_stack =
                        self.count(v, "`max_resources_per_stack`", false)?
                }
                "max_template_bytes" => {
                    config.limits.max_template_bytes =
                        self.count(v, "`max_template_bytes`", false)?
                }
                _ => self.unknown(key, "limits", LIMIT_KEYS),
            }
        }
        Ok(())
    }

    fn rule_levels(&mut self, value: &Value, table: &str) -> Result<RuleLevels, ConfigError> {
        let mut levels = RuleLevels::new();
        for (key, v) in self.table(value, &format!("[{table}]"))?.iter() {
            let name = key.get_ref().as_ref();
            let text = self.string(v, &format!("the level of `{name}`"))?;
            let Some(level) = Level::parse(&text) else {
                return Err(self.error(
                    v.span(),
                    format!(
                        "`{text}` is not a level: use \"off\", \"info\", \"warning\" or \"error\""
                    ),
                ));
            };
            match crate::rules::find(name) {
                Some(rule) => {
                    levels.insert(rule.code, level);
                }
                None => {
                    let names = crate::rules::all().into_iter().map(|r| r.name);
                    let help = crate::rules::nearest(name, names)
                        .map(|n| format!("did you mean `{n}`?"))
                        .unwrap_or_else(|| "`hotc rules` lists them".into());
                    self.warnings.push(Warning {
                        span: Span::new(key.span().start, key.span().end),
                        message: format!(
                            "`{name}` is not a hotc rule code or name; hotc ignores it"
                        ),
                        help: Some(help),
                    });
                }
            }
        }
        Ok(levels)
    }

    fn override_table(&mut self, value: &Value) -> Result<Override, ConfigError> {
        let table = self.table(value, "[[overrides]]")?;
        let mut paths = None;
        let mut rules = RuleLevels::new();
        for (key, v) in table.iter() {
            match key.get_ref().as_ref() {
                "paths" => paths = Some(self.globs(v, "`paths`")?),
                "rules" => rules = self.rule_levels(v, "overrides.rules")?,
                _ => self.unknown(key, "[overrides]", OVERRIDE_KEYS),
            }
        }
        match paths {
            Some(paths) if !paths.is_empty() => Ok(Override { paths, rules }),
            _ => Err(self.error(
                value.span(),
                "each [[overrides]] needs `paths`, a non-empty array of globs",
            )),
        }
    }

    fn stack_table(&mut self, value: &Value) -> Result<Vec<StackSpec>, ConfigError> {
        let table = self.table(value, "[[stacks]]")?;
        let mut template = None;
        let mut name = None;
        let mut environments: Vec<Vec<PathBuf>> = Vec::new();
        let mut parameters = Vec::new();
        for (key, v) in table.iter() {
            match key.get_ref().as_ref() {
                "template" => {
                    let text = self.string(v, "`template`")?;
                    template = Some(self.existing_file(&text, v.span(), "the template")?);
                }
                "name" => name = Some(self.string(v, "`name`")?),
                "environments" => environments = self.environment_lists(v)?,
                "parameters" => {
                    for (k, pv) in self.table(v, "`parameters`")?.iter() {
                        parameters.push((k.get_ref().to_string(), to_json(pv.get_ref())));
                    }
                }
                _ => self.unknown(key, "[stacks]", STACK_KEYS),
            }
        }
        let Some(template) = template else {
            return Err(self.error(
                value.span(),
                "each [[stacks]] needs `template`, the path of its root template",
            ));
        };
        let name = name.unwrap_or_else(|| {
            template
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        if environments.is_empty() {
            environments.push(Vec::new());
        }
        let several = environments.len() > 1;
        Ok(environments
            .into_iter()
            .enumerate()
            .map(|(i, environments)| StackSpec {
                name: if several {
                    format!("{name}[{i}]")
                } else {
                    name.clone()
                },
                template: template.clone(),
                environments,
                parameters: parameters.clone(),
            })
            .collect())
    }

    /// `[["a.yaml"], ["b.yaml", "c.yaml"]]`: one stack per list; a flat list
    /// of strings is one stack.
    fn environment_lists(&self, value: &Value) -> Result<Vec<Vec<PathBuf>>, ConfigError> {
        let what = "`environments` must be an array of arrays of file names, one array per stack";
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.error(value.span(), what));
        };
        if items.iter().all(|i| i.get_ref().is_str()) {
            let list = self.strings(value, "`environments`")?;
            return Ok(vec![self.environment_files(list)?]);
        }
        items
            .iter()
            .map(|item| {
                if !item.get_ref().is_array() {
                    return Err(self.error(item.span(), what));
                }
                let list = self.strings(item, "each list of `environments`")?;
                self.environment_files(list)
            })
            .collect()
    }

    fn environment_files(
        &self,
        list: Vec<(String, Range<usize>)>,
    ) -> Result<Vec<PathBuf>, ConfigError> {
        list.into_iter()
            .map(|(text, span)| self.existing_file(&text, span, "the environment file"))
            .collect()
    }

    fn types_table(&mut self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, v) in self.table(value, "[types]")?.iter() {
            match key.get_ref().as_ref() {
                "catalogs" => {
                    for (text, span) in self.strings(v, "`catalogs`")? {
                        config
                            .catalogs
                            .push(self.existing_file(&text, span, "the catalog")?);
                    }
                }
                _ => self.unknown(key, "types", TYPES_KEYS),
            }
        }
        Ok(())
    }
}

fn type_name(value: &Value) -> &'static str {
    match value.get_ref() {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A TOML value as the JSON value of a parameter (dates as their text).
fn to_json(value: &DeValue) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(J::from)
            .unwrap_or_else(|_| J::String(i.as_str().to_string())),
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number)
            .unwrap_or_else(|| J::String(f.as_str().to_string())),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(d) => J::String(d.to_string()),
        DeValue::Array(items) => J::Array(items.iter().map(|i| to_json(i.get_ref())).collect()),
        DeValue::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref())))
                .collect(),
        ),
    }
}

impl Config {
    /// Fills the check options with what the project file says: the tree
    /// root, the stacks, the walking filter, the paths allowed outside the
    /// root, the limits and the catalogs.
    pub fn apply(&self, options: &mut CheckOptions) {
        options.root = Some(self.dir.clone());
        options.stacks.extend(self.stacks.iter().cloned());
        options
            .allow_outside
            .extend(self.allow_outside_root.iter().cloned());
        options.catalogs.extend(self.catalogs.iter().cloned());
        options.limits = self.limits.clone();
        options.path_filter = Some(self.filter.clone());
    }

    /// The warnings about hotc.toml itself, as diagnostics in a file added to
    /// `sources`.
    pub fn diagnostics(&self, sources: &mut SourceMap, cwd: &Path) -> Vec<Diagnostic> {
        if self.warnings.is_empty() {
            return Vec::new();
        }
        let file = sources.add(SourceFile::new(
            self.path.clone(),
            display_path(&self.path, cwd),
            std::sync::Arc::from(self.text.as_str()),
        ));
        let mut sink = crate::rules::Sink::new(file);
        for w in &self.warnings {
            let d = sink.report(
                &crate::rules::project::UNKNOWN_CONFIG_KEY,
                w.span,
                w.message.clone(),
            );
            if let Some(help) = &w.help {
                d.help(help.clone());
            }
        }
        sink.diagnostics
    }
}

/// `hotc init`: writes the starter `hotc.toml` into `dir`; never overwrites.
pub fn init(dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join(FILE_NAME);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut file) => {
            use std::io::Write;
            file.write_all(STARTER.as_bytes())
                .map_err(|e| format!("{}: cannot be written: {e}", path.display()))?;
            Ok(path)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(format!(
            "{} already exists; hotc init does not overwrite it",
            path.display()
        )),
        Err(e) => Err(format!("{}: cannot be written: {e}", path.display())),
    }
}
