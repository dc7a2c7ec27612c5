//! `--format github`: workflow commands that GitHub Actions turns into
//! annotations on the pull request, one line per diagnostic:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
//! Infos are `notice`s. Values are escaped as the runner requires: `%`, CR and
//! LF everywhere, and `:` and `,` in properties too.

use super::Report;
use crate::diagnostics::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let file = report.sources.get(d.file);
        let start = file.position(d.span.start as usize);
        let end = file.position(d.span.end as usize);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&file.display),
            start.line,
            start.column,
            end.line,
            end.column,
            property(d.code),
            data(&message),
        ));
    }
    out
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_reads() {
        assert_eq!(data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(property("a:b,c%.yaml"), "a%3Ab%2Cc%25.yaml");
    }
}
