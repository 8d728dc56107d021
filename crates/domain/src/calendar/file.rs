//! Reading the calendar file an administrator edits. Unlike
//! [`Calendar::from_csv`] (the shipped file, refused at its first fault),
//! it names every bad line with what is wrong, so the whole file can be
//! fixed in one go; the web layer puts each problem into words.

use super::{check, Calendar, CalendarError, Exception, Reason, CSV_HEADER};
use jiff::civil::Date;
use std::collections::HashMap;

/// One problem of an edited file: its line (counted from the top of the
/// file, the header being line 1, notes and blank lines included) and what
/// is wrong. A day missing from an entered year has no line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: Option<u64>,
    pub problem: FileProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// The first line that is not a note is not `date,working,reason`.
    BadHeader,
    /// The CSV itself cannot be read (an unclosed quote).
    Unreadable,
    /// Not three fields.
    FieldCount(usize),
    NotADate(String),
    /// `working` is neither `true` nor `false`.
    NotAFlag(String),
    UnknownReason(String),
    Duplicate {
        date: Date,
        first_line: u64,
    },
    WorkingWeekday(Date),
    WeekendOff(Date),
    /// Only `working_weekend` marks a worked day, and it marks nothing else.
    ReasonMismatch {
        date: Date,
        reason: Reason,
    },
    /// An entered year lacks a day off its rules give (see
    /// [`Calendar::check_entered_years`]).
    MissingRuleDay {
        date: Date,
        reason: Reason,
    },
}

impl Calendar {
    /// Reads an edited `date,working,reason` file and checks it whole,
    /// entered years included; every problem is returned, in line order.
    pub fn from_edited_csv(input: &str) -> Result<Calendar, Vec<FileError>> {
        let mut errors = Vec::new();
        let mut list = Vec::new();
        let mut first_line: HashMap<Date, u64> = HashMap::new();
        let mut header_seen = false;
        // Line by line, as the text area shows them: a row never spans lines.
        for (i, text) in input.trim_start_matches('\u{feff}').lines().enumerate() {
            let line = i as u64 + 1;
            let fault = |problem| FileError { line: Some(line), problem };
            let text = text.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            let Some(record) = one_record(text) else {
                errors.push(fault(FileProblem::Unreadable));
                continue;
            };
            if !header_seen {
                header_seen = true;
                if record.iter().ne(CSV_HEADER) {
                    errors.push(fault(FileProblem::BadHeader));
                }
                continue;
            }
            match read_row(&record) {
                Err(problem) => errors.push(fault(problem)),
                Ok(e) => {
                    if let Err(problem) = check(&e).map_err(from_check) {
                        errors.push(fault(problem));
                    } else if let Some(&first) = first_line.get(&e.date) {
                        errors.push(fault(FileProblem::Duplicate { date: e.date, first_line: first }));
                    } else {
                        first_line.insert(e.date, line);
                        list.push(e);
                    }
                }
            }
        }
        if !header_seen {
            errors.push(FileError { line: Some(1), problem: FileProblem::BadHeader });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let calendar =
            Calendar::from_exceptions(list).map_err(|e| vec![FileError { line: None, problem: from_check(e) }])?;
        let missing: Vec<FileError> = calendar
            .missing_rule_days()
            .into_iter()
            .map(|e| FileError { line: None, problem: FileProblem::MissingRuleDay { date: e.date, reason: e.reason } })
            .collect();
        if missing.is_empty() {
            Ok(calendar)
        } else {
            Err(missing)
        }
    }
}

/// A line read as CSV (quotes allowed, fields trimmed); `None` when it
/// cannot be read, such as a quote left open.
fn one_record(text: &str) -> Option<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) if reader.read_record(&mut csv::StringRecord::new()).ok() == Some(false) => Some(record),
        _ => None,
    }
}

/// One data line as an exception, or the first thing wrong with it.
fn read_row(record: &csv::StringRecord) -> Result<Exception, FileProblem> {
    if record.len() != 3 {
        return Err(FileProblem::FieldCount(record.len()));
    }
    let date = record[0].parse::<Date>().map_err(|_| FileProblem::NotADate(record[0].to_owned()))?;
    let working = match &record[1] {
        "true" => true,
        "false" => false,
        other => return Err(FileProblem::NotAFlag(other.to_owned())),
    };
    let reason = Reason::parse(&record[2]).ok_or_else(|| FileProblem::UnknownReason(record[2].to_owned()))?;
    Ok(Exception { date, working, reason })
}

/// The single-exception checks, as a line's problem.
fn from_check(e: CalendarError) -> FileProblem {
    match e {
        CalendarError::WorkingWeekday(d) => FileProblem::WorkingWeekday(d),
        CalendarError::WeekendOff(d) => FileProblem::WeekendOff(d),
        CalendarError::ReasonMismatch { date, reason, .. } => FileProblem::ReasonMismatch { date, reason },
        CalendarError::DuplicateDate(date) => FileProblem::Duplicate { date, first_line: 0 },
        CalendarError::MissingRuleDay { date, reason } => FileProblem::MissingRuleDay { date, reason },
        // Not a property of the file; the shipped zone is tested.
        CalendarError::Unreadable { .. } | CalendarError::TimeZone(_) => FileProblem::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::generated_exceptions;
    use jiff::civil::date;

    fn problems(input: &str) -> Vec<(Option<u64>, FileProblem)> {
        Calendar::from_edited_csv(input).unwrap_err().into_iter().map(|e| (e.line, e.problem)).collect()
    }

    #[test]
    fn every_bad_line_is_named_with_its_fault() {
        // Line 1 a note, 2 the header, 3 blank, 4.. data.
        let input = "# 2027\ndate,working,reason\n\n2027-02-30,false,transfer\n2027-03-22,false,nauryz\n\
                     2027-03-23,no,nauryz\n2027-03-24,false,holiday\n2027-03-22,false,transfer\n\
                     2027-03-20,false,transfer\n2027-03-25,true,working_weekend\n2027-03-26,false,working_weekend\n\
                     2027-03-29,false\n";
        assert_eq!(
            problems(input),
            [
                (Some(4), FileProblem::NotADate("2027-02-30".into())),
                (Some(6), FileProblem::NotAFlag("no".into())),
                (Some(7), FileProblem::UnknownReason("holiday".into())),
                (Some(8), FileProblem::Duplicate { date: date(2027, 3, 22), first_line: 5 }),
                (Some(9), FileProblem::WeekendOff(date(2027, 3, 20))),
                (Some(10), FileProblem::WorkingWeekday(date(2027, 3, 25))),
                (Some(11), FileProblem::ReasonMismatch { date: date(2027, 3, 26), reason: Reason::WorkingWeekend }),
                (Some(12), FileProblem::FieldCount(2)),
            ]
        );
    }

    #[test]
    fn a_bad_header_or_none_is_named() {
        assert_eq!(problems("day,working,reason\n"), [(Some(1), FileProblem::BadHeader)]);
        assert_eq!(problems("# only a note\n\n"), [(Some(1), FileProblem::BadHeader)]);
        assert_eq!(problems(""), [(Some(1), FileProblem::BadHeader)]);
    }

    #[test]
    fn every_missing_rule_day_of_an_entered_year_is_named() {
        let missing = problems("date,working,reason\n2027-01-08,false,transfer\n");
        let expected: Vec<_> = generated_exceptions(2027, None)
            .into_iter()
            .map(|e| (None, FileProblem::MissingRuleDay { date: e.date, reason: e.reason }))
            .collect();
        assert_eq!(missing, expected);
        assert!(missing.len() > 10);
    }

    #[test]
    fn a_good_file_is_the_same_calendar_as_the_shipped_reader_makes() {
        let shipped = crate::calendar::KZ_CALENDAR_CSV;
        assert_eq!(Calendar::from_edited_csv(shipped).unwrap(), Calendar::from_csv(shipped).unwrap());
    }
}
