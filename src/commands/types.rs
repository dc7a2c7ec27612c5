//! `hotc types`: the resource-type catalog, as `openstack orchestration
//! resource type list/show` prints it.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ListFormat;

/// `hotc types [NAME]`: the catalog, or one type.
pub fn run(name: Option<&str>, format: ListFormat) -> ExitCode {
    use crate::catalog::{CatalogSet, show};
    let set = CatalogSet::builtin();
    let json = matches!(format, ListFormat::Json);
    let text = match name {
        None if json => show::list_json(&set),
        None => show::list_human(&set),
        Some(name) => match show::lookup(&set, name) {
            show::Lookup::Type { ty, .. } if json => show::show_json(ty),
            show::Lookup::Type { ty, alias } => show::show_human(ty, alias.as_deref()),
            show::Lookup::Template { name, url } => {
                if json {
                    format!(
                        "{}\n",
                        serde_json::json!({"resource_type": name, "template": url})
                    )
                } else {
                    format!("{name} is a provider template in Heat's global environment: {url}\n")
                }
            }
            show::Lookup::Unknown { suggestions } => {
                let help = match suggestions.as_slice() {
                    [] => "`hotc types` lists them".to_string(),
                    [one] => format!("did you mean {one}?"),
                    many => format!("did you mean one of {}?", many.join(", ")),
                };
                eprintln!("hotc: no resource type `{name}`; {help}");
                return ExitCode::from(2);
            }
        },
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
