//! Dates truncated to a year, a month or a day (`2024`, `2024-05`, `2024-05-17`).
//!
//! A truncated date stands for its whole period: `2024-05` covers 1–31 May 2024. Filters compare
//! periods, so each date has a first and a last day.

use std::fmt;

/// A calendar date given to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// A day as `(year, month, day)`, ordered chronologically.
pub type Day = (u16, u8, u8);

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
            return Err(bad());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad())?;
        let mut date = PartialDate {
            year,
            month: None,
            day: None,
        };
        if let Some(m) = parts.get(1) {
            let month: u8 = if digits(m, 2) {
                m.parse().map_err(|_| bad())?
            } else {
                return Err(bad());
            };
            if !(1..=12).contains(&month) {
                return Err(format!("\"{text}\" has no month {month}"));
            }
            date.month = Some(month);
        }
        if let (Some(d), Some(month)) = (parts.get(2), date.month) {
            let day: u8 = if digits(d, 2) {
                d.parse().map_err(|_| bad())?
            } else {
                return Err(bad());
            };
            if day == 0 || day > days_in_month(year, month) {
                return Err(format!("\"{text}\" is not a day of {year}-{month:02}"));
            }
            date.day = Some(day);
        }
        Ok(date)
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1–12), if the date gives one.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The first day of the period the date stands for.
    pub fn first_day(&self) -> Day {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period the date stands for.
    pub fn last_day(&self) -> Day {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        let y = PartialDate::parse("2024").unwrap();
        assert_eq!(
            (y.first_day(), y.last_day()),
            ((2024, 1, 1), (2024, 12, 31))
        );
        let m = PartialDate::parse("2024-02").unwrap();
        assert_eq!((m.first_day(), m.last_day()), ((2024, 2, 1), (2024, 2, 29)));
        let d = PartialDate::parse("2023-02-28").unwrap();
        assert_eq!(
            (d.first_day(), d.last_day()),
            ((2023, 2, 28), (2023, 2, 28))
        );
        assert_eq!(d.to_string(), "2023-02-28");
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "24",
            "2024-5",
            "2024-13",
            "2024-00",
            "2023-02-29",
            "2024-04-31",
            "2024/05",
            "2024-05-17-1",
            "year",
            "2024-05-",
            "+202",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
    }
}
