//! Rate limits per client address on the few requests that cost a lot or
//! invite guessing: signing in, filing and tracking anonymously. Reading
//! public pages is never limited. Addresses are kept only in memory, and
//! only as a keyed hash, so no filer's address is stored anywhere.

use crate::state::{AppState, WebConfig};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::SocketAddr;
use std::num::NonZeroU32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateClass {
    SignIn,
    Filing,
    Tracking,
}

pub struct RateLimits {
    sign_in: DefaultKeyedRateLimiter<[u8; 16]>,
    filing: DefaultKeyedRateLimiter<[u8; 16]>,
    tracking: DefaultKeyedRateLimiter<[u8; 16]>,
    key: Vec<u8>,
    behind_proxy: bool,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    pub fn new(config: &WebConfig) -> RateLimits {
        RateLimits {
            sign_in: DefaultKeyedRateLimiter::keyed(per_minute(config.sign_ins_per_minute)),
            filing: DefaultKeyedRateLimiter::keyed(per_minute(config.filings_per_minute)),
            tracking: DefaultKeyedRateLimiter::keyed(per_minute(config.trackings_per_minute)),
            key: config.secret_key.clone(),
            behind_proxy: config.behind_proxy,
        }
    }

    fn client_key(&self, req: &Request) -> [u8; 16] {
        let forwarded = self
            .behind_proxy
            .then(|| req.headers().get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|s| s.trim().to_owned());
        let addr = forwarded.unwrap_or_else(|| {
            req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default()
        });
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(addr.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut key = [0u8; 16];
        key.copy_from_slice(&full[..16]);
        key
    }

    /// Takes one request from the client's allowance; `Err(seconds)` tells
    /// how long to wait when none is left.
    pub fn check(&self, class: RateClass, req: &Request) -> Result<(), u64> {
        let limiter = match class {
            RateClass::SignIn => &self.sign_in,
            RateClass::Filing => &self.filing,
            RateClass::Tracking => &self.tracking,
        };
        limiter.check_key(&self.client_key(req)).map_err(|not_until| {
            not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default())).as_secs()
                + 1
        })
    }
}

/// Limits only state-changing requests of the route's class.
pub async fn limit(State((state, class)): State<(AppState, RateClass)>, req: Request, next: Next) -> Response {
    if req.method() == axum::http::Method::POST {
        if let Err(wait) = state.limits.check(class, &req) {
            let mut r = StatusCode::TOO_MANY_REQUESTS.into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert("retry-after", v);
            }
            return r;
        }
    }
    next.run(req).await
}
