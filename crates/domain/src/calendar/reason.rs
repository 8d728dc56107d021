//! Why a date departs from the Monday–Friday week: the holiday itself, its
//! carry-over from a weekend, or a decree's transfer. Stored and shown, so
//! the names are stable.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Callers turn a reason into words ("Nauryz", "day off moved by decree");
/// the store keeps [`Reason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    NewYear,
    OrthodoxChristmas,
    WomensDay,
    Nauryz,
    /// 1 May, the Day of Unity of the People of Kazakhstan.
    UnityDay,
    /// 7 May, Defender of the Fatherland Day.
    DefenderDay,
    /// 9 May.
    VictoryDay,
    /// 6 July.
    CapitalDay,
    KurbanAit,
    ConstitutionDay,
    RepublicDay,
    FirstPresidentDay,
    IndependenceDay,
    /// A weekday off because a holiday fell on a Saturday or Sunday.
    HolidayCarryOver,
    /// A weekday off that a decree moved from a weekend day.
    Transfer,
    /// A Saturday or Sunday that a decree made a working day.
    WorkingWeekend,
}

impl Reason {
    /// Every reason, for lists and for [`Reason::parse`].
    pub const ALL: [Reason; 16] = [
        Reason::NewYear,
        Reason::OrthodoxChristmas,
        Reason::WomensDay,
        Reason::Nauryz,
        Reason::UnityDay,
        Reason::DefenderDay,
        Reason::VictoryDay,
        Reason::CapitalDay,
        Reason::KurbanAit,
        Reason::ConstitutionDay,
        Reason::RepublicDay,
        Reason::FirstPresidentDay,
        Reason::IndependenceDay,
        Reason::HolidayCarryOver,
        Reason::Transfer,
        Reason::WorkingWeekend,
    ];

    /// The stable name stored in the database and in the calendar CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NewYear => "new_year",
            Reason::OrthodoxChristmas => "orthodox_christmas",
            Reason::WomensDay => "womens_day",
            Reason::Nauryz => "nauryz",
            Reason::UnityDay => "unity_day",
            Reason::DefenderDay => "defender_day",
            Reason::VictoryDay => "victory_day",
            Reason::CapitalDay => "capital_day",
            Reason::KurbanAit => "kurban_ait",
            Reason::ConstitutionDay => "constitution_day",
            Reason::RepublicDay => "republic_day",
            Reason::FirstPresidentDay => "first_president_day",
            Reason::IndependenceDay => "independence_day",
            Reason::HolidayCarryOver => "holiday_carry_over",
            Reason::Transfer => "transfer",
            Reason::WorkingWeekend => "working_weekend",
        }
    }

    /// Reads a stored name; `None` for anything else, so a typo in the
    /// calendar file is refused rather than guessed.
    pub fn parse(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn reason_names_round_trip_and_match_serde() {
        let names: HashSet<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), Reason::ALL.len());
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
            let name = serde_name(r);
            assert_eq!(name, r.as_str());
        }
        assert_eq!(Reason::parse("Nauryz"), None);
        assert_eq!(Reason::parse(""), None);
    }

    /// serde's name for a unit variant, read through the CSV writer so the
    /// test needs no JSON dependency.
    fn serde_name(r: Reason) -> String {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(vec![]);
        w.serialize([r]).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap().trim_end().to_owned()
    }
}
