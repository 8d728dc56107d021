//! What a filer typed into the filing form, carried from question page to
//! "check your answers" in hidden fields (an anonymous filer gets no cookie,
//! so no session may hold it), and the form's error messages, one per field
//! and problem, in the reader's language.

use super::problem_message;
use crate::i18n::Tr;
use adaldyq_domain::appeal::{AppealInput, FieldError, Problem};

/// Every answer of the filing form, as typed.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// `yes` (anonymous), `no` (with a name), or empty: not chosen yet.
    pub anonymous: String,
    pub kind: String,
    pub category: String,
    pub territory: String,
    pub institution: String,
    pub subject: String,
    pub text: String,
    pub language: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub iin: String,
    /// The place search as typed.
    pub place: String,
    /// The form's one-time token: the same form sent twice files once.
    pub token: String,
}

/// The fields of [`Answers`] in the order the pages carry them.
const FIELDS: [&str; 14] = [
    "anonymous",
    "kind",
    "category",
    "territory",
    "institution",
    "subject",
    "text",
    "language",
    "name",
    "email",
    "phone",
    "iin",
    "place",
    "token",
];

/// The contact fields, asked only of a named filer.
pub const CONTACT: [&str; 4] = ["name", "email", "phone", "iin"];

impl Answers {
    pub fn from_pairs(pairs: &[(String, String)]) -> Answers {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        Answers {
            anonymous: get("anonymous"),
            kind: get("kind"),
            category: get("category"),
            territory: get("territory"),
            institution: get("institution"),
            subject: get("subject"),
            text: get("text"),
            language: get("language"),
            name: get("name"),
            email: get("email"),
            phone: get("phone"),
            iin: get("iin"),
            place: get("place"),
            token: get("token"),
        }
    }

    fn value(&self, field: &str) -> &str {
        match field {
            "anonymous" => &self.anonymous,
            "kind" => &self.kind,
            "category" => &self.category,
            "territory" => &self.territory,
            "institution" => &self.institution,
            "subject" => &self.subject,
            "text" => &self.text,
            "language" => &self.language,
            "name" => &self.name,
            "email" => &self.email,
            "phone" => &self.phone,
            "iin" => &self.iin,
            "place" => &self.place,
            "token" => &self.token,
            _ => "",
        }
    }

    pub fn is_anonymous(&self) -> bool {
        self.anonymous == "yes"
    }

    pub fn is_named(&self) -> bool {
        self.anonymous == "no"
    }

    /// The answers a page does not ask, as hidden fields, so that nothing
    /// typed is lost going back and forth.
    pub fn hidden(&self, shown: &[&str]) -> Vec<(&'static str, String)> {
        FIELDS
            .iter()
            .filter(|f| !shown.contains(f))
            .map(|f| (*f, self.value(f).to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// What the domain checks. An anonymous filing leaves its contact
    /// behind: the fields are not asked, so nothing typed there is sent.
    pub fn input(&self) -> AppealInput {
        let contact = |v: &str| if self.is_anonymous() { String::new() } else { v.to_owned() };
        AppealInput {
            kind: self.kind.clone(),
            category: self.category.parse().ok(),
            territory: self.territory.clone(),
            institution: self.institution.parse().ok(),
            subject: self.subject.clone(),
            text: self.text.clone(),
            language: self.language.clone(),
            anonymous: self.is_anonymous(),
            name: contact(&self.name),
            email: contact(&self.email),
            phone: contact(&self.phone),
            iin: contact(&self.iin),
        }
    }

    /// The first question page's own checks: both choices made.
    pub fn first_step_errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !self.is_anonymous() && !self.is_named() {
            errors.push(FieldError { field: "anonymous", problem: Problem::Required });
        }
        if adaldyq_domain::appeal::AppealKind::parse(self.kind.trim()).is_none() {
            errors.push(FieldError { field: "kind", problem: Problem::Required });
        }
        errors
    }
}

/// Whether an error belongs to the first question page.
pub fn on_first_step(field: &str) -> bool {
    matches!(field, "anonymous" | "kind")
}

/// The form's errors: (field id, message), in the order of the page.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<(String, String)>);

impl Errors {
    pub fn new(tr: Tr, errors: &[FieldError]) -> Errors {
        let mut list: Vec<(String, String)> =
            errors.iter().map(|e| (e.field.to_owned(), message(tr, e.field, e.problem))).collect();
        list.sort_by_key(|(f, _)| ORDER.iter().position(|o| o == f).unwrap_or(ORDER.len()));
        // One message a field: the first is the one to fix first.
        list.dedup_by(|a, b| a.0 == b.0);
        Errors(list)
    }

    pub fn push(&mut self, field: &str, message: String) {
        self.0.push((field.to_owned(), message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn list(&self) -> &[(String, String)] {
        &self.0
    }

    /// The message of one field, shown beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// The order of the fields on the pages, for the error summary.
const ORDER: [&str; 13] = [
    "anonymous",
    "kind",
    "category",
    "territory",
    "institution",
    "subject",
    "text",
    "language",
    "name",
    "email",
    "phone",
    "iin",
    "files",
];

/// A message written for its field ("Choose the kind of appeal"); the few
/// rare problems without one name the field plainly, never with "(if you
/// wish)" or the like.
pub fn message(tr: Tr, field: &str, problem: Problem) -> String {
    use Problem as P;
    let own = match (field, problem) {
        ("anonymous", _) => Some("filing-error-anonymous"),
        ("kind", _) => Some("filing-error-kind"),
        ("category", _) => Some("filing-error-category"),
        ("territory", P::Required) => Some("filing-error-territory"),
        ("territory", _) => Some("filing-error-territory-unknown"),
        ("institution", _) => Some("filing-error-institution"),
        ("subject", P::Required | P::Invisible) => Some("filing-error-subject"),
        ("subject", P::TooLong) => Some("filing-error-subject-long"),
        ("text", P::Required | P::Invisible) => Some("filing-error-text"),
        ("text", P::TooLong) => Some("filing-error-text-long"),
        ("language", _) => Some("filing-error-language"),
        ("name", P::Required | P::Invisible) => Some("filing-error-name"),
        ("name", P::TooLong) => Some("filing-error-name-long"),
        ("email", P::BadEmail) => Some("filing-error-email"),
        ("email", P::ContactNeeded) => Some("filing-error-contact"),
        ("phone", P::BadPhone) => Some("filing-error-phone"),
        ("iin", P::BadIin) => Some("filing-error-iin"),
        _ => None,
    };
    match own {
        Some(key) => tr.t(key),
        None => problem_message(tr, tr.t(&format!("filing-name-{field}")), problem),
    }
}
