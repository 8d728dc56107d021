//! The administrator's pages: users and their grants, the territory tree,
//! the second-factor policy per role.

pub mod calendar;
mod calendar_days;
pub mod notice_preview;
pub mod notices;
pub mod routing;
pub mod security;
pub mod territories;
pub mod tokens;
pub mod users;

use crate::i18n::Tr;
use adaldyq_domain::territory::{LineError, LineProblem};

/// A refused KATO line as a sentence in the reader's language.
pub fn line_error(tr: Tr, e: &LineError) -> String {
    let line = e.line.to_string();
    let (key, value) = match &e.problem {
        LineProblem::BadHeader { expected } => ("kato-bad-header", expected.clone()),
        LineProblem::Unreadable(why) => ("kato-unreadable", why.clone()),
        LineProblem::FieldCount(n) => ("kato-field-count", n.to_string()),
        LineProblem::BadCode(c) => ("kato-bad-code", c.clone()),
        LineProblem::DuplicateCode(c, first) => ("kato-duplicate", format!("{c} ({first})")),
        LineProblem::BadLevel(l) => ("kato-bad-level", l.clone()),
        LineProblem::BadKind(k) => ("kato-bad-kind", k.clone()),
        LineProblem::EmptyName => ("kato-empty-name", String::new()),
        LineProblem::ControlCharacters(column) => ("kato-control-characters", (*column).to_owned()),
        LineProblem::NameTooLong => ("kato-name-too-long", adaldyq_domain::territory::MAX_NAME_CHARS.to_string()),
        LineProblem::NameLikeFormula(name) => ("kato-name-formula", name.clone()),
        LineProblem::UnknownParent(p) => ("kato-unknown-parent", p.clone()),
        LineProblem::ParentLevel(p) => ("kato-parent-level", p.clone()),
        LineProblem::MissingParent => ("kato-missing-parent", String::new()),
        LineProblem::ParentCycle(c) => ("kato-parent-cycle", c.clone()),
        LineProblem::Empty => ("kato-empty", String::new()),
    };
    tr.with(key, &[("line", line), ("value", value)])
}
