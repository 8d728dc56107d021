//! Turning a template into a response: the page frame every view shares,
//! and the kk-Latn view made by transliterating the rendered Kazakh.

use crate::i18n::Tr;
use adaldyq_domain::{translit, Locale};
use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// What the shared layout (`base.html`) needs on every page.
#[derive(Debug, Clone)]
pub struct Page {
    pub tr: Tr,
    pub locale: Locale,
    pub title: String,
    /// The path after the language prefix, so the language switch can link
    /// to the same page in another language.
    pub rest: String,
    /// The signed-in user's name, shown in the header.
    pub user_name: Option<String>,
    pub is_staff: bool,
    pub is_admin: bool,
    /// The CSRF token for forms of a signed-in user (empty when anonymous).
    pub csrf: String,
    /// Feeds the page announces in its head (`<link rel="alternate">`).
    pub alternates: Vec<Alternate>,
}

/// A feed that belongs to a page: calendar programs and feed readers find
/// it from the page's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// `text/calendar` or `application/atom+xml`.
    pub mime: &'static str,
    pub href: String,
    pub title: String,
}

impl Page {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn count(&self, key: &str, n: impl AsCount) -> String {
        self.tr.count(key, n.as_count())
    }

    /// A link to a page of the site in the current language.
    pub fn href(&self, rest: &str) -> String {
        format!("/{}{}", self.locale.segment(), rest)
    }

    pub fn lang(&self) -> &'static str {
        self.locale.html_lang()
    }

    pub fn css(&self) -> &'static str {
        crate::assets::CSS_PATH.as_str()
    }

    /// The language switch: (link, native name, BCP 47 tag, is current).
    pub fn languages(&self) -> Vec<(String, &'static str, &'static str, bool)> {
        Locale::ALL
            .iter()
            .map(|l| (format!("/{}{}", l.segment(), self.rest), l.native_name(), l.html_lang(), *l == self.locale))
            .collect()
    }
}

/// Marks a response whose body is already a finished page, so the error
/// renderer leaves it alone.
#[derive(Debug, Clone, Copy)]
pub struct Rendered;

/// Renders a template for the page's language with a status.
pub fn html<T: Template>(locale: Locale, status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(body) => {
            let body = if locale == Locale::KkLatn { translit::html_to_latin(&body) } else { body };
            let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
            response.extensions_mut().insert(Rendered);
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Renders with 200 OK.
pub fn ok<T: Template>(page: &Page, template: &T) -> Response {
    html(page.locale, StatusCode::OK, template)
}

/// Numbers templates pass to plural messages, by value or by reference.
pub trait AsCount {
    fn as_count(&self) -> i64;
}

impl AsCount for i64 {
    fn as_count(&self) -> i64 {
        *self
    }
}

impl AsCount for usize {
    fn as_count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: AsCount> AsCount for &T {
    fn as_count(&self) -> i64 {
        (**self).as_count()
    }
}
