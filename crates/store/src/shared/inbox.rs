//! The staff inbox's queries: one WHERE clause serves a page of rows and
//! their count, so the count always says how many the pages hold.

use super::super::{Backend, Db};
use super::appeals::{appeal, APPEAL_COLUMNS};
use crate::{Appeal, InboxFilter, InboxOrder, Result};

/// The appeals whose deadline still runs. The partial indexes of
/// `0016_inbox_due.sql` carry this very predicate: keep them in step.
const OPEN: &str = "a.status NOT IN ('answered', 'closed', 'rejected', 'forwarded')";

/// A value bound to a numbered placeholder.
enum Arg {
    Int(i64),
    Text(String),
}

/// Adds a value; its placeholder.
fn arg(args: &mut Vec<Arg>, value: Arg) -> String {
    args.push(value);
    format!("${}", args.len())
}

type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

fn bound<'q>(sql: &'q str, args: Vec<Arg>) -> Query<'q> {
    args.into_iter().fold(sqlx::query::<Db>(sql), |q, a| match a {
        Arg::Int(i) => q.bind(i),
        Arg::Text(s) => q.bind(s),
    })
}

impl Backend {
    /// The codes of the given territories and of every unit under them.
    async fn subtree_codes(&self, roots: &[String]) -> Result<Vec<String>> {
        if roots.is_empty() {
            return Ok(vec![]);
        }
        let ps: Vec<String> = (1..=roots.len()).map(|k| format!("${k}")).collect();
        let sql = format!(
            "SELECT DISTINCT t.code FROM territories t JOIN territories s ON t.path = s.path OR t.path LIKE s.path || '/%' \
             WHERE s.code IN ({}) ORDER BY t.code",
            ps.join(", ")
        );
        let mut q = sqlx::query_scalar::<Db, String>(&sql);
        for r in roots {
            q = q.bind(r.clone());
        }
        Ok(q.fetch_all(self.read_pool()).await?)
    }

    /// `FROM … WHERE …` of the filter, keyset and order aside; `None` when
    /// the filter has no scope (no scope, no appeals).
    async fn inbox_where(&self, f: &InboxFilter) -> Result<Option<(String, Vec<Arg>)>> {
        // PostgreSQL misjudges how many territories a path-prefix test
        // matches (it expects 3 where a district has 74) and then reads the
        // whole district and sorts it; given the codes themselves it walks
        // the newest appeals first. SQLite does well with the path test.
        let expand = super::super::EXPAND_TERRITORY_SCOPE;
        let (scope_codes, within_codes) = if expand {
            let scope = self.subtree_codes(&f.territories).await?;
            let within = match &f.within {
                Some(w) => Some(self.subtree_codes(std::slice::from_ref(w)).await?),
                None => None,
            };
            (scope, within)
        } else {
            (f.territories.clone(), f.within.clone().map(|w| vec![w]))
        };
        let mut sql = if expand {
            "FROM appeals a WHERE 1 = 1".to_owned()
        } else {
            "FROM appeals a JOIN territories t ON t.code = a.territory_code WHERE 1 = 1".to_owned()
        };
        let mut args = Vec::new();
        let mut scope = Vec::new();
        if !f.institutions.is_empty() {
            let ps: Vec<String> = f.institutions.iter().map(|i| arg(&mut args, Arg::Int(*i))).collect();
            scope.push(format!("a.institution_id IN ({})", ps.join(", ")));
        }
        if !scope_codes.is_empty() {
            let ps: Vec<String> = scope_codes.iter().map(|c| arg(&mut args, Arg::Text(c.clone()))).collect();
            scope.push(if expand {
                format!("a.territory_code IN ({})", ps.join(", "))
            } else {
                format!(
                    "EXISTS (SELECT 1 FROM territories s WHERE s.code IN ({}) AND (t.path = s.path OR t.path LIKE s.path || '/%'))",
                    ps.join(", ")
                )
            });
        }
        if scope.is_empty() {
            return Ok(None);
        }
        sql.push_str(&format!(" AND ({})", scope.join(" OR ")));
        if f.open_only {
            sql.push_str(&format!(" AND {OPEN}"));
        }
        if let Some(s) = f.status {
            sql.push_str(&format!(" AND a.status = {}", arg(&mut args, Arg::Text(s.as_str().into()))));
        }
        if let Some(u) = f.assignee {
            sql.push_str(&format!(" AND a.assignee_id = {}", arg(&mut args, Arg::Int(u))));
        }
        if let Some(k) = f.kind {
            sql.push_str(&format!(" AND a.kind = {}", arg(&mut args, Arg::Text(k.as_str().into()))));
        }
        if let Some(l) = f.language {
            sql.push_str(&format!(" AND a.language = {}", arg(&mut args, Arg::Text(l.as_str().into()))));
        }
        match &within_codes {
            Some(codes) if codes.is_empty() => sql.push_str(" AND 1 = 0"),
            Some(codes) if expand => {
                let ps: Vec<String> = codes.iter().map(|c| arg(&mut args, Arg::Text(c.clone()))).collect();
                sql.push_str(&format!(" AND a.territory_code IN ({})", ps.join(", ")));
            }
            Some(codes) => {
                let p = arg(&mut args, Arg::Text(codes[0].clone()));
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM territories w WHERE w.code = {p} AND (t.path = w.path OR t.path LIKE w.path || '/%'))"
                ));
            }
            None => {}
        }
        if let Some(d) = &f.due_from {
            sql.push_str(&format!(" AND a.due_on >= {} AND {OPEN}", arg(&mut args, Arg::Text(d.clone()))));
        }
        if let Some(s) = super::super::search_query(&f.text) {
            let p = arg(&mut args, Arg::Text(s));
            sql.push_str(&format!(" AND {}", super::super::search_clause(&p)));
        }
        if let Some(d) = &f.due_by {
            sql.push_str(&format!(" AND a.due_on <= {} AND {OPEN}", arg(&mut args, Arg::Text(d.clone()))));
        }
        Ok(Some((sql, args)))
    }

    /// One keyset page of the inbox, in the filter's order.
    pub(super) async fn inbox_page(&self, f: &InboxFilter) -> Result<Vec<Appeal>> {
        let Some((from, mut args)) = self.inbox_where(f).await? else { return Ok(vec![]) };
        let mut sql = format!("SELECT {APPEAL_COLUMNS} {from}");
        if let Some(b) = f.before_id {
            sql.push_str(&format!(" AND a.id < {}", arg(&mut args, Arg::Int(b))));
        }
        match f.order {
            InboxOrder::Newest => sql.push_str(" ORDER BY a.id DESC"),
            InboxOrder::Due => {
                if let Some((due, id)) = &f.after_due {
                    let d = arg(&mut args, Arg::Text(due.clone()));
                    let i = arg(&mut args, Arg::Int(*id));
                    sql.push_str(&format!(" AND (a.due_on, a.id) > ({d}, {i})"));
                }
                sql.push_str(" ORDER BY a.due_on, a.id");
            }
        }
        sql.push_str(&format!(" LIMIT {}", arg(&mut args, Arg::Int(f.limit.clamp(1, 200)))));
        let rows = bound(&sql, args).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    /// How many the filter matches, up to `cap`: the database stops at the
    /// cap instead of counting a whole region.
    pub(super) async fn inbox_total(&self, f: &InboxFilter, cap: i64) -> Result<i64> {
        let Some((from, mut args)) = self.inbox_where(f).await? else { return Ok(0) };
        let limit = arg(&mut args, Arg::Int(cap.max(0)));
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 {from} LIMIT {limit}) counted");
        let row = bound(&sql, args).fetch_one(self.read_pool()).await?;
        use sqlx::Row;
        Ok(row.try_get::<i64, _>(0)?)
    }
}
