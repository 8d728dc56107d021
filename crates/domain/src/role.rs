//! Roles and their scopes (DESIGN.md, "Users and roles"). A grant is a role
//! held over a part of the territory tree or one institution; nothing is
//! granted without a scope.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    Officer,
    Head,
    Coordinator,
    Monitor,
    Inspector,
    CommissionSecretary,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Citizen,
        Role::Officer,
        Role::Head,
        Role::Coordinator,
        Role::Monitor,
        Role::Inspector,
        Role::CommissionSecretary,
        Role::Administrator,
    ];

    /// The stable name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Officer => "officer",
            Role::Head => "head",
            Role::Coordinator => "coordinator",
            Role::Monitor => "monitor",
            Role::Inspector => "inspector",
            Role::CommissionSecretary => "commission_secretary",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Staff roles work for the state or the programme; a citizen does not.
    pub fn is_staff(self) -> bool {
        self != Role::Citizen
    }

    /// Which kind of scope a grant of this role takes: officers and heads
    /// work for one institution, the others over a part of the territory
    /// tree; a citizen's scope is their own records.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::Citizen => ScopeKind::Own,
            Role::Officer | Role::Head => ScopeKind::Institution,
            _ => ScopeKind::Territory,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Own,
    Institution,
    Territory,
}

/// Where a grant applies. `Territory` holds a KATO code and covers the whole
/// subtree below it; `All` is the whole country (administrators only).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    All,
    Own,
    Territory(String),
    Institution(i64),
}

impl Scope {
    /// Whether the scope fits the role: an officer scoped to a district, or a
    /// coordinator to an institution, is a mistake the store must refuse.
    pub fn fits(&self, role: Role) -> bool {
        match (role.scope_kind(), self) {
            (ScopeKind::Own, Scope::Own) => true,
            (ScopeKind::Institution, Scope::Institution(_)) => true,
            (ScopeKind::Territory, Scope::Territory(_)) => true,
            (ScopeKind::Territory, Scope::All) => role == Role::Administrator,
            _ => false,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::All => f.write_str("all"),
            Scope::Own => f.write_str("own"),
            Scope::Territory(code) => write!(f, "territory:{code}"),
            Scope::Institution(id) => write!(f, "institution:{id}"),
        }
    }
}

/// One role over one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn scopes_fit_their_roles() {
        assert!(Scope::Institution(1).fits(Role::Officer));
        assert!(!Scope::Territory("431000000".into()).fits(Role::Officer));
        assert!(Scope::Territory("431000000".into()).fits(Role::Coordinator));
        assert!(!Scope::All.fits(Role::Coordinator));
        assert!(Scope::All.fits(Role::Administrator));
        assert!(Scope::Own.fits(Role::Citizen));
        assert!(!Scope::All.fits(Role::Citizen));
    }
}
