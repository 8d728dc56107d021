//! Adaldyq's domain: the words of the platform (roles, scopes, territories,
//! languages) and the rules over them. Pure: no I/O, no async, no SQL, so
//! every rule can be tested on its own and reused by the web and the store.

pub mod account;
pub mod appeal;
pub mod attachment;
pub mod calendar;
pub mod locale;
pub mod notice;
pub mod permission;
pub mod place;
pub mod role;
pub mod search;
pub mod territory;
pub mod text;
pub mod translit;

pub use locale::Locale;
pub use permission::{decide, may_read_appeal, may_see_filer, Action, Decision, Principal, Target};
pub use role::{Grant, Role, Scope};
