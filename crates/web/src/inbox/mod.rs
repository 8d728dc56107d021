//! The staff side of appeals: the inbox of one's scope, an appeal's page,
//! and answering it. Who sees what is decided in the domain
//! (`may_read_appeal`, `may_see_filer`); this module only asks.

pub mod act;
pub mod core;
pub mod flash;
pub mod list;
pub mod show;
pub mod templates;

use crate::state::AppState;
use adaldyq_domain::{Principal, Role, Scope, Target};
use adaldyq_store::{Appeal, InboxFilter, TerritoryRecord};

/// The part of the store's filter that the user's grants give.
pub async fn scope_filter(state: &AppState, p: &Principal) -> adaldyq_store::Result<InboxFilter> {
    let mut f = InboxFilter::default();
    for g in &p.grants {
        if !matches!(g.role, Role::Officer | Role::Head | Role::Coordinator | Role::Inspector) {
            continue;
        }
        match &g.scope {
            Scope::Institution(id) => f.institutions.push(*id),
            Scope::Territory(code) => f.territories.push(code.clone()),
            Scope::All => {
                for t in state.territories().await?.iter().filter(|t| t.level == 1) {
                    f.territories.push(t.code.clone());
                }
            }
            Scope::Own => {}
        }
    }
    Ok(f)
}

/// What a permission check about this appeal is about.
pub async fn target_of(state: &AppState, a: &Appeal) -> adaldyq_store::Result<Target> {
    let path = state.store.territory(&a.territory_code).await?.map(|t| t.path).unwrap_or_default();
    Ok(target_with_path(a, path))
}

fn target_with_path(a: &Appeal, path: Vec<String>) -> Target {
    match a.institution_id {
        Some(id) => Target::Institution { id, territory_path: path },
        None => Target::Territory { path },
    }
}

/// The appeals of an inbox page the principal may read. The store gives the
/// scope; the domain decides each appeal (an inspector's territory holds
/// complaints they do not read). One read of the territory tree serves
/// every row, so a page's queries do not grow with its rows.
pub fn readable(p: &Principal, appeals: Vec<Appeal>, territories: &[TerritoryRecord]) -> Vec<Appeal> {
    let paths: std::collections::HashMap<&str, &Vec<String>> =
        territories.iter().map(|t| (t.code.as_str(), &t.path)).collect();
    appeals
        .into_iter()
        .filter(|a| {
            let path = paths.get(a.territory_code.as_str()).map(|p| (*p).clone()).unwrap_or_default();
            adaldyq_domain::may_read_appeal(p, a.kind, &target_with_path(a, path))
        })
        .collect()
}
