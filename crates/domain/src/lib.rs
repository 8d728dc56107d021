//! Adaldyq's domain: the words of the platform (roles, scopes, territories,
//! languages) and the rules over them. Pure: no I/O, no async, no SQL, so
//! every rule can be tested on its own and reused by the web and the store.

/// A closed set of names stored as text: `as_str` for the database, the
/// API and message keys, `parse` back, and `ALL` for forms and tests.
/// Serde uses the same names, so JSON and the database never disagree.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable name used in the database, the API and message keys.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}

pub mod account;
pub mod appeal;
pub mod attachment;
pub mod calendar;
pub mod locale;
pub mod notice;
pub mod permission;
pub mod place;
pub mod reception;
pub mod role;
pub mod search;
pub mod territory;
pub mod text;
pub mod translit;

pub use locale::Locale;
pub use permission::{decide, may_read_appeal, may_see_filer, Action, Decision, Principal, Target};
pub use role::{Grant, Role, Scope};
