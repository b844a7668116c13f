//! Calendar arithmetic and date parsing. Months are calendar months with end-of-month
//! clamping (chrono `Months`): 2025-05-31 minus 3 months is 2025-02-28.

use chrono::{Months, NaiveDate};

/// The first date every output can represent: RSS dates (RFC 2822) need a year from 1900.
pub const FIRST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The last: iCalendar and `YYYY-MM-DD` have four-digit years, and an all-day event on a
/// date ends (DTEND) the day after, so 9999-12-31 itself cannot be one.
pub const LAST: NaiveDate = match NaiveDate::from_ymd_opt(9998, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether every output (feeds, calendar, JSON, pages) can represent `d`.
pub fn representable(d: NaiveDate) -> bool {
    (FIRST..=LAST).contains(&d)
}

/// Why a date is out of range, for messages.
pub fn range_note() -> String {
    format!("dates must be from {FIRST} to {LAST}, which every feed and calendar can represent")
}

/// Parse `YYYY-MM-DD` strictly (no times, no other formats).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `date` plus `n` calendar months, clamped to the month's end; saturates at the calendar's end.
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` minus `n` calendar months, clamped to the month's end; saturates at the calendar's start.
pub fn sub_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn end_of_month_clamps() {
        assert_eq!(sub_months(d("2025-05-31"), 3), d("2025-02-28"));
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2023-08-31"), 6), d("2024-02-29"));
        assert_eq!(sub_months(d("2024-05-31"), 3), d("2024-02-29"));
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
    }

    #[test]
    fn parse_is_strict() {
        assert!(parse_date("2025-02-29").is_none());
        assert!(parse_date("2025-13-01").is_none());
        assert!(parse_date("2025-1-01").is_none());
        assert!(parse_date("2025-01-01T00:00:00").is_none());
        assert_eq!(
            parse_date("2024-02-29"),
            Some(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }
}
