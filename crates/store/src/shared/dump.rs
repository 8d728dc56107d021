//! Table-by-table dump and load for export and import.

use super::super::{Backend, Db};
use crate::schema::{ColType, Table};
use crate::{BlobCell, CellValue, DumpStore, Result, StoreError};
use async_trait::async_trait;
use base64::Engine;
use sqlx::Row;

fn cell(row: &<Db as sqlx::Database>::Row, i: usize, ty: ColType) -> Result<CellValue> {
    Ok(match ty {
        ColType::Int => row.try_get::<Option<i64>, _>(i)?.map(CellValue::Int),
        ColType::Text => row.try_get::<Option<String>, _>(i)?.map(CellValue::Text),
        ColType::Bool => row.try_get::<Option<bool>, _>(i)?.map(CellValue::Bool),
        ColType::Blob => row
            .try_get::<Option<Vec<u8>>, _>(i)?
            .map(|b| CellValue::Blob(BlobCell { b64: base64::engine::general_purpose::STANDARD.encode(b) })),
    }
    .unwrap_or(CellValue::Null))
}

fn bind<'q>(
    q: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>,
    ty: ColType,
    v: &CellValue,
    table: &str,
) -> Result<sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>> {
    let bad = || StoreError::Invalid(format!("a value of {table} does not fit its column type {ty:?}: {v:?}"));
    Ok(match (ty, v) {
        (ColType::Int, CellValue::Null) => q.bind(None::<i64>),
        (ColType::Text, CellValue::Null) => q.bind(None::<String>),
        (ColType::Bool, CellValue::Null) => q.bind(None::<bool>),
        (ColType::Blob, CellValue::Null) => q.bind(None::<Vec<u8>>),
        (ColType::Int, CellValue::Int(i)) => q.bind(*i),
        (ColType::Text, CellValue::Text(s)) => q.bind(s.clone()),
        (ColType::Bool, CellValue::Bool(b)) => q.bind(*b),
        (ColType::Blob, CellValue::Blob(b)) => {
            q.bind(base64::engine::general_purpose::STANDARD.decode(&b.b64).map_err(|_| bad())?)
        }
        _ => return Err(bad()),
    })
}

#[async_trait]
impl DumpStore for Backend {
    async fn dump_table(&self, table: &Table) -> Result<Vec<Vec<CellValue>>> {
        let cols: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        let sql = format!("SELECT {} FROM {} ORDER BY {}", cols.join(", "), table.name, table.order_by);
        let rows = sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?;
        rows.iter()
            .map(|row| table.columns.iter().enumerate().map(|(i, (_, ty))| cell(row, i, *ty)).collect())
            .collect()
    }

    async fn load_tables(&self, tables: &[(&Table, Vec<Vec<CellValue>>)]) -> Result<()> {
        let mut tx = self.write_pool().begin().await?;
        for (table, _) in tables {
            let sql = format!("SELECT COUNT(*) FROM {}", table.name);
            let n: i64 = sqlx::query_scalar::<Db, i64>(&sql).fetch_one(&mut *tx).await?;
            if n > 0 {
                return Err(StoreError::Invalid(format!(
                    "the table {} is not empty: import goes into a new, empty database",
                    table.name
                )));
            }
        }
        for (table, rows) in tables {
            let cols: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
            let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", table.name, cols.join(", "), params.join(", "));
            for row in rows {
                if row.len() != cols.len() {
                    return Err(StoreError::Invalid(format!("a row of {} has {} values", table.name, row.len())));
                }
                let mut q = sqlx::query::<Db>(&sql);
                for ((_, ty), v) in table.columns.iter().zip(row) {
                    q = bind(q, *ty, v, table.name)?;
                }
                q.execute(&mut *tx).await?;
            }
        }
        self.after_load(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn introspect(&self) -> Result<Vec<(String, Vec<String>)>> {
        Backend::introspect(self).await
    }
}
