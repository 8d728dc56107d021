//! `adaldyq export` / `adaldyq import`: the whole installation as JSON Lines,
//! one header line and then one line per row, tables in reference order.
//! The format is the same whichever backend wrote it, so an installation
//! moves from SQLite to PostgreSQL and back without third-party converters.

use crate::schema::{self, TABLES};
use crate::{CellValue, Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

pub const FORMAT: &str = "adaldyq-export";

/// How many refused cells an error names; the count covers the rest.
const NAMED_CELLS: usize = 20;

/// The text cells of a row that hold control characters (other than tab
/// and line ends), as "table row N (id X), column C". PostgreSQL cannot
/// store NUL, and the platform refuses such text at every input, so an
/// export never carries them and an import reports them.
fn control_cells(table: &schema::Table, index: usize, row: &[CellValue]) -> Vec<String> {
    let id = match row.first() {
        Some(CellValue::Int(i)) => format!(" (id {i})"),
        Some(CellValue::Text(t)) if adaldyq_domain::text::is_acceptable(t) => format!(" ({t})"),
        _ => String::new(),
    };
    table
        .columns
        .iter()
        .zip(row)
        .filter(|(_, v)| matches!(v, CellValue::Text(t) if !adaldyq_domain::text::is_acceptable(t)))
        .map(|((column, _), _)| format!("{} row {}{id}, column {column}", table.name, index + 1))
        .collect()
}

fn control_error(what: &str, cells: &[String]) -> StoreError {
    let named = cells.iter().take(NAMED_CELLS).cloned().collect::<Vec<_>>().join("; ");
    let more = cells.len().saturating_sub(NAMED_CELLS);
    let more = if more > 0 { format!("; and {more} more") } else { String::new() };
    StoreError::Invalid(format!(
        "{what}: {} value(s) hold control characters such as NUL, which PostgreSQL cannot store: {named}{more}",
        cells.len()
    ))
}
pub const VERSION: i64 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: i64,
    tables: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Line {
    t: String,
    r: Vec<CellValue>,
}

/// Writes every table; returns the number of rows written.
pub async fn export(store: &dyn Store, out: &mut dyn Write) -> Result<u64> {
    let io = |e: std::io::Error| StoreError::Invalid(format!("cannot write the export: {e}"));
    let header =
        Header { format: FORMAT.into(), version: VERSION, tables: TABLES.iter().map(|t| t.name.to_owned()).collect() };
    serde_json::to_writer(&mut *out, &header).map_err(|e| StoreError::Invalid(e.to_string()))?;
    out.write_all(b"\n").map_err(io)?;
    let mut count = 0;
    // A refused cell stops the writing, but every table is still read so
    // that the error names all of them at once.
    let mut refused = Vec::new();
    for table in TABLES {
        let rows = store.dump_table(table).await?;
        refused.extend(rows.iter().enumerate().flat_map(|(i, row)| control_cells(table, i, row)));
        if !refused.is_empty() {
            continue;
        }
        for row in rows {
            serde_json::to_writer(&mut *out, &Line { t: table.name.to_owned(), r: row })
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            out.write_all(b"\n").map_err(io)?;
            count += 1;
        }
    }
    if !refused.is_empty() {
        return Err(control_error("nothing usable was exported (correct or erase these first)", &refused));
    }
    out.flush().map_err(io)?;
    Ok(count)
}

/// Reads an export into an empty, migrated store in one transaction; any
/// problem leaves the target as it was. Text with control characters (a NUL
/// written by an older SQLite installation) is reported, every cell by
/// table, row and column, and nothing is loaded. Returns the number of rows
/// loaded.
pub async fn import(store: &dyn Store, input: &mut dyn BufRead) -> Result<u64> {
    let mut lines = input.lines().enumerate();
    let bad = |n: usize, why: String| StoreError::Invalid(format!("line {}: {why}", n + 1));
    let (n, first) = lines.next().ok_or_else(|| StoreError::Invalid("the file is empty".into()))?;
    let header: Header = serde_json::from_str(&first.map_err(|e| bad(n, e.to_string()))?)
        .map_err(|e| bad(n, format!("not an Adaldyq export header: {e}")))?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(bad(n, format!("unsupported format {} version {}", header.format, header.version)));
    }
    let mut rows: Vec<(&schema::Table, Vec<Vec<CellValue>>)> = TABLES.iter().map(|t| (t, Vec::new())).collect();
    let mut refused = Vec::new();
    let mut count = 0;
    for (n, line) in lines {
        let line = line.map_err(|e| bad(n, e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(&line).map_err(|e| bad(n, e.to_string()))?;
        let slot = rows
            .iter_mut()
            .find(|(t, _)| t.name == line.t)
            .ok_or_else(|| bad(n, format!("unknown table {}", line.t)))?;
        let cells = control_cells(slot.0, slot.1.len(), &line.r);
        refused.extend(cells.into_iter().map(|c| format!("line {}: {c}", n + 1)));
        slot.1.push(line.r);
        count += 1;
    }
    if !refused.is_empty() {
        return Err(control_error("nothing was imported", &refused));
    }
    store.load_tables(&rows).await?;
    Ok(count)
}
