//! `hotc check`: project file, check, fixes, policy (levels, baseline, cap),
//! output, exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{current_dir, fail};
use crate::baseline::Baseline;
use crate::check::{self, CheckOptions};
use crate::cli::{CheckArgs, Color, FailOn, Format};
use crate::diagnostics::Summary;
use crate::emit::{self, Report};
use crate::policy::{self, Policy};

pub fn run(args: CheckArgs) -> ExitCode {
    let cwd = current_dir();
    let parameters = match super::parameters(&args.parameters) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut paths = Vec::new();
    let mut stdin = None;
    let default_path = match &args.config {
        Some(config) => config
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(".")),
        None => PathBuf::from("."),
    };
    let given = if args.paths.is_empty() {
        vec![default_path]
    } else {
        args.paths.clone()
    };
    for path in &given {
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
            paths.push(path.clone());
        }
    }
    if stdin.is_some() && (args.fix || args.diff) {
        return fail("--fix and --diff work on files, not on standard input");
    }
    // The project file is looked for from the paths (or the name given to stdin).
    let mut lookup = paths.clone();
    if let Some((name, _)) = &stdin {
        lookup.push(name.parent().map(PathBuf::from).unwrap_or_default());
    }
    let config = match super::project_config(args.config.as_deref(), &lookup, &cwd) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut options = CheckOptions {
        paths,
        parameters,
        environments: args.environments.clone(),
        stdin,
        named_as_found: args.force_exclude,
        ..CheckOptions::default()
    };
    if let Some(config) = &config {
        config.apply(&mut options);
    }
    let mut policy = Policy::from_config(config.as_ref());
    if let Some(n) = args.max_diagnostics_per_file {
        policy.max_per_file = n;
    }
    if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(b) => policy.baseline = Some(b),
            Err(e) => return fail(e),
        }
    }

    let mut result = if args.fix || args.diff {
        let run = match crate::fix::run(&options, &policy) {
            Ok(r) => r,
            Err(e) => return fail(e),
        };
        if args.diff {
            let mut stdout = std::io::stdout().lock();
            for f in &run.files {
                let _ = stdout.write_all(crate::fix::unified_diff(f).as_bytes());
            }
            let _ = stdout.flush();
            let count: usize = run.files.iter().map(|f| f.fixes).sum();
            if !args.quiet {
                eprintln!("hotc: {count} fixes would change {} files", run.files.len());
            }
            return ExitCode::from(u8::from(count > 0));
        }
        if let Err(e) = crate::fix::write(&run.files) {
            return fail(e);
        }
        let count: usize = run.files.iter().map(|f| f.fixes).sum();
        if !args.quiet && count > 0 {
            eprintln!("hotc: applied {count} fixes in {} files", run.files.len());
        }
        run.result
    } else {
        match check::run(&options) {
            Ok(r) => r,
            Err(e) => return fail(e),
        }
    };
    if let Some(config) = &config {
        let extra = config.diagnostics(&mut result.sources, &cwd);
        result.diagnostics.extend(extra);
        check::sort(&mut result.diagnostics, &result.sources);
    }
    let diagnostics = std::mem::take(&mut result.diagnostics);

    if let Some(path) = &args.write_baseline {
        let configured = policy::configure(&policy, diagnostics, &result.sources);
        let baseline = Baseline::record(path, &configured, &result.sources);
        if let Err(e) = baseline.write(path) {
            return fail(e);
        }
        eprintln!(
            "hotc: recorded {} findings in {}",
            baseline.findings.len(),
            path.display()
        );
        return ExitCode::SUCCESS;
    }

    let diagnostics = policy::apply(&policy, diagnostics, &result.sources);
    let report = Report {
        sources: &result.sources,
        diagnostics: &diagnostics,
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
            if args.quiet {
                emit::human::render_diagnostics(&report, color)
            } else {
                emit::human::render(&report, color)
            }
        }
        Format::Json => emit::json::render(&report),
        Format::Sarif => emit::sarif::render(&report),
        Format::Github => emit::github::render(&report),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();

    let summary = Summary::of(&diagnostics);
    let failed = summary.errors > 0 || (args.fail_on == FailOn::Warning && summary.warnings > 0);
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if too_many_warnings && !args.quiet {
        eprintln!(
            "hotc: {} warnings, more than --max-warnings {}",
            summary.warnings,
            args.max_warnings.unwrap_or_default()
        );
    }
    ExitCode::from(u8::from(failed || too_many_warnings))
}
