//! What a rule sees (the template, its file, the effective values) and where it
//! reports (a sink that applies DESIGN's severity table).

use super::RuleMeta;
use crate::diagnostics::{Diagnostic, Related, Severity};
use crate::graph::ResourceGraph;
use crate::hot::Template;
use crate::hot::conditions::Evaluator;
use crate::hot::inputs::StackInputs;
use crate::hot::parameters::EffectiveValues;
use crate::hot::walk::{ConditionUsage, Liveness, Walker};
use crate::source::{FileId, SourceFile, Span};

/// Settings that apply to one check.
#[derive(Clone, Debug)]
/// The limits heat.conf can raise (`[limits]` in hotc.toml).
#[derive(PartialEq, Eq)]
pub struct Limits {
    /// `max_nested_stack_depth`.
    pub max_nested_depth: usize,
    /// `max_resources_per_stack`.
    pub max_resources_per_stack: usize,
    /// `max_template_size`.
    pub max_template_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_nested_depth: 5,
            max_resources_per_stack: 1000,
            max_template_bytes: 524_288,
        }
    }
}

pub struct Context<'t, 'd> {
    pub file: FileId,
    pub source: &'t SourceFile,
    pub template: &'t Template<'d>,
    pub values: &'t EffectiveValues,
    pub inputs: &'t StackInputs,
    pub evaluator: &'t Evaluator<'t, 'd>,
    pub conditions: &'t ConditionUsage<'d>,
    pub graph: &'t ResourceGraph<'d>,
    pub limits: &'t Limits,
}

impl<'t, 'd> Context<'t, 'd> {
    /// A walker for what Heat validates: resources and outputs disabled by
    /// their condition are not live.
    pub fn walker(&self) -> Walker<'t, 'd> {
        Walker {
            template: self.template,
            evaluator: self.evaluator,
            condition_liveness: Some(&self.conditions.liveness),
            owner_conditions: true,
        }
    }

    /// A walker for what Heat checks when it parses the template (function
    /// argument shapes, `if` conditions): disabled resources and unused
    /// condition definitions are parsed too.
    pub fn parse_walker(&self) -> Walker<'t, 'd> {
        Walker {
            owner_conditions: false,
            condition_liveness: None,
            ..self.walker()
        }
    }
}

/// Collects one file's diagnostics.
pub struct Sink {
    pub file: FileId,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: FileId) -> Sink {
        Sink {
            file,
            diagnostics: Vec::new(),
        }
    }

    /// Reports at the rule's default severity.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(rule, rule.severity, span, message.into())
    }

    /// Reports a finding in code that may not be live: an error in conditional
    /// code becomes a warning that says when it bites.
    pub fn report_in(
        &mut self,
        rule: &'static RuleMeta,
        live: &Liveness,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let message = message.into();
        match live {
            Liveness::Live => self.push(rule, rule.severity, span, message),
            Liveness::Conditional(when) => {
                let severity = if rule.severity == Severity::Error {
                    Severity::Warning
                } else {
                    rule.severity
                };
                self.push(
                    rule,
                    severity,
                    span,
                    format!("{message} (not live: {when})"),
                )
            }
        }
    }

    /// Reports in another file of the tree (an environment file, a parent).
    pub fn report_in_file(
        &mut self,
        rule: &'static RuleMeta,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = self.push(rule, rule.severity, span, message.into());
        d.file = file;
        d
    }

    fn push(
        &mut self,
        rule: &'static RuleMeta,
        severity: Severity,
        span: Span,
        message: String,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity,
            message,
            file: self.file,
            span,
            related: Vec::new(),
            help: None,
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

impl Diagnostic {
    /// Adds a related location in the same file.
    pub fn related_here(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.related.push(Related {
            file: self.file,
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Diagnostic {
        self.help = Some(help.into());
        self
    }
}
