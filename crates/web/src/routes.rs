//! Every route of the platform, in one table: method, path, the action it
//! performs (for the one permission check) and its rate-limit class. The
//! router is built from this table, and the permission test walks it.

use crate::auth::{self, account, sign_in, AuthContext};
use crate::error::render_errors;
use crate::middleware::{locale, ratelimit, ratelimit::RateClass, security, text};
use crate::state::AppState;
use crate::{admin, api, appeals, assets, inbox, notices, ops, pages, receptions};
use adaldyq_domain::{decide, Action, Decision, Target};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// One route: what it is, what it does, how it is limited.
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub action: Action,
    pub target: Target,
    pub rate: Option<RateClass>,
    /// Takes files: the body may be as large as the attachment limits allow.
    pub uploads: bool,
    pub handler: MethodRouter<AppState>,
}

fn route(method: Method, path: &'static str, action: Action, handler: MethodRouter<AppState>) -> RouteSpec {
    RouteSpec { method, path, action, target: Target::None, rate: None, uploads: false, handler }
}

impl RouteSpec {
    fn on(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    fn uploads(mut self) -> Self {
        self.uploads = true;
        self
    }

    fn limited(mut self, class: RateClass) -> Self {
        self.rate = Some(class);
        self
    }

    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/")
    }
}

/// The route table.
pub fn routes() -> Vec<RouteSpec> {
    use Action::*;
    use Method as M;
    vec![
        route(M::GET, "/", ReadPublic, get(pages::root)),
        route(M::GET, "/healthz", ReadPublic, get(ops::healthz)),
        route(M::GET, "/readyz", ReadPublic, get(ops::readyz)),
        route(M::GET, "/metrics", ReadPublic, get(ops::metrics)),
        route(M::GET, "/static/{file}", ReadPublic, get(assets::serve)),
        route(M::GET, "/{lang}", ReadPublic, get(lang_root)),
        route(M::GET, "/{lang}/", ReadPublic, get(pages::home::show)),
        route(M::GET, "/{lang}/sign-in", SignIn, get(sign_in::form)),
        route(M::POST, "/{lang}/sign-in", SignIn, post(sign_in::submit)).limited(RateClass::SignIn),
        route(M::GET, "/{lang}/sign-in/code", SignIn, get(sign_in::code_form)),
        route(M::POST, "/{lang}/sign-in/code", SignIn, post(sign_in::code_submit)).limited(RateClass::SignIn),
        route(M::POST, "/{lang}/sign-out", ManageOwnAccount, post(sign_in::sign_out)),
        route(M::GET, "/{lang}/account", ManageOwnAccount, get(account::show)),
        route(M::GET, "/{lang}/my/appeals", ManageOwnAccount, get(appeals::mine::list)),
        route(M::GET, "/{lang}/account/password", ManageOwnAccount, get(account::password_form)),
        route(M::POST, "/{lang}/account/password", ManageOwnAccount, post(account::password_submit)),
        route(M::GET, "/{lang}/account/second-factor", ManageOwnAccount, get(account::second_factor_form)),
        route(M::POST, "/{lang}/account/second-factor", ManageOwnAccount, post(account::second_factor_submit)),
        route(M::GET, "/{lang}/account/notices", ManageOwnAccount, get(notices::preferences::form)),
        route(M::POST, "/{lang}/account/notices", ManageOwnAccount, post(notices::preferences::submit)),
        route(M::GET, "/{lang}/notices/unsubscribe", Unsubscribe, get(notices::unsubscribe::show)),
        // Not limited per address: a mail provider posts every one-click
        // switch-off of its users from a few addresses, and the signed
        // token cannot be guessed.
        route(M::POST, "/{lang}/notices/unsubscribe", Unsubscribe, post(notices::unsubscribe::submit)),
        route(M::GET, "/{lang}/staff", OpenStaffWorkspace, get(pages::staff::show)),
        route(M::GET, "/{lang}/admin/users", ViewUsers, get(admin::users::list)),
        route(M::GET, "/{lang}/admin/territories", ImportTerritories, get(admin::territories::form))
            .on(Target::Everything),
        route(M::POST, "/{lang}/admin/territories", ImportTerritories, post(admin::territories::submit))
            .on(Target::Everything),
        route(M::GET, "/{lang}/admin/security", ManageSecurityPolicy, get(admin::security::form))
            .on(Target::Everything),
        route(M::POST, "/{lang}/admin/security", ManageSecurityPolicy, post(admin::security::submit))
            .on(Target::Everything),
        route(M::GET, "/{lang}/appeals/new", FileAppeal, get(appeals::new::form)),
        // Limited in the handler: only a sending counts, not the form's pages.
        route(M::POST, "/{lang}/appeals/new", FileAppeal, post(appeals::new::submit)).uploads(),
        route(M::GET, "/{lang}/appeals/receipt", TrackAppeal, get(appeals::receipt::once)),
        route(M::POST, "/{lang}/appeals/receipt", TrackAppeal, post(appeals::receipt::download))
            .limited(RateClass::Tracking),
        route(M::GET, "/{lang}/track", TrackAppeal, get(appeals::track::form)),
        route(M::POST, "/{lang}/track", TrackAppeal, post(appeals::track::show)).limited(RateClass::Tracking),
        route(M::POST, "/{lang}/track/clarification", TrackAppeal, post(appeals::track::clarify))
            .limited(RateClass::Tracking),
        route(M::POST, "/{lang}/track/rate", TrackAppeal, post(appeals::feedback::rate)).limited(RateClass::Tracking),
        route(M::POST, "/{lang}/track/file", TrackAppeal, post(appeals::feedback::download))
            .limited(RateClass::Tracking),
        route(M::POST, "/{lang}/track/information", TrackAppeal, post(appeals::feedback::add_information))
            .limited(RateClass::Tracking)
            .uploads(),
        route(M::POST, "/{lang}/track/dispute", TrackAppeal, post(appeals::feedback::dispute))
            .limited(RateClass::Tracking),
        route(M::GET, "/{lang}/receptions/{id}/book", BookReception, get(receptions::book::form)),
        route(M::POST, "/{lang}/receptions/{id}/book", BookReception, post(receptions::book::submit))
            .limited(RateClass::Filing),
        // A guessed token is answered like an unknown one, and limited.
        route(M::GET, "/{lang}/receptions/manage", BookReception, get(receptions::manage::page))
            .limited(RateClass::Tracking),
        route(M::POST, "/{lang}/receptions/manage", BookReception, post(receptions::manage::act))
            .limited(RateClass::Tracking),
        route(M::GET, "/{lang}/calendar", ReadPublic, get(pages::calendar::show)),
        route(M::GET, "/{lang}/transparency", ReadPublic, get(pages::transparency::show)),
        route(M::GET, "/{lang}/open-data", ReadPublic, get(pages::open_data::show)),
        route(M::GET, "/{lang}/receptions", ReadPublic, get(receptions::list::list)),
        route(M::GET, "/{lang}/receptions/programme", ReadPublic, get(receptions::groups::programme)),
        route(M::GET, "/{lang}/receptions/feed.atom", ReadPublic, get(receptions::feeds::atom)),
        route(M::GET, "/{lang}/receptions/{id}", ReadPublic, get(receptions::show::show)),
        route(M::GET, "/{lang}/receptions/groups/{id}", ReadPublic, get(receptions::groups::group)),
        route(M::GET, "/{lang}/receptions/territory/{file}", ReadPublic, get(receptions::feeds::territory)),
        route(M::GET, "/{lang}/receptions/hosts/{file}", ReadPublic, get(receptions::feeds::host)),
        // The day of a reception; the handlers check its territory.
        route(M::GET, "/{lang}/staff/receptions/{id}/day", RunReceptionDay, get(receptions::staff::day::page)),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/day/check-in",
            RunReceptionDay,
            post(receptions::staff::day::check_in),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/day/walk-in",
            RunReceptionDay,
            post(receptions::staff::day::walk_in),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/day/received",
            RunReceptionDay,
            post(receptions::staff::day::received),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/day/no-show",
            RunReceptionDay,
            post(receptions::staff::day::no_show),
        ),
        route(M::POST, "/{lang}/staff/receptions/{id}/day/host", RunReceptionDay, post(receptions::staff::day::host)),
        route(M::POST, "/{lang}/staff/receptions/{id}/day/held", RunReceptionDay, post(receptions::staff::day::held)),
        route(
            M::GET,
            "/{lang}/staff/receptions/{id}/check-in",
            RunReceptionDay,
            get(receptions::staff::check_in::show),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/check-in",
            RunReceptionDay,
            post(receptions::staff::check_in::submit),
        ),
        route(M::GET, "/{lang}/staff/receptions/{id}/questions", RunReceptionDay, get(receptions::staff::record::form)),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/questions",
            RunReceptionDay,
            post(receptions::staff::record::submit),
        ),
        route(M::GET, "/{lang}/staff/receptions", ManageReceptions, get(receptions::staff::list::list)),
        route(M::GET, "/{lang}/staff/receptions/new", ManageReceptions, get(receptions::staff::edit::new_form)),
        route(M::POST, "/{lang}/staff/receptions/new", ManageReceptions, post(receptions::staff::edit::new_submit)),
        route(M::GET, "/{lang}/staff/receptions/{id}/edit", ManageReceptions, get(receptions::staff::edit::edit_form)),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/edit",
            ManageReceptions,
            post(receptions::staff::edit::edit_submit),
        ),
        route(
            M::GET,
            "/{lang}/staff/receptions/{id}/postpone",
            ManageReceptions,
            get(receptions::staff::change::postpone_form),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/postpone",
            ManageReceptions,
            post(receptions::staff::change::postpone_submit),
        ),
        route(
            M::GET,
            "/{lang}/staff/receptions/{id}/cancel",
            ManageReceptions,
            get(receptions::staff::change::cancel_form),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/{id}/cancel",
            ManageReceptions,
            post(receptions::staff::change::cancel_submit),
        ),
        route(M::GET, "/{lang}/staff/receptions/schedules", ManageReceptions, get(receptions::staff::schedules::list)),
        route(
            M::POST,
            "/{lang}/staff/receptions/schedules",
            ManageReceptions,
            post(receptions::staff::schedules::create),
        ),
        route(
            M::GET,
            "/{lang}/staff/receptions/schedules/{id}",
            ManageReceptions,
            get(receptions::staff::schedules::show),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/schedules/{id}/generate",
            ManageReceptions,
            post(receptions::staff::schedules::generate),
        ),
        route(
            M::POST,
            "/{lang}/staff/receptions/schedules/{id}/deactivate",
            ManageReceptions,
            post(receptions::staff::schedules::deactivate),
        ),
        route(M::GET, "/{lang}/staff/appeals", ReadAppeals, get(inbox::list::list)),
        route(M::GET, "/{lang}/staff/templates", ManageTemplates, get(inbox::templates::list)),
        route(M::POST, "/{lang}/staff/templates", ManageTemplates, post(inbox::templates::submit)),
        route(M::POST, "/{lang}/staff/appeals/assign", AssignAppeal, post(inbox::list::bulk_assign)),
        route(M::GET, "/{lang}/staff/appeals/{number}", ReadAppeals, get(inbox::show::show)),
        route(M::GET, "/{lang}/staff/appeals/{number}/files/{id}", ReadAppeals, get(inbox::show::download)),
        route(M::POST, "/{lang}/staff/appeals/{number}/answer", AnswerAppeal, post(inbox::act::answer)).uploads(),
        route(M::POST, "/{lang}/staff/appeals/{number}/clarify", AnswerAppeal, post(inbox::act::clarify)),
        route(M::POST, "/{lang}/staff/appeals/{number}/extend", ExtendTerm, post(inbox::act::extend)),
        route(M::POST, "/{lang}/staff/appeals/{number}/forward", AnswerAppeal, post(inbox::act::forward)),
        route(M::POST, "/{lang}/staff/appeals/{number}/assign", AssignAppeal, post(inbox::act::assign)),
        route(M::POST, "/{lang}/staff/appeals/{number}/note", ReadAppeals, post(inbox::act::note)),
        route(M::GET, "/{lang}/admin/calendar", ManageCalendar, get(admin::calendar::form)).on(Target::Everything),
        route(M::POST, "/{lang}/admin/calendar", ManageCalendar, post(admin::calendar::submit)).on(Target::Everything),
        route(M::GET, "/{lang}/admin/tokens", ManageTokens, get(admin::tokens::form)).on(Target::Everything),
        route(M::POST, "/{lang}/admin/tokens", ManageTokens, post(admin::tokens::submit)).on(Target::Everything),
        route(M::GET, "/{lang}/admin/notices", ManageNotices, get(admin::notices::form)).on(Target::Everything),
        route(M::POST, "/{lang}/admin/notices", ManageNotices, post(admin::notices::submit)).on(Target::Everything),
        route(M::GET, "/{lang}/admin/notices/preview", ManageNotices, get(admin::notice_preview::show))
            .on(Target::Everything),
        route(M::GET, "/{lang}/admin/routing", ManageRouting, get(admin::routing::form)).on(Target::Everything),
        route(M::POST, "/{lang}/admin/routing", ManageRouting, post(admin::routing::submit)).on(Target::Everything),
        route(M::GET, "/api/v1/territories", ReadPublic, get(api::territories::list)),
        route(M::GET, "/api/v1/institutions", ReadPublic, get(api::institutions::list)),
        route(M::GET, "/api/v1/calendar/due", ReadPublic, get(api::calendar::due)),
        route(M::GET, "/api/v1/receptions", ReadPublic, get(api::receptions::list)),
        route(M::POST, "/api/v1/receptions/{id}/bookings", BookReception, post(api::bookings::create))
            .limited(RateClass::Filing),
        route(M::POST, "/api/v1/appeals", FileAppeal, post(api::appeals::create)).limited(RateClass::Filing),
        route(M::GET, "/api/v1/appeals/{number}", TrackAppeal, get(api::appeals::show)).limited(RateClass::Tracking),
        route(M::GET, "/api/v1/me", ManageOwnAccount, get(api::me::show)),
        route(M::GET, "/api/v1/staff/appeals", ReadAppeals, get(api::staff::inbox)),
        route(M::POST, "/api/v1/staff/appeals/{number}/{action}", ReadAppeals, post(api::staff::act)),
        route(M::GET, "/api/v1/staff/receptions", ManageReceptions, get(api::staff_receptions::list)),
        route(M::POST, "/api/v1/staff/receptions", ManageReceptions, post(api::staff_receptions::plan)),
        route(M::GET, "/api/v1/staff/receptions/{id}", RunReceptionDay, get(api::staff_receptions::show)),
        route(
            M::POST,
            "/api/v1/staff/receptions/{id}/postpone",
            ManageReceptions,
            post(api::staff_receptions::postpone),
        ),
        route(M::POST, "/api/v1/staff/receptions/{id}/cancel", ManageReceptions, post(api::staff_receptions::cancel)),
        route(
            M::POST,
            "/api/v1/staff/receptions/{id}/check-in",
            RunReceptionDay,
            post(api::staff_receptions::check_in),
        ),
        route(M::POST, "/api/v1/staff/receptions/{id}/walk-in", RunReceptionDay, post(api::staff_receptions::walk_in)),
        route(
            M::POST,
            "/api/v1/staff/receptions/{id}/bookings/{booking}/received",
            RunReceptionDay,
            post(api::staff_receptions::received),
        ),
        route(
            M::POST,
            "/api/v1/staff/receptions/{id}/bookings/{booking}/no-show",
            RunReceptionDay,
            post(api::staff_receptions::no_show),
        ),
        route(M::POST, "/api/v1/staff/receptions/{id}/host", RunReceptionDay, post(api::staff_receptions::host)),
        route(M::POST, "/api/v1/staff/receptions/{id}/held", RunReceptionDay, post(api::staff_receptions::held)),
        route(
            M::POST,
            "/api/v1/staff/receptions/{id}/questions",
            RunReceptionDay,
            post(api::staff_receptions::question),
        ),
        route(M::GET, "/api/v1/openapi.json", ReadPublic, get(api::openapi::serve)),
        route(M::GET, "/api/v1/log/checkpoint", ReadPublic, get(api::log::checkpoint)),
        route(M::GET, "/api/v1/log/key", ReadPublic, get(api::log::key)),
        route(M::GET, "/api/v1/log/leaves", ReadPublic, get(api::log::leaves)),
        route(M::GET, "/api/v1/log/inclusion", ReadPublic, get(api::log::inclusion)),
        route(M::GET, "/api/v1/log/consistency", ReadPublic, get(api::log::consistency)),
        route(M::POST, "/api/v1/log/cosignatures", Cosign, post(api::log::cosign)).limited(RateClass::Tracking),
        route(M::POST, "/api/v1/admin/territories", ImportTerritories, post(api::territories::load))
            .on(Target::Everything),
    ]
}

/// `/kk` → `/kk/`; anything else one segment long is not a page.
async fn lang_root(req: Request) -> Response {
    match locale::path_locale(req.uri().path()) {
        Some(l) => Redirect::permanent(&format!("/{}/", l.segment())).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Clone)]
struct Guard {
    action: Action,
    target: Target,
    api: bool,
}

/// The one permission check, in front of every route.
async fn guard(State(g): State<Guard>, req: Request, next: Next) -> Response {
    let auth = req.extensions().get::<AuthContext>();
    let decision = decide(auth.and_then(|a| a.principal.as_ref()), g.action, &g.target);
    if decision == Decision::Allow {
        return next.run(req).await;
    }
    let locale = locale::request_locale(&req);
    match (decision, g.api) {
        (Decision::SignInRequired, true) => StatusCode::UNAUTHORIZED.into_response(),
        (Decision::SignInRequired, false) => {
            let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let next: String = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
            Redirect::to(&format!("/{}/sign-in?{next}", locale.segment())).into_response()
        }
        (Decision::SecondFactorRequired, false) => {
            Redirect::to(&format!("/{}/account/second-factor", locale.segment())).into_response()
        }
        _ => StatusCode::FORBIDDEN.into_response(),
    }
}

/// The application: the route table behind the shared middleware.
pub fn app(state: AppState) -> Router {
    let mut router: Router<AppState> = Router::new();
    for spec in routes() {
        let guard_state = Guard { action: spec.action, target: spec.target.clone(), api: spec.is_api() };
        let mut handler = spec.handler.route_layer(from_fn_with_state(guard_state, guard));
        if spec.uploads {
            handler = handler.layer(DefaultBodyLimit::max(state.config.upload_bytes()));
        }
        if let Some(class) = spec.rate {
            handler = handler.route_layer(from_fn_with_state((state.clone(), class), ratelimit::limit));
        }
        router = router.route(spec.path, handler);
    }
    let config = state.config.clone();
    router
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(from_fn_with_state(state.clone(), security::csrf))
        .layer(from_fn_with_state(state.clone(), auth::load))
        .layer(from_fn(locale::remember))
        .layer(from_fn(text::refuse_control_characters))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes.max(config.upload_bytes())))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(CatchPanicLayer::new())
        .layer(from_fn(render_errors))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(compression())
        .layer(from_fn_with_state(state.clone(), ops::track))
        .with_state(state)
}

/// Text answers go out in gzip or brotli when the client asks: the filing
/// form shrinks about six-fold, which matters on a 2G line. Pages are made
/// for each request, so they are compressed at a fast level (4 for both
/// gzip and brotli) to keep the CPU cost per page small; the static assets
/// come pre-compressed at the best level (assets.rs) and pass through.
/// Bodies under 1 KB gain nothing and are left alone, as is everything
/// that is not text (`/healthz`, `/readyz` and `/metrics` are plain text
/// and tiny, and stay as they are).
fn compression() -> CompressionLayer<impl Predicate> {
    const COMPRESSIBLE: [&str; 7] = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/problem+json",
        "image/svg+xml",
    ];
    let text = |_: StatusCode, _: axum::http::Version, headers: &axum::http::HeaderMap, _: &axum::http::Extensions| {
        headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim())
            .is_some_and(|essence| COMPRESSIBLE.iter().any(|c| essence.eq_ignore_ascii_case(c)))
    };
    CompressionLayer::new()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(4))
        .compress_when(SizeAbove::new(1024).and(text))
}
