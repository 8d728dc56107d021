//! The one permission check. Every HTML and API route names an [`Action`];
//! [`decide`] answers allow or deny from the signed-in principal's grants.
//! Deny by default: an action no rule mentions is refused to everyone.

use crate::role::{Grant, Role, Scope};

/// What a route does, in the words of the permission table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Public pages, static files, health checks and public open data.
    ReadPublic,
    /// The sign-in form and its second step.
    SignIn,
    /// File an appeal, named or anonymous (no account needed).
    FileAppeal,
    /// Follow an appeal with its receipt number and secret.
    TrackAppeal,
    /// One's own account: sign out, change password, second factor.
    ManageOwnAccount,
    /// The staff start page: one's roles and scopes.
    OpenStaffWorkspace,
    /// List users and their grants.
    ViewUsers,
    /// Load or update the territory tree from a KATO file.
    ImportTerritories,
    /// Require a second factor per role.
    ManageSecurityPolicy,
    /// Issue and revoke API tokens for staff integrations.
    ManageTokens,
    /// Edit categories of appeals and the routing rules.
    ManageRouting,
    /// Edit the working-day calendar (holidays, transfers of days off).
    ManageCalendar,
    /// See the notices' delivery queue and send failed ones again.
    ManageNotices,
    /// Read appeals in one's scope (the staff inbox and an appeal's page).
    ReadAppeals,
    /// Answer an appeal routed to one's institution, or ask the applicant
    /// for a clarification.
    AnswerAppeal,
    /// Extend an appeal's term with a reasoned decision (Art. 76): heads.
    ExtendTerm,
    /// Assign an appeal to an officer of the institution: heads.
    AssignAppeal,
    /// Keep the institution's answer templates: heads.
    ManageTemplates,
    /// Book a seat at a public reception, or cancel or move one's booking
    /// with its manage link: open to anyone, signed in or not.
    BookReception,
    /// Plan receptions, their schedules and the programme's working groups,
    /// hosts and members: coordinators, in their territory scope.
    ManageReceptions,
    /// Run a reception's day: the queue, check-in, walk-ins, no-shows, the
    /// record of questions: coordinators, in their territory scope.
    RunReceptionDay,
    /// Hand in a witness's cosignature of a log checkpoint: open to anyone,
    /// the signature itself is checked against the witnesses the operator
    /// trusts.
    Cosign,
    /// Switch off an optional notice with the link it carried: open to
    /// anyone, as a mail client follows it without signing in; the link's
    /// own signature is the check.
    Unsubscribe,
}

impl Action {
    pub const ALL: [Action; 23] = [
        Action::ReadPublic,
        Action::SignIn,
        Action::FileAppeal,
        Action::TrackAppeal,
        Action::ManageOwnAccount,
        Action::OpenStaffWorkspace,
        Action::ViewUsers,
        Action::ImportTerritories,
        Action::ManageSecurityPolicy,
        Action::ManageCalendar,
        Action::ManageTokens,
        Action::ManageRouting,
        Action::ManageNotices,
        Action::ReadAppeals,
        Action::AnswerAppeal,
        Action::ExtendTerm,
        Action::AssignAppeal,
        Action::ManageTemplates,
        Action::BookReception,
        Action::ManageReceptions,
        Action::RunReceptionDay,
        Action::Cosign,
        Action::Unsubscribe,
    ];
}

/// What the action is done to. A territory target carries its path from the
/// root (codes, root first), so a scope check is a lookup, not a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nothing in particular: the action is judged on the role alone.
    None,
    /// The whole installation: only a grant with [`Scope::All`] covers it.
    Everything,
    Territory {
        path: Vec<String>,
    },
    Institution {
        id: i64,
        territory_path: Vec<String>,
    },
}

/// Who is asking: a signed-in user and their grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub grants: Vec<Grant>,
    /// Set when an administrator requires a second factor for one of the
    /// user's roles and the user has not turned it on yet: until they do,
    /// they may only manage their own account.
    pub must_set_up_second_factor: bool,
}

impl Principal {
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    pub fn is_staff(&self) -> bool {
        self.grants.iter().any(|g| g.role.is_staff())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Nobody is signed in and the action needs someone: ask to sign in.
    SignInRequired,
    /// The user must turn on the second factor before anything else.
    SecondFactorRequired,
    /// Signed in, but no grant covers the action.
    Forbidden,
}

/// The permission check used by every route.
pub fn decide(principal: Option<&Principal>, action: Action, target: &Target) -> Decision {
    match action {
        Action::ReadPublic
        | Action::SignIn
        | Action::FileAppeal
        | Action::TrackAppeal
        | Action::BookReception
        | Action::Cosign
        | Action::Unsubscribe => return Decision::Allow,
        _ => {}
    }
    let Some(p) = principal else {
        return Decision::SignInRequired;
    };
    if action == Action::ManageOwnAccount {
        return Decision::Allow;
    }
    if p.must_set_up_second_factor {
        return Decision::SecondFactorRequired;
    }
    let allowed = p.grants.iter().any(|g| grant_allows(g, action, target));
    if allowed {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

fn grant_allows(grant: &Grant, action: Action, target: &Target) -> bool {
    let role_may = match action {
        Action::ReadPublic
        | Action::SignIn
        | Action::FileAppeal
        | Action::TrackAppeal
        | Action::ManageOwnAccount
        | Action::BookReception
        | Action::Cosign
        | Action::Unsubscribe => true,
        Action::OpenStaffWorkspace => grant.role.is_staff(),
        Action::ViewUsers => grant.role == Role::Administrator,
        Action::ImportTerritories
        | Action::ManageSecurityPolicy
        | Action::ManageCalendar
        | Action::ManageTokens
        | Action::ManageRouting
        | Action::ManageNotices => grant.role == Role::Administrator,
        Action::ReadAppeals => matches!(grant.role, Role::Officer | Role::Head | Role::Coordinator | Role::Inspector),
        Action::AnswerAppeal => matches!(grant.role, Role::Officer | Role::Head),
        Action::ExtendTerm | Action::AssignAppeal | Action::ManageTemplates => grant.role == Role::Head,
        Action::ManageReceptions | Action::RunReceptionDay => grant.role == Role::Coordinator,
    };
    role_may && covers(&grant.scope, target)
}

/// Whether a principal may read a given appeal: a grant that reads appeals
/// must reach it, and an inspector reads corruption reports only.
pub fn may_read_appeal(p: &Principal, kind: crate::appeal::AppealKind, target: &Target) -> bool {
    !p.must_set_up_second_factor
        && p.grants.iter().any(|g| {
            grant_allows(g, Action::ReadAppeals, target)
                && (g.role != Role::Inspector || kind == crate::appeal::AppealKind::CorruptionReport)
        })
}

/// Whether a principal may see who filed an appeal. The institution a
/// corruption report is about never learns who filed it; the inspector and
/// the project office may.
pub fn may_see_filer(p: &Principal, kind: crate::appeal::AppealKind, target: &Target) -> bool {
    p.grants.iter().any(|g| {
        grant_allows(g, Action::ReadAppeals, target)
            && (kind != crate::appeal::AppealKind::CorruptionReport
                || matches!(g.role, Role::Inspector | Role::Coordinator))
    })
}

/// Whether a scope reaches the target: a territory scope covers its whole
/// subtree, and an institution hanging anywhere in it.
pub fn covers(scope: &Scope, target: &Target) -> bool {
    match (scope, target) {
        (_, Target::None) => true,
        (Scope::All, _) => true,
        (_, Target::Everything) => false,
        (Scope::Territory(code), Target::Territory { path }) => path.iter().any(|c| c == code),
        (Scope::Territory(code), Target::Institution { territory_path, .. }) => {
            territory_path.iter().any(|c| c == code)
        }
        (Scope::Institution(id), Target::Institution { id: target, .. }) => id == target,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(grants: Vec<Grant>) -> Principal {
        Principal { user_id: 1, grants, must_set_up_second_factor: false }
    }

    fn district_path() -> Vec<String> {
        vec!["430000000".into(), "433200000".into()]
    }

    #[test]
    fn anonymous_reads_public_pages_and_nothing_else() {
        assert_eq!(decide(None, Action::ReadPublic, &Target::None), Decision::Allow);
        assert_eq!(decide(None, Action::SignIn, &Target::None), Decision::Allow);
        assert_eq!(decide(None, Action::Unsubscribe, &Target::None), Decision::Allow, "a mail client's one click");
        for a in [Action::ManageOwnAccount, Action::OpenStaffWorkspace, Action::ImportTerritories] {
            assert_eq!(decide(None, a, &Target::None), Decision::SignInRequired);
        }
    }

    #[test]
    fn a_citizen_is_not_staff() {
        let p = principal(vec![Grant { role: Role::Citizen, scope: Scope::Own }]);
        assert_eq!(decide(Some(&p), Action::OpenStaffWorkspace, &Target::None), Decision::Forbidden);
        assert_eq!(decide(Some(&p), Action::ManageOwnAccount, &Target::None), Decision::Allow);
    }

    #[test]
    fn territory_scope_covers_its_subtree_only() {
        let g = Grant { role: Role::Coordinator, scope: Scope::Territory("433200000".into()) };
        let t = Target::Territory { path: district_path() };
        assert!(covers(&g.scope, &t));
        let other = Target::Territory { path: vec!["430000000".into(), "433400000".into()] };
        assert!(!covers(&g.scope, &other));
        assert!(!covers(&g.scope, &Target::Everything));
        let inst = Target::Institution { id: 7, territory_path: district_path() };
        assert!(covers(&g.scope, &inst));
        assert!(covers(&Scope::Institution(7), &inst));
        assert!(!covers(&Scope::Institution(8), &inst));
    }

    #[test]
    fn only_a_nationwide_administrator_imports_territories() {
        let regional =
            principal(vec![Grant { role: Role::Administrator, scope: Scope::Territory("430000000".into()) }]);
        let national = principal(vec![Grant { role: Role::Administrator, scope: Scope::All }]);
        assert_eq!(decide(Some(&regional), Action::ImportTerritories, &Target::Everything), Decision::Forbidden);
        assert_eq!(decide(Some(&national), Action::ImportTerritories, &Target::Everything), Decision::Allow);
    }

    #[test]
    fn corruption_reports_hide_their_filer_from_the_institution() {
        use crate::appeal::AppealKind::*;
        let inst = Target::Institution { id: 7, territory_path: district_path() };
        let officer = principal(vec![Grant { role: Role::Officer, scope: Scope::Institution(7) }]);
        assert!(may_read_appeal(&officer, Complaint, &inst));
        assert!(may_see_filer(&officer, Complaint, &inst));
        assert!(may_read_appeal(&officer, CorruptionReport, &inst));
        assert!(!may_see_filer(&officer, CorruptionReport, &inst), "the institution never sees the whistleblower");
        let inspector = principal(vec![Grant { role: Role::Inspector, scope: Scope::Territory("430000000".into()) }]);
        assert!(may_see_filer(&inspector, CorruptionReport, &inst));
        assert!(!may_read_appeal(&inspector, Complaint, &inst), "inspectors read corruption reports only");
        let other = principal(vec![Grant { role: Role::Officer, scope: Scope::Institution(8) }]);
        assert!(!may_read_appeal(&other, Complaint, &inst), "another institution's appeal");
        let monitor = principal(vec![Grant { role: Role::Monitor, scope: Scope::Territory("433200000".into()) }]);
        assert!(!may_read_appeal(&monitor, Complaint, &inst), "monitors never see personal data");
    }

    #[test]
    fn anyone_books_a_reception_signed_in_or_not() {
        let reception = Target::Territory { path: district_path() };
        assert_eq!(decide(None, Action::BookReception, &reception), Decision::Allow);
        let citizen = principal(vec![Grant { role: Role::Citizen, scope: Scope::Own }]);
        assert_eq!(decide(Some(&citizen), Action::BookReception, &reception), Decision::Allow);
    }

    #[test]
    fn coordinators_plan_and_run_receptions_in_their_scope_only() {
        let okrug = |code: &str| Target::Territory { path: vec!["430000000".into(), "433200000".into(), code.into()] };
        let coordinator =
            principal(vec![Grant { role: Role::Coordinator, scope: Scope::Territory("433200000".into()) }]);
        for action in [Action::ManageReceptions, Action::RunReceptionDay] {
            assert_eq!(decide(Some(&coordinator), action, &okrug("433220000")), Decision::Allow);
            let elsewhere = Target::Territory { path: vec!["430000000".into(), "433400000".into()] };
            assert_eq!(decide(Some(&coordinator), action, &elsewhere), Decision::Forbidden, "{action:?}");
            assert_eq!(decide(None, action, &okrug("433220000")), Decision::SignInRequired);
        }
        // Granted per rural district: that district only.
        let local = principal(vec![Grant { role: Role::Coordinator, scope: Scope::Territory("433220000".into()) }]);
        assert_eq!(decide(Some(&local), Action::RunReceptionDay, &okrug("433220000")), Decision::Allow);
        assert_eq!(decide(Some(&local), Action::RunReceptionDay, &okrug("433230000")), Decision::Forbidden);
        // Other staff, even over the whole region, do not run receptions.
        for role in [Role::Monitor, Role::Inspector, Role::CommissionSecretary] {
            let p = principal(vec![Grant { role, scope: Scope::Territory("430000000".into()) }]);
            assert_eq!(decide(Some(&p), Action::ManageReceptions, &okrug("433220000")), Decision::Forbidden, "{role}");
        }
        let head = principal(vec![Grant { role: Role::Head, scope: Scope::Institution(7) }]);
        assert_eq!(decide(Some(&head), Action::RunReceptionDay, &Target::None), Decision::Forbidden);
    }

    #[test]
    fn a_pending_second_factor_blocks_all_but_the_account() {
        let mut p = principal(vec![Grant { role: Role::Administrator, scope: Scope::All }]);
        p.must_set_up_second_factor = true;
        assert_eq!(decide(Some(&p), Action::ViewUsers, &Target::None), Decision::SecondFactorRequired);
        assert_eq!(decide(Some(&p), Action::ManageOwnAccount, &Target::None), Decision::Allow);
        assert_eq!(decide(Some(&p), Action::ReadPublic, &Target::None), Decision::Allow);
    }
}
