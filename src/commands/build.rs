//! `hotc build`: a cluster spec compiled into a Magnum driver, checked, and
//! written atomically.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{BuildArgs, Color, Format};
use crate::emit::{self, Report};

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

/// `hotc build SPEC [-o OUTDIR]`.
pub fn run(args: BuildArgs) -> ExitCode {
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
            Format::Sarif => emit::sarif::render(&report),
            Format::Github => emit::github::render(&report),
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
