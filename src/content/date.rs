//! Calendar dates as front matter writes them (`date = 2025-05-29`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date without time or zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// "24 January 2025".
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let expected = "a date such as 2025-05-29 (a TOML date, without quotes)";
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
                (Some(date), None) => {
                    return date_from_toml(date).ok_or_else(|| {
                        D::Error::custom(format!("invalid date, expected {expected}"))
                    });
                }
                _ => {
                    return Err(D::Error::custom(format!(
                        "a date has no time of day here, expected {expected}"
                    )));
                }
            },
            toml::Value::String(text) => text,
            other => {
                return Err(D::Error::custom(format!(
                    "invalid {}, expected {expected}",
                    other.type_str()
                )));
            }
        };
        Date::parse_iso(&text).ok_or_else(|| {
            D::Error::custom(format!("invalid date \"{text}\", expected {expected}"))
        })
    }
}

fn date_from_toml(date: toml::value::Date) -> Option<Date> {
    Date::new(date.year, date.month, date.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        date: Date,
    }

    #[test]
    fn reads_toml_dates_and_quoted_iso_dates() {
        let a: Holder = toml::from_str("date = 2025-01-24").unwrap();
        let b: Holder = toml::from_str("date = \"2025-01-24\"").unwrap();
        assert_eq!(a.date, b.date);
        assert_eq!(a.date.to_string(), "2025-01-24");
        assert_eq!(a.date.long(), "24 January 2025");
    }

    #[test]
    fn rejects_impossible_dates_and_times() {
        assert!(toml::from_str::<Holder>("date = \"2025-02-30\"").is_err());
        assert!(toml::from_str::<Holder>("date = 2025-01-24T10:00:00Z").is_err());
        assert!(toml::from_str::<Holder>("date = 5").is_err());
        assert_eq!(Date::new(2024, 2, 29).map(|d| d.day), Some(29));
        assert!(Date::new(2023, 2, 29).is_none());
    }
}
