//! Command-line interface: arguments (clap) and the mapping of results to exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::commands::print_out;

#[derive(Parser, Debug)]
#[command(
    name = "hotc",
    version,
    about = "Compiler and linter for OpenStack Heat Orchestration Templates (HOT)",
    after_help = "Examples:\n  hotc check templates/\n  hotc check kubecluster.yaml -P master_flavor=m1.small\n  hotc explain H401\n  hotc init"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check templates: every mistake Heat would reject, with its position.
    #[command(after_help = "Examples:
  hotc check stack.yaml
  hotc check templates/ --format json
  hotc check stack.yaml -P flavor=m1.small -P count=3
  hotc check --format sarif > hotc.sarif
  hotc check --fix                       # apply the fixes that are certain
  hotc check --write-baseline hotc-baseline.json
  cat stack.yaml | hotc check - --stdin-filename stack.yaml

Exit codes: 0 no error, 1 errors found (or --fail-on / --max-warnings), 2 hotc could not do its job.")]
    Check(CheckArgs),
    /// Compile a cluster spec into an installable Magnum driver.
    #[command(
        after_help = "Examples:\n  hotc build examples/build/acme.yaml -o drivers/k8s_acme_fcos_v1\n  hotc build acme.yaml -o out --dry-run\n  hotc build acme.yaml -o out --diff"
    )]
    Build(BuildArgs),
    /// Print the documentation of a rule.
    #[command(after_help = "Examples:\n  hotc explain H401\n  hotc explain undeclared-parameter")]
    Explain {
        /// A rule code (H401) or name (undeclared-parameter).
        rule: String,
    },
    /// List every rule.
    #[command(
        after_help = "Examples:\n  hotc rules\n  hotc rules --format json\n  hotc rules --format markdown"
    )]
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// List the resource types hotc knows (Heat's), or show one: its
    /// properties and attributes, as `openstack orchestration resource type show`.
    #[command(
        after_help = "Examples:\n  hotc types\n  hotc types OS::Nova::Server\n  hotc types OS::Heat::ResourceGroup --format json"
    )]
    Types {
        /// A resource type name (`OS::Nova::Server`); without one, every type.
        name: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Write a commented starter hotc.toml (never overwrites one).
    #[command(after_help = "Examples:\n  hotc init\n  hotc init deploy/heat")]
    Init {
        /// The folder to write hotc.toml in (default: the current directory).
        dir: Option<PathBuf>,
    },
    /// Show the include graph of the files and the resource dependencies of each template.
    #[command(after_help = "Examples:
  hotc graph stack.yaml | dot -Tsvg > stack.svg
  hotc graph templates/ --format json
  hotc graph stack.yaml -e env.yaml -P enable_lb=false")]
    Graph(GraphArgs),
    /// Run the language server (Language Server Protocol over stdin/stdout)
    /// for editors: diagnostics as you type, hover, go to definition,
    /// completion and quick fixes.
    #[command(
        after_help = "Examples:\n  hotc lsp    # started by the editor; see the README for setups"
    )]
    Lsp,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Templates, environment files or directories to check (default: the
    /// folder of the `--config` file, else the current directory); `-` reads
    /// one template from standard input.
    pub paths: Vec<PathBuf>,
    /// An environment file for the root stack (repeatable; merged in order).
    #[arg(short = 'e', long = "environment", value_name = "ENV")]
    pub environments: Vec<PathBuf>,
    /// A parameter value for the root stack, as `NAME=VALUE` (repeatable).
    #[arg(short = 'P', long = "parameter", value_name = "NAME=VALUE")]
    pub parameters: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The file name to show for a template read from standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// When to use colour in human output (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print only the diagnostics: no summary line, nothing when there are none.
    #[arg(short, long)]
    pub quiet: bool,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// Exit with 1 when there are more warnings than this.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Show at most N diagnostics per file (0: no limit; default: hotc.toml, else 200).
    #[arg(long, value_name = "N")]
    pub max_diagnostics_per_file: Option<usize>,
    /// The project file to use instead of the nearest hotc.toml above the paths.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Apply hotc.toml's include/exclude to files named on the command line too, and skip
    /// named YAML that is neither a template nor an environment (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Hide the diagnostics recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's diagnostics in this baseline file, print nothing else, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// Apply the fixes that are certain, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff without writing them (exit 1 when there are some).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// A template, an environment file or a directory (default: the current directory).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// An environment file for the root stack (repeatable).
    #[arg(short = 'e', long = "environment", value_name = "ENV")]
    pub environments: Vec<PathBuf>,
    /// A parameter value, as `NAME=VALUE` (repeatable): decides which conditional edges are live.
    #[arg(short = 'P', long = "parameter", value_name = "NAME=VALUE")]
    pub parameters: Vec<String>,
    /// The project file to use instead of the nearest hotc.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The cluster spec (YAML).
    pub spec: PathBuf,
    /// The output folder (default: a folder named after the driver, beside the spec).
    #[arg(short = 'o', long = "output", value_name = "OUTDIR")]
    pub output: Option<PathBuf>,
    /// List the files a build would write, without writing.
    #[arg(long, conflicts_with = "diff")]
    pub dry_run: bool,
    /// Show what would change in OUTDIR, without writing.
    #[arg(long)]
    pub diff: bool,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// The README's rule table.
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

/// Runs the command line; the exit code follows DESIGN: 0 clean, 1 errors found,
/// 2 hotc could not do its job.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    crate::crash::install();
    crate::crash::guard(|| run(args))
}

fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => crate::commands::check::run(args),
        Command::Init { dir } => crate::commands::init(dir),
        Command::Graph(args) => crate::commands::graph::run(args),
        Command::Lsp => crate::commands::lsp::run(),
        Command::Build(args) => crate::commands::build::run(args),
        Command::Explain { rule } => match crate::rules::find(&rule) {
            Some(meta) => {
                print_out(&format!(
                    "{} {} ({})\n\n{}\n",
                    meta.code,
                    meta.name,
                    meta.severity,
                    meta.docs.trim_end()
                ));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("hotc: no rule `{rule}`; `hotc rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Types { name, format } => crate::commands::types::run(name.as_deref(), format),
        Command::Rules { format } => {
            let rules = crate::rules::all();
            let text = match format {
                ListFormat::Human => rules
                    .iter()
                    .map(|r| {
                        format!(
                            "{}  {:<32} {:<8} {}\n",
                            r.code,
                            r.name,
                            r.severity.as_str(),
                            r.summary()
                        )
                    })
                    .collect(),
                ListFormat::Markdown => crate::rules::table::markdown(),
                ListFormat::Json => {
                    let list: Vec<_> = rules
                        .iter()
                        .map(|r| {
                            serde_json::json!({
                                "code": r.code, "name": r.name,
                                "severity": r.severity.as_str(), "summary": r.summary(),
                            })
                        })
                        .collect();
                    format!(
                        "{}\n",
                        serde_json::to_string_pretty(&list).unwrap_or_default()
                    )
                }
            };
            print_out(&text);
            ExitCode::SUCCESS
        }
    }
}
