use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A function that is not a condition function, used where Heat evaluates a
    /// condition: the `conditions` section, a `condition` field, the first
    /// argument of `if`.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `conditions.c.equals[0].get_attr: The function
    /// "get_attr" is invalid in this context`. Conditions are evaluated before
    /// any resource exists; only `get_param`, `equals`, `not`, `and`, `or` (and
    /// from 2017-09-01 `yaql` and `contains`) work there.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   has_ip: {not: {equals: [{get_attr: [server, first_address]}, ""]}}
    /// ```
    pub static FUNCTION_NOT_ALLOWED_HERE = ("H405", "function-not-allowed-here", Error);
}

struct Finder<'c> {
    sink: &'c mut Sink,
    allowed: String,
}

impl<'d> Visitor<'d> for Finder<'_> {
    fn call(&mut self, call: &Call<'d>, context: FnContext, _site: &Site<'d>, live: &Liveness) {
        if call.status != Status::InvalidHere || context != FnContext::Condition {
            return;
        }
        self.sink
            .report_in(
                &FUNCTION_NOT_ALLOWED_HERE,
                live,
                call.entry.key.span,
                format!("`{}` cannot be used in a condition", call.name),
            )
            .help(format!("the condition functions are {}", self.allowed));
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    let walker = cx.parse_walker();
    let mut finder = Finder {
        sink,
        allowed: version.condition_functions.join(", "),
    };
    walker.walk_template(&mut finder);
}
