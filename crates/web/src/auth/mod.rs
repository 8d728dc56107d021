//! Who is asking: server-side sessions (a random token in a cookie, its
//! SHA-256 in the database), the principal built from the user's grants,
//! and the pages to sign in and out and manage one's account.

pub mod account;
pub mod password;
pub mod sign_in;
pub mod throttle;
pub mod totp;

use crate::middleware::locale::cookie;
use crate::state::{now, AppState};
use adaldyq_domain::{Principal, Role};
use adaldyq_store::User;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "adaldyq_session";
/// Sessions are extended on use, but written back at most this often.
const TOUCH_EVERY_SECS: i64 = 300;

/// What the request carries about its session, put in the request's
/// extensions by [`load`].
#[derive(Debug, Clone, Default)]
pub struct AuthContext {
    pub principal: Option<Principal>,
    pub user: Option<UserSummary>,
    /// The session's token hash, when a live session came with the request.
    pub token_hash: Option<Vec<u8>>,
    /// Password accepted, TOTP code still to come.
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone)]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub totp_enabled: bool,
}

impl AuthContext {
    /// The token forms of this session carry: an HMAC of the session, so it
    /// dies with the session and cannot be made without the server's key.
    pub fn csrf_token(&self, key: &[u8]) -> Option<String> {
        let hash = self.token_hash.as_ref()?;
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(b"csrf:");
        mac.update(hash);
        Some(URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
    }

    pub fn is_staff(&self) -> bool {
        self.principal.as_ref().is_some_and(|p| p.is_staff())
    }

    pub fn is_admin(&self) -> bool {
        self.principal.as_ref().is_some_and(|p| p.has_role(Role::Administrator))
    }

    /// Who acts, for the audit trail (the person) and the log (the role).
    pub fn actor(&self, role: Role) -> adaldyq_store::Actor {
        match &self.principal {
            Some(p) => adaldyq_store::Actor::user(role.as_str(), p.user_id),
            None => adaldyq_store::Actor::system(),
        }
    }
}

/// A new random session token and its hash.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source");
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn session_cookie(state: &AppState, token: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a base64url token is a valid header value")
}

pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    session_cookie(state, "", 0)
}

/// Builds the principal of a user: their grants, and whether a role they
/// hold requires a second factor they have not turned on.
pub async fn principal_for(state: &AppState, user: &User) -> adaldyq_store::Result<Principal> {
    let grants = state.store.grants(user.id).await?;
    let must = if user.totp_enabled {
        false
    } else {
        let policies = state.store.role_policies().await?;
        grants.iter().any(|g| policies.iter().any(|p| p.role == g.role && p.require_second_factor))
    };
    Ok(Principal { user_id: user.id, grants, must_set_up_second_factor: must })
}

/// Loads the session named by the cookie, if any and alive. A malformed or
/// unknown cookie is treated as no session (and cleared).
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut ctx = AuthContext::default();
    let mut clear = false;
    let token = cookie(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned);
    if let Some(token) = token {
        let hash = hash_token(&token);
        let t = now();
        match state.store.session(&hash, t).await {
            Ok(Some(session)) => {
                if let Ok(Some(user)) = state.store.user(session.user_id).await {
                    if !session.second_factor_pending {
                        match principal_for(&state, &user).await {
                            Ok(p) => ctx.principal = Some(p),
                            Err(e) => tracing::error!(error = %e, "loading grants"),
                        }
                    }
                    ctx.second_factor_pending = session.second_factor_pending;
                    ctx.user = Some(UserSummary {
                        id: user.id,
                        name: user.name.clone(),
                        email: user.email.clone(),
                        totp_enabled: user.totp_enabled,
                    });
                    ctx.token_hash = Some(hash.clone());
                    if t - session.last_seen_at > TOUCH_EVERY_SECS {
                        let expires = t + state.config.session_hours * 3600;
                        if let Err(e) = state.store.touch_session(&hash, t, expires).await {
                            tracing::warn!(error = %e, "extending a session");
                        }
                    }
                } else {
                    clear = true;
                }
            }
            Ok(None) => clear = true,
            Err(e) => tracing::error!(error = %e, "loading a session"),
        }
    }
    if ctx.principal.is_none() && ctx.token_hash.is_none() {
        if let Some(token) = bearer(req.headers()) {
            match token_principal(&state, &token).await {
                Ok(Some((p, u))) => {
                    ctx.principal = Some(p);
                    ctx.user = Some(u);
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "loading an API token"),
            }
        }
    }
    // A signed-in person's error page keeps their header (error.rs).
    let signed_in = ctx.principal.is_some().then(|| ctx.clone());
    req.extensions_mut().insert(ctx);
    let mut response = next.run(req).await;
    if let Some(ctx) = signed_in {
        let unrendered = response.extensions().get::<crate::render::Rendered>().is_none();
        if unrendered && (response.status().is_client_error() || response.status().is_server_error()) {
            let viewer = crate::error::Viewer {
                name: ctx.user.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
                is_staff: ctx.is_staff(),
                is_admin: ctx.is_admin(),
                csrf: ctx.csrf_token(&state.config.secret_key).unwrap_or_default(),
            };
            response.extensions_mut().insert(viewer);
        }
    }
    if clear && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(header::SET_COOKIE, clear_session_cookie(&state));
    }
    response
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// The principal an API token stands for. Token requests carry no cookie,
/// so they need no CSRF token; a revoked token is no token.
async fn token_principal(state: &AppState, token: &str) -> adaldyq_store::Result<Option<(Principal, UserSummary)>> {
    let Some(user_id) = state.store.token_user(&hash_token(token)).await? else { return Ok(None) };
    let Some(user) = state.store.user(user_id).await? else { return Ok(None) };
    let p = principal_for(state, &user).await?;
    let u = UserSummary { id: user.id, name: user.name, email: user.email, totp_enabled: user.totp_enabled };
    Ok(Some((p, u)))
}
