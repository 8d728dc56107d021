//! The territory tree (KATO codes: oblast → district or city → rural
//! district → settlement) and the reading of a KATO classifier CSV. A file is
//! checked whole before anything is stored: one bad line and nothing changes.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The demo region's classifier extract, shipped with the binary.
pub const KYZYLORDA_KATO_CSV: &str = include_str!("../data/kyzylorda-kato.csv");

/// The longest name a unit may have: the longest in the classifier is
/// under 100 characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The header a KATO file must start with.
pub const CSV_HEADER: [&str; 6] = ["code", "parent_code", "level", "kind", "name_kk", "name_ru"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerritoryKind {
    Country,
    Oblast,
    District,
    City,
    RuralOkrug,
    SettlementAdmin,
    Settlement,
}

impl TerritoryKind {
    pub const ALL: [TerritoryKind; 7] = [
        TerritoryKind::Country,
        TerritoryKind::Oblast,
        TerritoryKind::District,
        TerritoryKind::City,
        TerritoryKind::RuralOkrug,
        TerritoryKind::SettlementAdmin,
        TerritoryKind::Settlement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TerritoryKind::Country => "country",
            TerritoryKind::Oblast => "oblast",
            TerritoryKind::District => "district",
            TerritoryKind::City => "city",
            TerritoryKind::RuralOkrug => "rural_okrug",
            TerritoryKind::SettlementAdmin => "settlement_admin",
            TerritoryKind::Settlement => "settlement",
        }
    }

    pub fn parse(s: &str) -> Option<TerritoryKind> {
        TerritoryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One unit of the tree as the classifier gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Territory {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: i32,
    pub kind: TerritoryKind,
    pub name_kk: String,
    pub name_ru: String,
}

/// Why a line of a KATO file was refused. The web and the CLI turn it into
/// a sentence in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    #[error("the header must be {expected}")]
    BadHeader { expected: String },
    #[error("the line cannot be read as CSV: {0}")]
    Unreadable(String),
    #[error("expected 6 fields, found {0}")]
    FieldCount(usize),
    #[error("the code {0:?} is not 9 digits")]
    BadCode(String),
    #[error("the code {0} appears twice (first on line {1})")]
    DuplicateCode(String, usize),
    #[error("the level {0:?} is not 1, 2, 3 or 4")]
    BadLevel(String),
    #[error("the kind {0:?} is unknown")]
    BadKind(String),
    #[error("a name is empty")]
    EmptyName,
    #[error("the field {0} holds control characters (such as NUL)")]
    ControlCharacters(&'static str),
    #[error("a name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("the name {0:?} starts with =, +, - or @, which spreadsheets run as a formula")]
    NameLikeFormula(String),
    #[error("the parent {0} is neither in the file nor already known")]
    UnknownParent(String),
    #[error("the parent {0} is not one level up")]
    ParentLevel(String),
    #[error("only a level-1 unit may have no parent")]
    MissingParent,
    #[error("the unit {0} is among its own parents")]
    ParentCycle(String),
    #[error("the file has no territories")]
    Empty,
}

/// A refused line: its number in the file (1 is the header) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: LineProblem,
}

/// Reads a KATO CSV. `known` gives the level of territories already stored,
/// so that an update may hang new units on existing ones. Returns every bad
/// line, not just the first, so an administrator can fix the file in one go.
pub fn parse_kato_csv(input: &str, known: &dyn Fn(&str) -> Option<i32>) -> Result<Vec<Territory>, Vec<LineError>> {
    let input = input.trim_start_matches('\u{feff}');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(input.as_bytes());
    let mut errors = Vec::new();
    let mut rows: Vec<(usize, Territory)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = record.as_ref().ok().and_then(|r| r.position()).map_or(i + 1, |p| line_at(input, p.byte()));
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(LineError { line, problem: LineProblem::Unreadable(e.to_string()) });
                continue;
            }
        };
        if i == 0 {
            let header: Vec<&str> = record.iter().collect();
            if header != CSV_HEADER {
                errors.push(LineError { line, problem: LineProblem::BadHeader { expected: CSV_HEADER.join(",") } });
                return Err(errors);
            }
            continue;
        }
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        match parse_record(&record) {
            Ok(t) => {
                if let Some(first) = seen.get(&t.code) {
                    errors.push(LineError { line, problem: LineProblem::DuplicateCode(t.code.clone(), *first) });
                } else {
                    seen.insert(t.code.clone(), line);
                    rows.push((line, t));
                }
            }
            Err(problem) => errors.push(LineError { line, problem }),
        }
    }
    let levels: HashMap<&str, i32> = rows.iter().map(|(_, t)| (t.code.as_str(), t.level)).collect();
    for (line, t) in &rows {
        match &t.parent_code {
            None if t.level != 1 => errors.push(LineError { line: *line, problem: LineProblem::MissingParent }),
            None => {}
            Some(parent) => match levels.get(parent.as_str()).copied().or_else(|| known(parent)) {
                None => errors.push(LineError { line: *line, problem: LineProblem::UnknownParent(parent.clone()) }),
                Some(level) if !parent_level_fits(level, t.level) => {
                    errors.push(LineError { line: *line, problem: LineProblem::ParentLevel(parent.clone()) })
                }
                Some(_) => {}
            },
        }
    }
    // Settlements may hang on settlements (same level), so levels alone do
    // not rule out a loop: walk each unit's parents within the file.
    let parents: HashMap<&str, &str> =
        rows.iter().filter_map(|(_, t)| Some((t.code.as_str(), t.parent_code.as_deref()?))).collect();
    for (line, t) in &rows {
        let mut at = t.parent_code.as_deref();
        for _ in 0..=rows.len() {
            match at {
                Some(p) if p == t.code => {
                    errors.push(LineError { line: *line, problem: LineProblem::ParentCycle(t.code.clone()) });
                    break;
                }
                Some(p) => at = parents.get(p).copied(),
                None => break,
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(LineError { line: 1, problem: LineProblem::Empty });
    }
    if errors.is_empty() {
        Ok(order_parents_first(rows.into_iter().map(|(_, t)| t).collect()))
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// The line (from 1) a record read from `byte` is on. The reader's own line
/// count starts at the blank lines it skipped before the record, so a bad
/// line after a blank one was blamed on the line above.
fn line_at(input: &str, byte: u64) -> usize {
    let start = usize::try_from(byte).unwrap_or(input.len()).min(input.len());
    let rest = &input[start..];
    let skipped = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    1 + input[..start + skipped].matches('\n').count()
}

fn parse_record(record: &csv::StringRecord) -> Result<Territory, LineProblem> {
    if record.len() != 6 {
        return Err(LineProblem::FieldCount(record.len()));
    }
    if let Some(i) = record.iter().position(|f| !crate::text::is_acceptable(f)) {
        return Err(LineProblem::ControlCharacters(CSV_HEADER[i]));
    }
    let code = record[0].to_owned();
    if !is_kato_code(&code) {
        return Err(LineProblem::BadCode(code));
    }
    let parent_code = match &record[1] {
        "" => None,
        p if is_kato_code(p) => Some(p.to_owned()),
        p => return Err(LineProblem::BadCode(p.to_owned())),
    };
    let level = match record[2].parse::<i32>() {
        Ok(l @ 1..=4) => l,
        _ => return Err(LineProblem::BadLevel(record[2].to_owned())),
    };
    let kind = TerritoryKind::parse(&record[3]).ok_or_else(|| LineProblem::BadKind(record[3].to_owned()))?;
    let (name_kk, name_ru) = (record[4].to_owned(), record[5].to_owned());
    for name in [&name_kk, &name_ru] {
        if !crate::text::is_visible(name) {
            return Err(LineProblem::EmptyName);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(LineProblem::NameTooLong);
        }
        // Refused rather than escaped: no unit's name starts so, and a
        // stored one would need escaping in every file that shows it.
        if crate::text::starts_like_formula(name) {
            return Err(LineProblem::NameLikeFormula(name.clone()));
        }
    }
    Ok(Territory { code, parent_code, level, kind, name_kk, name_ru })
}

/// A parent is one level up, except that the classifier hangs some small
/// settlements (railway sidings, satellite villages) on a settlement.
fn parent_level_fits(parent: i32, child: i32) -> bool {
    parent == child - 1 || (parent == 4 && child == 4)
}

/// A KATO code is nine digits.
pub fn is_kato_code(s: &str) -> bool {
    s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Orders the rows so that each unit comes after its parent, keeping file
/// order otherwise. Parent links were checked, loops included, so every
/// chain ends.
fn order_parents_first(rows: Vec<Territory>) -> Vec<Territory> {
    let index: HashMap<String, usize> = rows.iter().enumerate().map(|(i, t)| (t.code.clone(), i)).collect();
    let mut placed = vec![false; rows.len()];
    let mut order = Vec::with_capacity(rows.len());
    for start in 0..rows.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| !placed[i] && !chain.contains(&i)) {
            chain.push(i);
            at = rows[i].parent_code.as_ref().and_then(|p| index.get(p).copied());
        }
        for &i in chain.iter().rev() {
            placed[i] = true;
            order.push(i);
        }
    }
    let mut slots: Vec<Option<Territory>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The demo region's tree, which the shipped file guarantees to be valid.
pub fn demo_territories() -> Vec<Territory> {
    parse_kato_csv(KYZYLORDA_KATO_CSV, &|_| None).expect("the shipped KATO file is valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_unit_cannot_be_its_own_parent_even_through_others() {
        // Found by the fuzzer (fuzz/fuzz_targets/forms.rs): settlements may
        // hang on settlements, so a loop passed the level check.
        let header = "code,parent_code,level,kind,name_kk,name_ru\n";
        let own = format!("{header}430000017,430000017,4,rural_okrug,e,Y\n");
        let errors = parse_kato_csv(&own, &|_| Some(3)).unwrap_err();
        assert_eq!(errors[0].problem, LineProblem::ParentCycle("430000017".into()));
        let pair = format!("{header}430000017,430000018,4,settlement,a,a\n430000018,430000017,4,settlement,b,b\n");
        let errors = parse_kato_csv(&pair, &|_| Some(3)).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|e| matches!(e.problem, LineProblem::ParentCycle(_))));
    }

    #[test]
    fn the_shipped_region_has_the_programme_numbers() {
        let rows = demo_territories();
        let count = |k: TerritoryKind| rows.iter().filter(|t| t.kind == k).count();
        assert_eq!(count(TerritoryKind::Oblast), 1);
        assert_eq!(count(TerritoryKind::District), 7);
        assert_eq!(count(TerritoryKind::RuralOkrug) + count(TerritoryKind::SettlementAdmin), 144);
        assert!(count(TerritoryKind::Settlement) >= 200);
        let unique: HashSet<&str> = rows.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(unique.len(), rows.len());
        // parents come first
        let mut seen = HashSet::new();
        for t in &rows {
            if let Some(p) = &t.parent_code {
                assert!(seen.contains(p.as_str()), "{} before its parent {}", t.code, p);
            }
            seen.insert(t.code.as_str());
        }
    }

    #[test]
    fn lines_are_counted_in_the_file_blank_ones_included() {
        let input = "code,parent_code,level,kind,name_kk,name_ru\n\n433299000,433200000,3,rural_okrug,А,Б\n\
                     \r\n\n4332X,433200000,3,rural_okrug,А,Б\n";
        let errors = parse_kato_csv(input, &|_| Some(2)).unwrap_err();
        assert_eq!(errors, [LineError { line: 6, problem: LineProblem::BadCode("4332X".into()) }]);
    }

    #[test]
    fn bad_lines_are_all_reported_by_number() {
        let csv = "code,parent_code,level,kind,name_kk,name_ru\n\
                   430000000,,1,oblast,Облыс,Область\n\
                   43100000X,430000000,2,city,Қала,Город\n\
                   431000000,430000000,7,city,Қала,Город\n\
                   432000000,999999999,2,district,Аудан,Район\n\
                   433000000,430000000,2,district,,Район\n\
                   430000000,,1,oblast,Облыс,Область\n\
                   434000000,430000000,2,planet,А,Б\n\
                   435000000,430000000,2,district\n";
        let errors = parse_kato_csv(csv, &|_| None).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(errors[0].problem, LineProblem::BadCode("43100000X".into()));
        assert_eq!(errors[1].problem, LineProblem::BadLevel("7".into()));
        assert_eq!(errors[2].problem, LineProblem::UnknownParent("999999999".into()));
        assert_eq!(errors[3].problem, LineProblem::EmptyName);
        assert_eq!(errors[4].problem, LineProblem::DuplicateCode("430000000".into(), 2));
        assert_eq!(errors[5].problem, LineProblem::BadKind("planet".into()));
        assert_eq!(errors[6].problem, LineProblem::FieldCount(4));
    }

    #[test]
    fn control_characters_long_names_and_formulas_are_refused_by_line() {
        let long = "А".repeat(100_000);
        let csv = format!(
            "code,parent_code,level,kind,name_kk,name_ru\n\
             430000000,,1,oblast,Облыс,Область\n\
             431000000,430000000,2,city,Қала\u{0},Город\n\
             432000000,430000000,2,district,{long},Район\n\
             433000000,430000000,2,district,=HYPERLINK(\"http://x\"),Район\n\
             434000000,430000000,2,district,Аудан,@SUM(A1)\n\
             435000000,430000000,2,district,\u{200b},Район\n\
             436000000,430000000,2,district,Аудан,Район\n"
        );
        let errors = parse_kato_csv(&csv, &|_| None).unwrap_err();
        let got: Vec<(usize, LineProblem)> = errors.into_iter().map(|e| (e.line, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (3, LineProblem::ControlCharacters("name_kk")),
                (4, LineProblem::NameTooLong),
                (5, LineProblem::NameLikeFormula("=HYPERLINK(\"http://x\")".into())),
                (6, LineProblem::NameLikeFormula("@SUM(A1)".into())),
                (7, LineProblem::EmptyName),
            ]
        );
    }

    #[test]
    fn updates_may_hang_on_known_territories() {
        let csv =
            "code,parent_code,level,kind,name_kk,name_ru\n431099000,431000000,3,rural_okrug,Демо а.о.,Демо с.о.\n";
        assert!(parse_kato_csv(csv, &|_| None).is_err());
        let rows = parse_kato_csv(csv, &|c| (c == "431000000").then_some(2)).unwrap();
        assert_eq!(rows.len(), 1);
        let wrong_level = parse_kato_csv(csv, &|c| (c == "431000000").then_some(1)).unwrap_err();
        assert_eq!(wrong_level[0].problem, LineProblem::ParentLevel("431000000".into()));
    }

    #[test]
    fn a_wrong_header_or_an_empty_file_is_refused() {
        let e = parse_kato_csv("a,b,c\n1,2,3\n", &|_| None).unwrap_err();
        assert!(matches!(e[0].problem, LineProblem::BadHeader { .. }));
        let e = parse_kato_csv("code,parent_code,level,kind,name_kk,name_ru\n", &|_| None).unwrap_err();
        assert_eq!(e[0].problem, LineProblem::Empty);
        let e = parse_kato_csv("", &|_| None).unwrap_err();
        assert_eq!(e[0].problem, LineProblem::Empty);
    }
}
