//! The month calendar of receptions: weeks × days (Monday first, as
//! Kazakhstan's calendars are), each day listing its receptions by their
//! local day. The template makes it a table with a caption and column
//! headers; on a phone the same cells read as a list of the days that have
//! receptions.

use super::times;
use crate::appeals::date_text;
use crate::i18n::Tr;
use jiff::civil::Date;
use jiff::ToSpan;

/// One reception in a day's cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub href: String,
    pub hours: String,
    pub title: String,
    /// The status in words, shown beside the title when it is not "planned"
    /// or "open" (a cancelled reception stays on its day, marked).
    pub status: Option<String>,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// `2026-03-01`, for `<time datetime>`.
    pub iso: String,
    pub number: i8,
    /// The day in full («дүйсенбі, 02.03.2026»), as a phone shows it.
    pub full: String,
    pub in_month: bool,
    pub today: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// «Наурыз 2026».
    pub caption: String,
    /// Monday to Sunday, in words.
    pub weekdays: Vec<String>,
    pub weeks: Vec<Vec<Day>>,
    /// `2026-02` and `2026-04`, for the previous and next links.
    pub previous: String,
    pub next: String,
    /// How many receptions the month holds.
    pub count: usize,
}

/// `2026-03`.
pub fn month_param(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The first day of a `YYYY-MM` month; `None` when it is not one.
pub fn parse_month(s: &str) -> Option<Date> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
    if !(2000..=2099).contains(&y) {
        return None;
    }
    Date::new(y, m, 1).ok()
}

/// The month of `first` (any day of it) with `items` placed on their local
/// days; items of other months are left out. `items` are (starts_at, item).
pub fn build(tr: Tr, first: Date, today: Date, items: Vec<(i64, Item)>) -> Month {
    let first = first.first_of_month();
    let last = first.last_of_month();
    // Back to Monday, on to Sunday.
    let start = first - (first.weekday().to_monday_one_offset() - 1).days();
    let end = last + (7 - last.weekday().to_monday_one_offset()).days();
    let mut placed: Vec<(Date, i64, Item)> = items
        .into_iter()
        .filter_map(|(at, item)| times::local_date(at).map(|d| (d, at, item)))
        .filter(|(d, _, _)| *d >= first && *d <= last)
        .collect();
    placed.sort_by_key(|(d, at, _)| (*d, *at));
    let count = placed.len();
    let mut weeks = Vec::new();
    let mut week = Vec::new();
    let mut day = start;
    while day <= end {
        let items = placed.iter().filter(|(d, _, _)| *d == day).map(|(_, _, i)| i.clone()).collect();
        week.push(Day {
            iso: day.to_string(),
            number: day.day(),
            full: format!("{}, {}", tr.t(&format!("weekday-{}", day.weekday().to_monday_one_offset())), date_text(day)),
            in_month: day.month() == first.month(),
            today: day == today,
            items,
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }
    Month {
        caption: format!("{} {}", tr.t(&format!("reception-month-{}", first.month())), first.year()),
        weekdays: (1..=7).map(|n| tr.t(&format!("weekday-{n}"))).collect(),
        weeks,
        previous: first.yesterday().map(month_param).unwrap_or_default(),
        next: last.tomorrow().map(month_param).unwrap_or_default(),
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use adaldyq_domain::Locale;
    use jiff::civil::date;

    fn item(title: &str) -> Item {
        Item { href: String::new(), hours: String::new(), title: title.into(), status: None, cancelled: false }
    }

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn march_2026_starts_on_a_sunday_in_a_week_from_monday() {
        let m = build(Tr(Locale::En), date(2026, 3, 1), date(2026, 3, 10), vec![]);
        assert_eq!(m.weeks.len(), 6, "23 February to 5 April");
        assert!(m.weeks.iter().all(|w| w.len() == 7));
        assert_eq!(m.weeks[0][0].iso, "2026-02-23");
        assert!(!m.weeks[0][0].in_month);
        assert_eq!(m.weeks[0][6].iso, "2026-03-01");
        assert!(m.weeks[0][6].in_month);
        assert_eq!(m.weeks[5][6].iso, "2026-04-05");
        assert_eq!(m.weeks[0][6].full, "Sunday, 01.03.2026");
        assert!(m.weeks[2][1].today, "10 March, a Tuesday");
        assert_eq!((m.previous.as_str(), m.next.as_str()), ("2026-02", "2026-04"));
        assert_eq!(m.caption, "March 2026");
    }

    #[test]
    fn a_reception_at_half_past_midnight_is_on_its_local_day() {
        let items = vec![(at("2026-02-28T19:30:00Z"), item("night")), (at("2026-03-02T05:00:00Z"), item("day"))];
        let m = build(Tr(Locale::En), date(2026, 3, 1), date(2026, 3, 1), items);
        let on = |iso: &str| -> Vec<String> {
            m.weeks
                .iter()
                .flatten()
                .filter(|d| d.iso == iso)
                .flat_map(|d| d.items.iter().map(|i| i.title.clone()))
                .collect()
        };
        assert_eq!(on("2026-03-01"), ["night"], "00:30 local on 1 March, 19:30 UTC the day before");
        assert!(on("2026-02-28").is_empty());
        assert_eq!(on("2026-03-02"), ["day"]);
        assert_eq!(m.count, 2);
    }

    #[test]
    fn items_of_other_months_are_left_out_and_a_day_lists_in_time_order() {
        let items = vec![
            (at("2026-03-10T08:00:00Z"), item("later")),
            (at("2026-03-10T04:00:00Z"), item("earlier")),
            (at("2026-04-01T04:00:00Z"), item("april")),
        ];
        let m = build(Tr(Locale::En), date(2026, 3, 15), date(2026, 3, 1), items);
        let day: Vec<_> = m.weeks.iter().flatten().find(|d| d.iso == "2026-03-10").unwrap().items.clone();
        assert_eq!(day.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["earlier", "later"]);
        assert_eq!(m.count, 2);
        assert!(m.weeks.iter().flatten().all(|d| d.items.iter().all(|i| i.title != "april")));
    }

    #[test]
    fn month_parameters() {
        assert_eq!(parse_month("2026-03"), Some(date(2026, 3, 1)));
        for bad in ["2026-13", "2026-3", "26-03", "", "2026", "abcd-ef", "1999-12"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert_eq!(month_param(date(2026, 3, 17)), "2026-03");
    }
}
