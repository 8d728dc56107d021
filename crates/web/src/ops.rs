//! Operations: `/healthz` (the process is up), `/readyz` (the database
//! answers), `/metrics` (Prometheus text: requests by route and status,
//! latency, the database pool; only with the configured bearer token), and
//! the middleware that counts requests.

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_size: Gauge,
    pool_idle: Gauge,
    /// Notices by channel and outcome (sent, failed, dead).
    pub notices: Family<crate::notices::NoticeLabels, Counter>,
    notices_queued: Gauge,
    notices_oldest_age: Gauge,
    notices_dead: Gauge,
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("adaldyq");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0])
        });
        let pool_size = Gauge::default();
        let pool_idle = Gauge::default();
        registry.register("http_requests", "HTTP requests by route and status", requests.clone());
        registry.register("http_request_duration_seconds", "HTTP request latency", latency.clone());
        registry.register("db_pool_connections", "Open database connections", pool_size.clone());
        registry.register("db_pool_idle_connections", "Idle database connections", pool_idle.clone());
        let notices = Family::<crate::notices::NoticeLabels, Counter>::default();
        let (notices_queued, notices_oldest_age, notices_dead) = (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register("notices", "Notice delivery tries by channel and outcome", notices.clone());
        registry.register("notices_queued", "Notices waiting to be sent", notices_queued.clone());
        registry.register(
            "notices_oldest_age_seconds",
            "Age of the oldest notice waiting to be sent",
            notices_oldest_age.clone(),
        );
        registry.register("notices_dead", "Notices given up on (dead letters)", notices_dead.clone());
        Metrics {
            registry,
            requests,
            latency,
            pool_size,
            pool_idle,
            notices,
            notices_queued,
            notices_oldest_age,
            notices_dead,
        }
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Counts every request by its route pattern (never the raw path, which
/// could carry personal data such as a receipt number).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route =
        req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let response = next.run(req).await;
    let m = &state.metrics;
    m.latency.get_or_create(&RouteLabels { route: route.clone() }).observe(start.elapsed().as_secs_f64());
    m.requests.get_or_create(&RequestLabels { method, route, status: response.status().as_u16() }).inc();
    response
}

pub async fn healthz() -> &'static str {
    "ok\n"
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Counts of filings and sign-in results are not for everyone: `/metrics`
/// answers only `Authorization: Bearer <metrics token>` (Prometheus's
/// `authorization` setting), and is not there at all (404) when no token is
/// configured.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.config.metrics_token.as_deref().filter(|t| !t.is_empty()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    // Digests of equal length, compared in constant time: neither the
    // token's bytes nor its length show in the time taken.
    let (given, expected) = (Sha256::digest(given.as_bytes()), Sha256::digest(expected.as_bytes()));
    if !crate::middleware::security::constant_eq(&given, &expected) {
        let mut r = StatusCode::UNAUTHORIZED.into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""));
        return r;
    }
    let m = &state.metrics;
    let pool = state.store.pool_state();
    m.pool_size.set(pool.size as i64);
    m.pool_idle.set(pool.idle as i64);
    match state.store.outbox_stats().await {
        Ok(q) => {
            m.notices_queued.set(q.queued);
            m.notices_oldest_age.set(q.oldest_created_at.map(|at| (crate::state::now() - at).max(0)).unwrap_or(0));
            m.notices_dead.set(q.dead);
        }
        Err(e) => tracing::warn!(error = %e, "reading the notice queue for metrics"),
    }
    let mut body = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut body, &m.registry) {
        tracing::error!(error = %e, "encoding metrics");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}
