use crate::grammar::{FunctionStatus, Grammar};
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A function that the template's version still recognises but no longer
    /// supports: the CloudFormation functions (`Fn::Join`, `Ref`, ...) after
    /// 2013-05-23, `Fn::Select` after 2015-04-30.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `The template version is invalid: The function
    /// Fn::Join is not supported in this version of HOT.`
    ///
    /// ## Example
    /// ```yaml
    /// heat_template_version: 2018-08-31
    /// outputs:
    ///   url:
    ///     value: {"Fn::Join": ["", [http://, {get_attr: [server, first_address]}]]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     value: {list_join: ["", [http://, {get_attr: [server, first_address]}]]}
    /// ```
    pub static REMOVED_FUNCTION = ("H404", "removed-function", Error);
}

struct Finder<'c> {
    sink: &'c mut Sink,
    date: &'c str,
}

/// The HOT function that replaces a CloudFormation one.
fn replacement(name: &str) -> Option<&'static str> {
    Some(match name {
        "Fn::Join" => "list_join",
        "Fn::Split" => "str_split",
        "Fn::Replace" => "str_replace",
        "Fn::Select" => "a get_attr or get_param path, or yaql",
        "Ref" => "get_resource or get_param",
        "Fn::Base64" => "nothing (user_data is encoded by Nova)",
        "Fn::ResourceFacade" => "resource_facade",
        _ => return None,
    })
}

impl<'d> Visitor<'d> for Finder<'_> {
    fn call(&mut self, call: &Call<'d>, _context: FnContext, _site: &Site<'d>, live: &Liveness) {
        if call.status != Status::Removed {
            return;
        }
        let last = Grammar::builtin()
            .versions
            .iter()
            .filter(|v| {
                v.function(call.name)
                    .is_some_and(|f| f.status == FunctionStatus::Available)
            })
            .map(|v| v.date.as_str())
            .next_back();
        let d = self.sink.report_in(
            &REMOVED_FUNCTION,
            live,
            call.entry.key.span,
            format!(
                "`{}` is not supported in heat_template_version {}",
                call.name, self.date
            ),
        );
        match (replacement(call.name), last) {
            (Some(r), _) => d.help(format!("use {r}")),
            (None, Some(last)) => d.help(format!("it was last supported in {last}")),
            _ => d,
        };
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    let walker = cx.walker();
    let mut finder = Finder {
        sink,
        date: &version.date,
    };
    walker.walk_template(&mut finder);
}
