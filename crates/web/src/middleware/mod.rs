//! Request middleware: language, security headers and CSRF, rate limits.

pub mod locale;
pub mod ratelimit;
pub mod security;
