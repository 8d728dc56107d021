//! Every route × every role (and anonymous): the expected allow or deny.
//! The expectations are written here, apart from the route table, and the
//! test fails when a route has none, so a new route must be placed in it.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use support::{Session, TestApp};

both_backends!(every_route_allows_exactly_the_expected_roles);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anyone,
    SignedIn,
    Staff,
    AppealReader,
    Answerer,
    Head,
    /// Plans receptions (ManageReceptions): the reception's territory is
    /// checked in the handler.
    Coordinator,
    NationalAdmin,
}

fn expected(method: &Method, path: &str) -> Option<Who> {
    use Who::*;
    Some(match (method.as_str(), path) {
        ("GET", "/" | "/healthz" | "/readyz" | "/metrics" | "/static/{file}" | "/{lang}" | "/{lang}/") => Anyone,
        ("GET" | "POST", "/{lang}/sign-in" | "/{lang}/sign-in/code") => Anyone,
        ("GET", "/api/v1/territories" | "/api/v1/institutions" | "/api/v1/calendar/due" | "/api/v1/openapi.json") => {
            Anyone
        }
        ("GET" | "POST", "/{lang}/appeals/new" | "/{lang}/track") => Anyone,
        ("POST", "/{lang}/appeals/receipt" | "/api/v1/appeals" | "/{lang}/track/clarification") => Anyone,
        ("POST", "/api/v1/receptions/{id}/bookings") => Anyone,
        ("GET", "/{lang}/appeals/receipt") => Anyone,
        ("GET" | "POST", "/{lang}/receptions/{id}/book" | "/{lang}/receptions/manage") => Anyone,
        (
            "POST",
            "/{lang}/track/rate" | "/{lang}/track/dispute" | "/{lang}/track/information" | "/{lang}/track/file",
        ) => Anyone,
        ("GET", "/{lang}/calendar" | "/api/v1/appeals/{number}" | "/{lang}/transparency") => Anyone,
        ("GET", "/{lang}/open-data") => Anyone,
        (
            "GET",
            "/{lang}/receptions"
            | "/{lang}/receptions/programme"
            | "/{lang}/receptions/feed.atom"
            | "/{lang}/receptions/{id}"
            | "/{lang}/receptions/groups/{id}"
            | "/{lang}/receptions/territory/{file}"
            | "/{lang}/receptions/hosts/{file}"
            | "/api/v1/receptions",
        ) => Anyone,
        (
            "GET",
            "/api/v1/log/checkpoint"
            | "/api/v1/log/key"
            | "/api/v1/log/leaves"
            | "/api/v1/log/inclusion"
            | "/api/v1/log/consistency",
        ) => Anyone,
        ("POST", "/api/v1/log/cosignatures") => Anyone,
        ("POST", "/{lang}/sign-out") => SignedIn,
        ("GET" | "POST", "/{lang}/account/password" | "/{lang}/account/second-factor") => SignedIn,
        ("GET" | "POST", "/{lang}/account/notices") => SignedIn,
        ("GET" | "POST", "/{lang}/notices/unsubscribe") => Anyone,
        ("GET", "/{lang}/account" | "/api/v1/me" | "/{lang}/my/appeals") => SignedIn,
        ("GET", "/{lang}/staff") => Staff,
        ("GET", "/{lang}/staff/appeals" | "/{lang}/staff/appeals/{number}" | "/api/v1/staff/appeals") => AppealReader,
        ("GET", "/{lang}/staff/appeals/{number}/files/{id}") => AppealReader,
        ("POST", "/api/v1/staff/appeals/{number}/{action}") => AppealReader,
        ("POST", "/{lang}/staff/appeals/{number}/answer" | "/{lang}/staff/appeals/{number}/clarify") => Answerer,
        ("POST", "/{lang}/staff/appeals/{number}/forward") => Answerer,
        ("POST", "/{lang}/staff/appeals/{number}/extend" | "/{lang}/staff/appeals/{number}/assign") => Head,
        ("POST", "/{lang}/staff/appeals/assign") => Head,
        ("GET" | "POST", "/{lang}/staff/templates") => Head,
        ("POST", "/{lang}/staff/appeals/{number}/note") => AppealReader,
        ("GET", "/{lang}/staff/receptions/{id}/day") => Coordinator,
        (
            "POST",
            "/{lang}/staff/receptions/{id}/day/check-in"
            | "/{lang}/staff/receptions/{id}/day/walk-in"
            | "/{lang}/staff/receptions/{id}/day/received"
            | "/{lang}/staff/receptions/{id}/day/no-show"
            | "/{lang}/staff/receptions/{id}/day/host"
            | "/{lang}/staff/receptions/{id}/day/held",
        ) => Coordinator,
        ("GET" | "POST", "/{lang}/staff/receptions/{id}/check-in" | "/{lang}/staff/receptions/{id}/questions") => {
            Coordinator
        }
        ("GET", "/{lang}/staff/receptions" | "/{lang}/staff/receptions/schedules/{id}") => Coordinator,
        (
            "GET" | "POST",
            "/{lang}/staff/receptions/new"
            | "/{lang}/staff/receptions/{id}/edit"
            | "/{lang}/staff/receptions/{id}/postpone"
            | "/{lang}/staff/receptions/{id}/cancel"
            | "/{lang}/staff/receptions/schedules",
        ) => Coordinator,
        (
            "POST",
            "/{lang}/staff/receptions/schedules/{id}/generate" | "/{lang}/staff/receptions/schedules/{id}/deactivate",
        ) => Coordinator,
        ("GET", "/api/v1/staff/receptions" | "/api/v1/staff/receptions/{id}") => Coordinator,
        (
            "POST",
            "/api/v1/staff/receptions"
            | "/api/v1/staff/receptions/{id}/check-in"
            | "/api/v1/staff/receptions/{id}/postpone"
            | "/api/v1/staff/receptions/{id}/cancel"
            | "/api/v1/staff/receptions/{id}/walk-in"
            | "/api/v1/staff/receptions/{id}/bookings/{booking}/received"
            | "/api/v1/staff/receptions/{id}/bookings/{booking}/no-show"
            | "/api/v1/staff/receptions/{id}/host"
            | "/api/v1/staff/receptions/{id}/held"
            | "/api/v1/staff/receptions/{id}/questions",
        ) => Coordinator,
        ("GET", "/{lang}/admin/users") => NationalAdmin,
        (
            "GET" | "POST",
            "/{lang}/admin/territories"
            | "/{lang}/admin/security"
            | "/{lang}/admin/calendar"
            | "/{lang}/admin/tokens"
            | "/{lang}/admin/routing"
            | "/{lang}/admin/notices",
        ) => NationalAdmin,
        ("GET", "/{lang}/admin/notices/preview") => NationalAdmin,
        ("POST", "/api/v1/admin/territories") => NationalAdmin,
        _ => return None,
    })
}

fn allowed(who: Who, role: Option<Role>) -> bool {
    match (who, role) {
        (Who::Anyone, _) => true,
        (_, None) => false,
        (Who::SignedIn, Some(_)) => true,
        (Who::Staff, Some(r)) => r != Role::Citizen,
        (Who::AppealReader, Some(r)) => matches!(r, Role::Officer | Role::Head | Role::Coordinator | Role::Inspector),
        (Who::Answerer, Some(r)) => matches!(r, Role::Officer | Role::Head),
        (Who::Head, Some(r)) => r == Role::Head,
        (Who::Coordinator, Some(r)) => r == Role::Coordinator,
        (Who::NationalAdmin, Some(r)) => r == Role::Administrator,
    }
}

async fn every_route_allows_exactly_the_expected_roles(default: TestApp) {
    // Many sign-ins from one (test) address: lift the per-address limit.
    let config = adaldyq_web::WebConfig {
        sign_ins_per_minute: 10_000,
        filings_per_minute: 10_000,
        trackings_per_minute: 10_000,
        ..support::test_config()
    };
    let app = TestApp::with_config(default.backend(), config).await.unwrap();
    let mut emails = Vec::new();
    let mut sessions = std::collections::HashMap::new();
    for role in Role::ALL {
        let email = app.user(role).await;
        sessions.insert(role, app.sign_in(&email).await);
        emails.push((role, email));
    }
    let css = adaldyq_web::assets::CSS_PATH.trim_start_matches("/static/").to_owned();
    let mut checked = 0;
    for spec in adaldyq_web::routes::routes() {
        let who = expected(&spec.method, spec.path)
            .unwrap_or_else(|| panic!("{} {} has no expectation in this test", spec.method, spec.path));
        let path = spec
            .path
            .replace("{lang}", "en")
            .replace("{file}", &css)
            .replace("{number}", "43-2026-000001")
            .replace("{id}", "1")
            .replace("{action}", "note");
        let mut subjects: Vec<(Option<Role>, Option<String>)> = vec![(None, None)];
        subjects.extend(emails.iter().map(|(r, e)| (Some(*r), Some(e.clone()))));
        for (role, email) in subjects {
            // One session per role, except where the route ends it.
            let session = match (&email, role) {
                (Some(e), _) if spec.path.ends_with("/sign-out") => app.sign_in(e).await,
                (Some(_), Some(r)) => sessions[&r].clone(),
                _ => Session::default(),
            };
            let signed = email.is_some().then_some(&session);
            let reply = if spec.method == Method::GET {
                app.get(&path, signed).await
            } else if spec.is_api() {
                let mut req = Request::post(&path)
                    .header(header::CONTENT_TYPE, "text/csv")
                    .header("sec-fetch-site", "same-origin")
                    .header("x-csrf-token", &session.csrf);
                if let Some(s) = signed {
                    req = req.header(header::COOKIE, &s.cookie);
                }
                app.send(req.body(Body::from("code,parent_code,level,kind,name_kk,name_ru\n")).unwrap()).await
            } else {
                app.post_form(&path, &[], signed).await
            };
            let to_sign_in = reply.status == StatusCode::SEE_OTHER && reply.location().starts_with("/en/sign-in?next=");
            let denied = reply.status == StatusCode::FORBIDDEN
                || (spec.is_api() && reply.status == StatusCode::UNAUTHORIZED)
                || to_sign_in;
            let expect = allowed(who, role);
            assert_eq!(
                !denied,
                expect,
                "{} {} as {:?}: status {} location {:?}",
                spec.method,
                path,
                role,
                reply.status,
                reply.location()
            );
            if !expect {
                if role.is_none() && !spec.is_api() {
                    assert!(to_sign_in, "{} {}: anonymous is asked to sign in", spec.method, path);
                } else if role.is_none() {
                    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{} {}", spec.method, path);
                } else {
                    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{} {}", spec.method, path);
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, adaldyq_web::routes::routes().len() * (Role::ALL.len() + 1));
}
