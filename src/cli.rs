//! Command-line interface: arguments (clap) and the mapping of results to exit codes.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, CheckOptions};
use crate::diagnostics::Summary;
use crate::emit::{self, Report};

#[derive(Parser, Debug)]
#[command(
    name = "hotc",
    version,
    about = "Compiler and linter for OpenStack Heat Orchestration Templates (HOT)",
    after_help = "Examples:\n  hotc check templates/\n  hotc check kubecluster.yaml -P master_flavor=m1.small\n  hotc explain H401"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check templates: every mistake Heat would reject, with its position.
    #[command(
        after_help = "Examples:\n  hotc check stack.yaml\n  hotc check templates/ --format json\n  hotc check stack.yaml -P flavor=m1.small -P count=3\n  cat stack.yaml | hotc check - --stdin-filename stack.yaml"
    )]
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
    #[command(after_help = "Examples:\n  hotc rules\n  hotc rules --format json")]
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Templates or directories to check; `-` reads one template from standard input.
    #[arg(required = true)]
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
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
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

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line; the exit code follows DESIGN: 0 clean, 1 errors found,
/// 2 hotc could not do its job.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Build(args) => run_build(args),
        Command::Explain { rule } => match crate::rules::find(&rule) {
            Some(meta) => {
                println!("{} {} ({})\n", meta.code, meta.name, meta.severity);
                println!("{}", meta.docs.trim_end());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("hotc: no rule `{rule}`; `hotc rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Rules { format } => {
            let rules = crate::rules::all();
            match format {
                ListFormat::Human => {
                    for r in rules {
                        println!(
                            "{}  {:<32} {:<8} {}",
                            r.code,
                            r.name,
                            r.severity.as_str(),
                            r.summary()
                        );
                    }
                }
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
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&list).unwrap_or_default()
                    );
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    use crate::build::{self, write};
    let fail = |message: String| {
        eprintln!("hotc: {message}");
        ExitCode::from(2)
    };
    let options = build::BuildOptions {
        spec: args.spec.clone(),
        output: args.output.clone(),
    };
    let result = match build::run(&options) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let Some((target, files)) = result.tree else {
        let report = Report {
            sources: &result.sources,
            diagnostics: &result.diagnostics,
            files_read: 1,
        };
        let text = match args.format {
            Format::Human => emit::human::render(&report, use_color(args.color)),
            Format::Json => emit::json::render(&report),
        };
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
        return ExitCode::from(1);
    };
    match write::recover(&target) {
        Ok(true) => eprintln!(
            "hotc: put back {}, which an interrupted build had moved aside",
            target.display()
        ),
        Ok(false) => {}
        Err(e) => return fail(e.to_string()),
    }
    let existing = match write::inspect(&target) {
        Ok(e) => e,
        Err(e) => return fail(e.to_string()),
    };
    let shown = crate::source::display_path(&target, &std::env::current_dir().unwrap_or_default());
    if args.dry_run {
        for (path, bytes) in &files {
            println!("{shown}/{path} ({} bytes)", bytes.len());
        }
        return ExitCode::SUCCESS;
    }
    if args.diff {
        print!("{}", write::diff(&target, &files, &existing));
        return ExitCode::SUCCESS;
    }
    if let Err(e) = write::write_atomically(&target, &files) {
        return fail(e.to_string());
    }
    println!("hotc: wrote {} files to {shown}", files.len());
    for m in &result.measures {
        println!("  {}: {} of {} bytes", m.what, m.bytes, m.limit);
    }
    ExitCode::SUCCESS
}

fn run_check(args: CheckArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("hotc: {message}");
        ExitCode::from(2)
    };
    let mut parameters = Vec::new();
    for p in &args.parameters {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => parameters.push((k.to_string(), v.to_string())),
            _ => return fail(format!("-P expects NAME=VALUE, got `{p}`")),
        }
    }
    let mut paths = Vec::new();
    let mut stdin = None;
    for path in args.paths {
        if path.as_os_str() == "-" {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                return fail(format!("cannot read standard input: {e}"));
            }
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("<stdin>"));
            stdin = Some((name, text));
        } else {
            paths.push(path);
        }
    }
    let options = CheckOptions {
        paths,
        parameters,
        environments: args.environments,
        stdin,
        ..CheckOptions::default()
    };
    let result = match check::run(&options) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let report = Report {
        sources: &result.sources,
        diagnostics: &result.diagnostics,
        files_read: result.files_read,
    };
    let text = match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            emit::human::render(&report, color)
        }
        Format::Json => emit::json::render(&report),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    if Summary::of(&result.diagnostics).errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
