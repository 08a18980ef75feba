//! Calendar dates as days since 1970-01-01, for saying how old a data set is. The standard
//! library has no calendar, and a date crate for one subtraction would not earn its place.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (proleptic Gregorian; Howard Hinnant's
/// `days_from_civil`).
pub fn days(iso: &str) -> Option<i64> {
    let mut parts = iso.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Today, in days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs / 86_400) as i64
}

/// How long ago an ISO date was, in words: "3 days", "about 4 months", "about 9 years".
pub fn age(iso: &str) -> Option<String> {
    let days = today() - days(iso)?;
    Some(match days {
        i64::MIN..=-1 => "in the future".to_string(),
        0..=1 => format!("{days} day{}", if days == 1 { "" } else { "s" }),
        2..=59 => format!("{days} days"),
        60..=729 => format!("about {} months", days / 30),
        _ => format!("about {} years", days / 365),
    })
}

/// `M/D/YYYY` (optionally followed by a time, as in the Retraction Watch CSV) as `YYYY-MM-DD`.
pub fn from_us(date: &str) -> Option<String> {
    let date = date.split_whitespace().next()?;
    let mut parts = date.split('/');
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let y: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d) && parts.next().is_none())
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2026-08-08"), Some(20_673));
        assert_eq!(days("2026-13-01"), None);
        assert_eq!(days("soon"), None);
    }

    #[test]
    fn us_dates() {
        assert_eq!(from_us("3/4/2021 0:00").as_deref(), Some("2021-03-04"));
        assert_eq!(from_us("12/31/1999"), Some("1999-12-31".into()));
        assert_eq!(from_us("31/12/1999"), None);
        assert_eq!(from_us(""), None);
    }
}
