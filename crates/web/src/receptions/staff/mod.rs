//! The coordinator's side of receptions: the list of the receptions in
//! one's territories, planning a reception (new and edit), postponing and
//! cancelling one, and the recurring schedules with a preview of the dates
//! they give. Every page asks the domain's policy (`ManageReceptions` on
//! the reception's territory); the store does the work and the logging.

pub mod change;
pub mod edit;
pub mod list;
pub mod plan;
pub mod schedules;

use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::state::AppState;
use adaldyq_domain::{decide, Action, Decision, Principal, Role, Scope, Target};
use adaldyq_store::{Reception, TerritoryRecord, WorkingGroup};

/// The principal of a staff page (the route's guard let only a signed-in
/// coordinator through).
pub fn principal(ctx: &Ctx) -> AppResult<&Principal> {
    ctx.auth.principal.as_ref().ok_or(AppError::Forbidden)
}

/// Whether `p` plans receptions on the territory (by its path).
pub fn may_manage(p: &Principal, path: &[String]) -> bool {
    decide(Some(p), Action::ManageReceptions, &Target::Territory { path: path.to_vec() }) == Decision::Allow
}

/// The territory codes the coordinator's grants cover; `None` when one of
/// them covers everything.
pub fn scope_codes(p: &Principal) -> Option<Vec<String>> {
    let mut codes = Vec::new();
    for g in p.grants.iter().filter(|g| g.role == Role::Coordinator) {
        match &g.scope {
            Scope::All => return None,
            Scope::Territory(code) => codes.push(code.clone()),
            _ => {}
        }
    }
    Some(codes)
}

fn path_of(territories: &[TerritoryRecord], code: &str) -> Vec<String> {
    territories.iter().find(|t| t.code == code).map(|t| t.path.clone()).unwrap_or_default()
}

/// The reception, if the coordinator may manage it: 404 when there is no
/// such reception, 403 when it lies outside their territories.
pub async fn managed(state: &AppState, p: &Principal, id: &str) -> AppResult<Reception> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
    let territories = state.territories().await?;
    if !may_manage(p, &path_of(&territories, &r.territory_code)) {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}

/// The working groups in the coordinator's territories, in territory order.
pub async fn groups_in_scope(state: &AppState, p: &Principal) -> AppResult<Vec<WorkingGroup>> {
    let territories = state.territories().await?;
    let mut groups: Vec<WorkingGroup> = match scope_codes(p) {
        None => state.store.working_groups(None).await?,
        Some(codes) => {
            let mut all = Vec::new();
            for code in codes {
                for g in state.store.working_groups(Some(&code)).await? {
                    if !all.iter().any(|x: &WorkingGroup| x.id == g.id) {
                        all.push(g);
                    }
                }
            }
            all
        }
    };
    groups.retain(|g| may_manage(p, &path_of(&territories, &g.territory_code)));
    Ok(groups)
}

/// The receptions in the coordinator's territories (each scope's subtree),
/// soonest first.
pub async fn receptions_in_scope(state: &AppState, p: &Principal) -> AppResult<Vec<Reception>> {
    let filter =
        |territory: Option<String>| adaldyq_store::ReceptionFilter { territory, limit: 2_000, ..Default::default() };
    let mut all: Vec<Reception> = Vec::new();
    match scope_codes(p) {
        None => all = state.store.receptions(&filter(None)).await?,
        Some(codes) => {
            for code in codes {
                for r in state.store.receptions(&filter(Some(code))).await? {
                    if !all.iter().any(|x| x.id == r.id) {
                        all.push(r);
                    }
                }
            }
        }
    }
    all.sort_by_key(|r| (r.starts_at, r.id));
    Ok(all)
}

/// The path of the reception day's page (built by its own module); linked
/// only when the route table has it and the reader may open it.
pub const DAY_PATH: &str = "/{lang}/staff/receptions/{id}/day";

pub fn day_page_opens(p: &Principal) -> bool {
    crate::routes::routes().iter().any(|r| {
        r.method == axum::http::Method::GET
            && r.path == DAY_PATH
            && decide(Some(p), r.action, &r.target) == Decision::Allow
    })
}
