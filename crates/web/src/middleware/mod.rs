//! Request middleware: language, security headers and CSRF, rate limits,
//! control characters in the address.

pub mod locale;
pub mod ratelimit;
pub mod security;
pub mod text;
