//! The rules that produce most of a year's calendar (kz-calendar.md): fixed
//! holidays, their carry-over from weekends, 7 January and Kurban Ait. The
//! decrees' transfers follow no rule and are entered by hand.

use super::{is_weekend, Exception, Reason};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A public holiday and the years it was one (inclusive).
struct Holiday {
    month: i8,
    day: i8,
    reason: Reason,
    since: i16,
    until: i16,
}

const fn every_year(month: i8, day: i8, reason: Reason) -> Holiday {
    Holiday { month, day, reason, since: i16::MIN, until: i16::MAX }
}

impl Holiday {
    const fn since(self, year: i16) -> Holiday {
        Holiday { since: year, ..self }
    }

    const fn until(self, year: i16) -> Holiday {
        Holiday { until: year, ..self }
    }
}

/// In date order: a weekend holiday's carry-over must see the ones before it.
const HOLIDAYS: [Holiday; 16] = [
    every_year(1, 1, Reason::NewYear),
    every_year(1, 2, Reason::NewYear),
    every_year(3, 8, Reason::WomensDay),
    // The Constitution adopted by referendum on 15 March 2026 makes its
    // day a holiday from 2027, in place of 30 August.
    every_year(3, 15, Reason::ConstitutionDay).since(2027),
    every_year(3, 21, Reason::Nauryz),
    every_year(3, 22, Reason::Nauryz),
    every_year(3, 23, Reason::Nauryz),
    every_year(5, 1, Reason::UnityDay),
    every_year(5, 7, Reason::DefenderDay),
    every_year(5, 9, Reason::VictoryDay),
    every_year(7, 6, Reason::CapitalDay),
    // No longer a holiday from 2026 (Monday 31 August 2026 was worked).
    every_year(8, 30, Reason::ConstitutionDay).until(2025),
    every_year(10, 25, Reason::RepublicDay).since(2022),
    every_year(12, 1, Reason::FirstPresidentDay).until(2021),
    every_year(12, 16, Reason::IndependenceDay),
    every_year(12, 17, Reason::IndependenceDay).until(2021),
];

/// The weekday days off that the rules give for `year`, in date order: the
/// holidays on weekdays, 7 January and Kurban Ait on weekdays (they never
/// move), and for each weekend holiday the first weekday after it that is
/// not already off. Decree transfers and worked weekends are not included;
/// an administrator adds them. `kurban_ait` is set each year by the
/// Muslim board and is used as given, even outside `year`.
pub fn generated_exceptions(year: i16, kurban_ait: Option<Date>) -> Vec<Exception> {
    let holidays: Vec<(Date, Reason)> = HOLIDAYS
        .iter()
        .filter(|h| (h.since..=h.until).contains(&year))
        .filter_map(|h| Some((Date::new(year, h.month, h.day).ok()?, h.reason)))
        .collect();
    let mut off: BTreeMap<Date, Reason> = holidays.iter().filter(|(d, _)| !is_weekend(*d)).copied().collect();
    let christmas = Date::new(year, 1, 7).ok();
    let unmoved = [christmas.map(|d| (d, Reason::OrthodoxChristmas)), kurban_ait.map(|d| (d, Reason::KurbanAit))];
    for (date, reason) in unmoved.into_iter().flatten() {
        if !is_weekend(date) {
            // A holiday on the same day keeps its own reason.
            off.entry(date).or_insert(reason);
        }
    }
    for (date, _) in holidays.iter().filter(|(d, _)| is_weekend(*d)) {
        if let Some(to) = first_free_weekday_after(*date, &off) {
            off.insert(to, Reason::HolidayCarryOver);
        }
    }
    off.into_iter().map(|(date, reason)| Exception { date, working: false, reason }).collect()
}

/// The holiday of the rules on `date`, if any (not Kurban Ait nor
/// 7 January, which never move).
pub(super) fn holiday_on(date: Date) -> Option<Reason> {
    let year = date.year();
    HOLIDAYS
        .iter()
        .find(|h| (h.since..=h.until).contains(&year) && h.month == date.month() && h.day == date.day())
        .map(|h| h.reason)
}

/// The weekend holiday a carried-over day off stands for: the nearest one
/// in the ten days before it (carry-overs land on the first free weekday,
/// never further), so 9 March 2026 names Sunday 8 March.
pub(super) fn weekend_holiday_before(date: Date) -> Option<(Date, Reason)> {
    std::iter::successors(date.yesterday().ok(), |d| d.yesterday().ok())
        .take(10)
        .filter(|d| is_weekend(*d))
        .find_map(|d| holiday_on(d).map(|r| (d, r)))
}

/// "The next working day after the holiday": past the whole run of
/// holidays and days off, so 7 May 2022 (Sat) lands after 9 May (Mon).
fn first_free_weekday_after(date: Date, off: &BTreeMap<Date, Reason>) -> Option<Date> {
    std::iter::successors(date.tomorrow().ok(), |d| d.tomorrow().ok()).find(|d| !is_weekend(*d) && !off.contains_key(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use jiff::civil::date;

    /// Kurban Ait's first day as kz-calendar.md gives it.
    const KURBAN_AIT: [Date; 6] = [
        date(2021, 7, 20),
        date(2022, 7, 9),
        date(2023, 6, 28),
        date(2024, 6, 16),
        date(2025, 6, 6),
        date(2026, 5, 27),
    ];

    #[test]
    fn the_rules_give_the_shipped_calendar_less_the_decrees() {
        let shipped: Vec<Exception> = Calendar::kazakhstan().exceptions().collect();
        for kurban in KURBAN_AIT {
            let year = kurban.year();
            let expected: Vec<Exception> = shipped
                .iter()
                .filter(|e| e.date.year() == year)
                .filter(|e| !matches!(e.reason, Reason::Transfer | Reason::WorkingWeekend))
                .copied()
                .collect();
            assert!(expected.len() >= 12, "{year}");
            assert_eq!(generated_exceptions(year, Some(kurban)), expected, "{year}");
        }
    }

    #[test]
    fn a_carry_over_passes_days_off_that_do_not_move() {
        // 6 July 2024 was a Saturday; were Kurban Ait on Monday 8 July, the
        // carry-over would land on Tuesday 9 July.
        let got = generated_exceptions(2024, Some(date(2024, 7, 8)));
        let july: Vec<(Date, Reason)> =
            got.iter().filter(|e| e.date.month() == 7).map(|e| (e.date, e.reason)).collect();
        assert_eq!(july, [(date(2024, 7, 8), Reason::KurbanAit), (date(2024, 7, 9), Reason::HolidayCarryOver)]);
    }

    #[test]
    fn kurban_ait_on_a_holiday_is_listed_once() {
        // 1 May 2025 was a Thursday.
        let got = generated_exceptions(2025, Some(date(2025, 5, 1)));
        let may_first: Vec<&Exception> = got.iter().filter(|e| e.date == date(2025, 5, 1)).collect();
        assert_eq!(may_first.len(), 1);
        assert_eq!(may_first[0].reason, Reason::UnityDay);
        assert!(Calendar::from_exceptions(got).is_ok());
        assert!(generated_exceptions(2025, None).iter().all(|e| e.reason != Reason::KurbanAit));
    }

    #[test]
    fn a_carry_over_names_the_weekend_holiday_it_stands_for() {
        // Sunday 8 March 2026 gave Monday 9 March; 21–22 March 2026
        // (Saturday, Sunday) gave 24 and 25 March.
        assert_eq!(weekend_holiday_before(date(2026, 3, 9)), Some((date(2026, 3, 8), Reason::WomensDay)));
        assert_eq!(weekend_holiday_before(date(2026, 3, 25)), Some((date(2026, 3, 22), Reason::Nauryz)));
        // 7 May 2022 (Saturday) moved past Victory Day to Tuesday 10 May.
        assert_eq!(weekend_holiday_before(date(2022, 5, 10)), Some((date(2022, 5, 7), Reason::DefenderDay)));
        // Saturday 2 January 2027 gave Monday 4 January.
        assert_eq!(weekend_holiday_before(date(2027, 1, 4)), Some((date(2027, 1, 2), Reason::NewYear)));
        assert_eq!(weekend_holiday_before(date(2026, 4, 15)), None, "no holiday in the ten days before");
    }

    /// kz-calendar.md's 2027 "from the rules alone" list, copied verbatim.
    const RULES_2027: &str = "01-01 01-04 01-07 03-08 03-15 03-22 03-23 03-24 05-03 05-07 05-10 07-06 10-25 12-16";

    #[test]
    fn the_rules_give_the_published_2027_list_with_constitution_day_in_march() {
        let got: Vec<String> = generated_exceptions(2027, None).iter().map(|e| e.date.to_string()).collect();
        let expected: Vec<String> = RULES_2027.split_whitespace().map(|md| format!("2027-{md}")).collect();
        assert_eq!(got, expected);
        let reason = |d| generated_exceptions(2027, None).into_iter().find(|e| e.date == d).map(|e| e.reason);
        assert_eq!(reason(date(2027, 3, 15)), Some(Reason::ConstitutionDay));
        assert_eq!(reason(date(2027, 1, 4)), Some(Reason::HolidayCarryOver), "for Saturday 2 January");
        assert_eq!(reason(date(2027, 3, 24)), Some(Reason::HolidayCarryOver), "for Sunday 21 March");
        assert!(generated_exceptions(2026, None).iter().all(|e| e.date != date(2026, 3, 16)), "not before 2027");
    }

    #[test]
    fn constitution_day_on_a_weekend_moves_and_30_august_stays_working() {
        // 8 and 15 March 2031 are Saturdays: the Mondays after are off.
        let got = generated_exceptions(2031, None);
        let march: Vec<(Date, Reason)> =
            got.iter().filter(|e| e.date.month() == 3 && e.date.day() < 20).map(|e| (e.date, e.reason)).collect();
        assert_eq!(
            march,
            [(date(2031, 3, 10), Reason::HolidayCarryOver), (date(2031, 3, 17), Reason::HolidayCarryOver)]
        );
        assert!(got.iter().all(|e| e.date.month() != 8 && e.date.month() != 9));
    }
}
