//! `hotc graph`: the include graph and the resource dependency graphs of a tree.

use std::process::ExitCode;

use super::{current_dir, fail};
use crate::check::{self, CheckOptions};
use crate::cli::{GraphArgs, GraphFormat};
use crate::graph::tree;
use crate::hot::environment::Environment;
use crate::hot::inputs::StackInputs;
use crate::source::FileId;

pub fn run(args: GraphArgs) -> ExitCode {
    let cwd = current_dir();
    let parameters = match super::parameters(&args.parameters) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let config = match super::project_config(
        args.config.as_deref(),
        std::slice::from_ref(&args.path),
        &cwd,
    ) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut options = CheckOptions {
        paths: vec![args.path.clone()],
        parameters,
        environments: args.environments.clone(),
        ..CheckOptions::default()
    };
    if let Some(config) = &config {
        config.apply(&mut options);
    }
    let workspace = match check::load_tree(&options) {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let mut environment = Environment::default();
    for e in &options.environments {
        let path = check::normalize(&cwd.join(e));
        if let Some(i) = workspace.find(&path) {
            if let Some(root) = &workspace.files[i].parsed.root {
                environment.merge_file(FileId(i as u32), &path, root);
            }
        }
    }
    let parameters: Vec<(String, serde_json::Value)> = options
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let inputs = StackInputs::root(&parameters, &environment);
    let graph = tree::build(&workspace, &inputs);
    super::print_out(&match args.format {
        GraphFormat::Dot => tree::to_dot(&graph),
        GraphFormat::Json => tree::to_json(&graph),
    });
    ExitCode::SUCCESS
}
