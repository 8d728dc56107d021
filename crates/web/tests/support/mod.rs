//! `TestApp`: the router in process (no socket) over a fresh database of
//! either backend, with users of given roles. `both_backends!` turns one
//! async test function into a test per backend.
#![allow(dead_code)]

pub mod receptions;
pub mod smtp;

use adaldyq_domain::territory::demo_territories;
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::testing::{Backend, TestDb};
use adaldyq_store::{NewInstitution, NewUser};
use adaldyq_web::{app, AppState, WebConfig};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() {
                if let Some(app) = $crate::support::TestApp::new(adaldyq_store::testing::Backend::Sqlite).await {
                    super::$name(app).await
                }
            })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() {
                if let Some(app) = $crate::support::TestApp::new(adaldyq_store::testing::Backend::Postgres).await {
                    super::$name(app).await
                }
            })*
        }
    };
}

pub const PASSWORD: &str = "correct horse battery";
pub const DISTRICT: &str = "433200000";
pub const OTHER_DISTRICT: &str = "434000000";

pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
    pub router: Router,
    pub institution: i64,
}

/// A signed-in browser: its session cookie and its forms' CSRF token.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The value of the session cookie this reply sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("adaldyq_session="))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    }
}

pub fn test_config() -> WebConfig {
    WebConfig { secret_key: b"test-key-test-key-test-key-test-k".to_vec(), ..WebConfig::default() }
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<TestApp> {
        Self::with_config(backend, test_config()).await
    }

    pub async fn with_config(backend: Backend, mut config: WebConfig) -> Option<TestApp> {
        let db = backend.fresh().await?;
        config.data_dir = db.dir.path().join("data");
        db.store.upsert_territories(&demo_territories()).await.unwrap();
        let institution = db
            .store
            .create_institution(&NewInstitution {
                territory_code: DISTRICT.into(),
                name_kk: "Демо мекеме".into(),
                name_ru: "Демо учреждение".into(),
                name_en: "Demo institution".into(),
                is_demo: true,
            })
            .await
            .unwrap();
        let state = AppState::new(db.store.clone(), config);
        state.load_calendar().await.unwrap();
        let router = app(state.clone());
        Some(TestApp { db, state, router, institution })
    }

    /// This app's backend, to make another app on the same one.
    pub fn backend(&self) -> Backend {
        if self.db.backend == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    /// The scope a test user of this role gets.
    pub fn scope_for(&self, role: Role) -> Scope {
        match role {
            Role::Citizen => Scope::Own,
            Role::Officer | Role::Head => Scope::Institution(self.institution),
            Role::Administrator => Scope::All,
            _ => Scope::Territory(DISTRICT.into()),
        }
    }

    /// Creates a user holding one role; returns the e-mail address.
    pub async fn user(&self, role: Role) -> String {
        let email = format!("{}-{}@test.example", role.as_str(), self.db.store.users().await.unwrap().len());
        let id = self
            .db
            .store
            .create_user(&NewUser {
                email: email.clone(),
                name: format!("Test {}", role.as_str()),
                password_hash: adaldyq_web::auth::password::hash(PASSWORD),
                created_at: adaldyq_web::state::now(),
                is_demo: false,
            })
            .await
            .unwrap();
        self.db
            .store
            .add_grant(id, &Grant { role, scope: self.scope_for(role) }, &adaldyq_store::Actor::system())
            .await
            .unwrap();
        email
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Reply {
        let mut req = Request::get(path);
        if let Some(s) = session {
            req = req.header(header::COOKIE, &s.cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A form post as a browser sends it from our own page (same origin),
    /// with the session's CSRF token added when signed in.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)], session: Option<&Session>) -> Reply {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(s) = session {
            req = req.header(header::COOKIE, &s.cookie);
            pairs.push(("csrf", &s.csrf));
        }
        let body = serde_urlencoded::to_string(&pairs).unwrap();
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Signs in through the form; panics unless it works.
    pub async fn sign_in(&self, email: &str) -> Session {
        self.try_sign_in(email, PASSWORD).await.expect("signing in works")
    }

    pub async fn try_sign_in(&self, email: &str, password: &str) -> Option<Session> {
        let r = self.post_form("/en/sign-in", &[("email", email), ("password", password)], None).await;
        let cookie = r.session_cookie()?;
        if r.status != StatusCode::SEE_OTHER {
            return None;
        }
        let mut s = Session { cookie, csrf: String::new() };
        s.csrf = self.csrf_of(&s).await;
        Some(s)
    }

    /// Reads the CSRF token from a page, as a browser's form would carry it.
    pub async fn csrf_of(&self, s: &Session) -> String {
        let page = self.get("/en/sign-in", Some(s)).await;
        csrf_in(&page.body).unwrap_or_default()
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// An anonymous corruption report's form fields, with its form token.
pub fn anonymous_form(token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_owned()),
        ("kind", "corruption_report".into()),
        ("territory", DISTRICT.into()),
        ("subject", "Пара".into()),
        ("text", "Мекемеде пара сұрады.".into()),
        ("language", "kk".into()),
        ("anonymous", "yes".into()),
    ]
}

/// Posts form fields given as owned strings.
pub async fn post(app: &TestApp, path: &str, fields: &[(&str, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs, None).await
}

/// The text between `start` and `end`.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let a = html.find(start)? + start.len();
    Some(&html[a..a + html[a..].find(end)?])
}

/// The number and secret shown on a receipt page.
pub fn receipt(html: &str) -> (String, String) {
    let number = between(html, "<dd class=\"big\">", "</dd>").unwrap().to_owned();
    let secret = between(html, "<dd class=\"big\" data-verbatim>", "</dd>").unwrap().to_owned();
    (number, secret)
}

/// Files an anonymous complaint to the test institution through the API;
/// its number and secret.
pub async fn file_to_institution(app: &TestApp) -> (String, String) {
    let body = serde_json::json!({
        "kind": "complaint", "territory": DISTRICT, "institution": app.institution,
        "subject": "s", "text": "t", "language": "kk", "anonymous": true
    });
    let r = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    (v["number"].as_str().unwrap().to_owned(), v["secret"].as_str().unwrap().to_owned())
}

/// The filing form's second page (place, body, category, text) for an
/// anonymous filing of `kind`, as page one's "Continue" opens it.
pub async fn filing_details(app: &TestApp, lang: &str, kind: &str) -> Reply {
    let path = format!("/{lang}/appeals/new");
    let r = app.post_form(&path, &[("go", "details"), ("anonymous", "yes"), ("kind", kind)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r
}

/// The region's akimat (demo), the default body for the whole region: where
/// an escalated or disputed appeal goes. Its id.
pub async fn regional_body(app: &TestApp) -> i64 {
    let regional = app
        .db
        .store
        .create_institution(&NewInstitution {
            territory_code: "430000000".into(),
            name_kk: "Облыс әкімдігі (демо)".into(),
            name_ru: "Акимат области (демо)".into(),
            name_en: "Regional akimat (demo)".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    app.db.store.create_rule(None, "430000000", regional, &adaldyq_store::Actor::system()).await.unwrap();
    regional
}

/// A body of the other district ("Басқа" / "Другое" / "Other"), outside the
/// test users' scope. Its id.
pub async fn other_body(app: &TestApp) -> i64 {
    app.db
        .store
        .create_institution(&NewInstitution {
            territory_code: OTHER_DISTRICT.into(),
            name_kk: "Басқа".into(),
            name_ru: "Другое".into(),
            name_en: "Other".into(),
            is_demo: true,
        })
        .await
        .unwrap()
}
