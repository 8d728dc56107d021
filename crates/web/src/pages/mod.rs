//! Public pages, and the [`Ctx`] every HTML handler starts from.

pub mod calendar;
pub mod home;
pub mod open_data;
pub mod staff;
pub mod transparency;

use crate::auth::AuthContext;
use crate::i18n::Tr;
use crate::middleware::locale::{path_locale, preferred_locale};
use crate::render::Page;
use crate::state::AppState;
use adaldyq_domain::Locale;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The language of the page, who is asking and the path after the prefix.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub auth: AuthContext,
    pub rest: String,
    pub csrf: String,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path();
        let locale = path_locale(path).ok_or_else(|| StatusCode::NOT_FOUND.into_response())?;
        let rest = path.trim_start_matches('/').split_once('/').map(|(_, r)| format!("/{r}")).unwrap_or("/".into());
        let auth = parts.extensions.get::<AuthContext>().cloned().unwrap_or_default();
        let csrf = auth.csrf_token(&state.config.secret_key).unwrap_or_default();
        Ok(Ctx { locale, auth, rest, csrf })
    }
}

impl Ctx {
    pub fn tr(&self) -> Tr {
        Tr(self.locale)
    }

    pub fn page(&self, title_key: &str) -> Page {
        Page {
            tr: self.tr(),
            locale: self.locale,
            title: self.tr().t(title_key),
            rest: self.rest.clone(),
            user_name: self.auth.principal.as_ref().and(self.auth.user.as_ref()).map(|u| u.name.clone()),
            is_staff: self.auth.is_staff(),
            is_admin: self.auth.is_admin(),
            csrf: self.csrf.clone(),
            alternates: Vec::new(),
        }
    }

    /// A link within the site in this language.
    pub fn href(&self, rest: &str) -> String {
        format!("/{}{}", self.locale.segment(), rest)
    }

    /// After a form post: see the result with a GET (303).
    pub fn see_other(&self, rest: &str) -> Response {
        Redirect::to(&self.href(rest)).into_response()
    }
}

/// `/`: the home page in the reader's language.
pub async fn root(parts: Parts) -> Response {
    let locale = preferred_locale(&parts.headers);
    let mut r = Redirect::to(&format!("/{}/", locale.segment())).into_response();
    r.headers_mut().insert(header::VARY, header::HeaderValue::from_static("accept-language, cookie"));
    r
}
