//! Rate limits per client address on the requests that cost a lot or
//! invite guessing: signing in, filing, and every receipt check, whatever
//! its method. Reading public pages is never limited. Addresses are kept
//! only in memory, and only as a keyed hash, so no filer's address is
//! stored anywhere.

use crate::state::{AppState, WebConfig};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::{IpAddr, SocketAddr};
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
    trusted_proxy_hops: usize,
    /// Failed sign-ins per account, device and second step.
    pub accounts: crate::auth::throttle::Throttle,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

/// The client's address, as far as this server can trust it: the peer of
/// the connection; behind a proxy, the `X-Forwarded-For` entry the nearest
/// trusted proxy wrote. Proxies append (nginx's
/// `$proxy_add_x_forwarded_for`), so with `hops` trusted proxies in front
/// the client's address is the `hops`-th entry from the right; anything to
/// its left was written by the client and may be forged. Every limiter
/// counts by this one address.
pub fn client_addr(behind_proxy: bool, hops: usize, headers: &HeaderMap, peer: Option<SocketAddr>) -> Option<IpAddr> {
    let peer = peer.map(|p| p.ip());
    if !behind_proxy {
        return peer;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    // Fewer entries than trusted hops: every entry was written by a trusted
    // proxy, and the first is the nearest to the client.
    let entry = entries.len().checked_sub(hops.max(1)).map(|i| entries[i]).or(entries.first().copied());
    entry.and_then(parse_ip).or(peer)
}

/// `203.0.113.7`, `2001:db8::1`, and the forms with a port some proxies
/// write (`203.0.113.7:5123`, `[2001:db8::1]:5123`).
fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse::<IpAddr>().ok().or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// The peer address axum recorded for the connection, if served with it.
pub fn peer(req: &Request) -> Option<SocketAddr> {
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0)
}

impl RateLimits {
    pub fn new(config: &WebConfig) -> RateLimits {
        RateLimits {
            sign_in: DefaultKeyedRateLimiter::keyed(per_minute(config.sign_ins_per_minute)),
            filing: DefaultKeyedRateLimiter::keyed(per_minute(config.filings_per_minute)),
            tracking: DefaultKeyedRateLimiter::keyed(per_minute(config.trackings_per_minute)),
            key: config.secret_key.clone(),
            behind_proxy: config.behind_proxy,
            trusted_proxy_hops: config.trusted_proxy_hops,
            accounts: crate::auth::throttle::Throttle::new(config),
        }
    }

    /// The address a request is counted by (see [`client_addr`]).
    pub fn client_addr(&self, req: &Request) -> Option<IpAddr> {
        client_addr(self.behind_proxy, self.trusted_proxy_hops, req.headers(), peer(req))
    }

    /// A keyed hash of the client's address; an IPv6 client holds a whole
    /// /64, so it is counted as one.
    pub fn client_key(&self, req: &Request) -> [u8; 16] {
        let addr = match self.client_addr(req) {
            Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
                let mut bytes = v6.octets();
                bytes[8..].fill(0);
                std::net::Ipv6Addr::from(bytes).to_string()
            }
            Some(ip) => ip.to_canonical().to_string(),
            None => String::new(),
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(b"client:");
        mac.update(addr.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut key = [0u8; 16];
        key.copy_from_slice(&full[..16]);
        key
    }

    /// Takes one request from the client's allowance; `Err(seconds)` tells
    /// how long to wait when none is left.
    pub fn check(&self, class: RateClass, req: &Request) -> Result<(), u64> {
        self.check_key(class, &self.client_key(req))
    }

    /// [`check`](Self::check) for a client whose key was taken earlier
    /// (a handler that reads the body before it knows whether to count).
    pub fn check_key(&self, class: RateClass, key: &[u8; 16]) -> Result<(), u64> {
        let limiter = match class {
            RateClass::SignIn => &self.sign_in,
            RateClass::Filing => &self.filing,
            RateClass::Tracking => &self.tracking,
        };
        limiter.check_key(key).map_err(|not_until| {
            not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default())).as_secs()
                + 1
        })
    }
}

/// Answers 429 with `Retry-After` once the client's allowance for the
/// route's class is spent. Every request of a limited route counts, GET as
/// much as POST: a receipt checked through `GET /api/v1/appeals/{number}`
/// is as much a guess as one posted to the track page.
pub async fn limit(State((state, class)): State<(AppState, RateClass)>, req: Request, next: Next) -> Response {
    if let Err(wait) = state.limits.check(class, &req) {
        return too_many(wait);
    }
    next.run(req).await
}

/// 429 with `Retry-After`: the client's allowance is spent for `wait` seconds.
pub fn too_many(wait: u64) -> Response {
    let mut r = StatusCode::TOO_MANY_REQUESTS.into_response();
    if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
        r.headers_mut().insert("retry-after", v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::client_addr;
    use axum::http::HeaderMap;
    use std::net::{IpAddr, SocketAddr};

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_trusted_proxys_entry_is_the_client() {
        let proxy: Option<SocketAddr> = Some("10.0.0.2:40000".parse().unwrap());
        // Not behind a proxy: the header is the client's own words.
        assert_eq!(client_addr(false, 1, &xff(&["198.51.100.9"]), proxy), ip("10.0.0.2"));
        // One proxy: the rightmost entry, whatever the client put before it.
        let forged = xff(&["1.2.3.4, 5.6.7.8, 203.0.113.7"]);
        assert_eq!(client_addr(true, 1, &forged, proxy), ip("203.0.113.7"));
        assert_eq!(client_addr(true, 1, &xff(&["1.2.3.4", "203.0.113.7"]), proxy), ip("203.0.113.7"), "two lines");
        assert_eq!(client_addr(true, 1, &xff(&["1.2.3.4,,203.0.113.7, "]), proxy), ip("203.0.113.7"));
        // Two proxies (a CDN, then nginx): the second from the right.
        assert_eq!(client_addr(true, 2, &forged, proxy), ip("5.6.7.8"));
        assert_eq!(client_addr(true, 2, &xff(&["203.0.113.7"]), proxy), ip("203.0.113.7"), "fewer entries");
        // Ports and IPv6 as proxies write them.
        assert_eq!(client_addr(true, 1, &xff(&["x, 203.0.113.7:5123"]), proxy), ip("203.0.113.7"));
        assert_eq!(client_addr(true, 1, &xff(&["x, [2001:db8::1]:5123"]), proxy), ip("2001:db8::1"));
        assert_eq!(client_addr(true, 1, &xff(&["2001:db8::1"]), proxy), ip("2001:db8::1"));
        // No header, or one the proxy did not fill: the peer.
        assert_eq!(client_addr(true, 1, &HeaderMap::new(), proxy), ip("10.0.0.2"));
        assert_eq!(client_addr(true, 1, &xff(&["203.0.113.7, unknown"]), proxy), ip("10.0.0.2"));
    }
}
