//! The largest file healthlint lints (`max-file-size` in config, `--max-file-size`), as users
//! write it: a whole number of bytes, or a number with a unit, `"512KB"`, `"1.5 MB"`, `"2GiB"`.
//! A unit is `B`, `KB`, `MB` or `GB`, in any case, with or without the `i`; all are powers of
//! 1,024, as the limit has always been shown.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A size limit in bytes, at least one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// Files above this size are skipped unless the user raises it: they are generated data,
    /// not articles, and linting them would stall an editor or a pre-commit hook.
    pub const DEFAULT: ByteSize = ByteSize(10 * MB);

    pub fn bytes(self) -> u64 {
        self.0
    }
}

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;
const GB: u64 = 1024 * MB;

/// What a valid size looks like, for every error about one.
pub const EXPECTED: &str =
    "a whole number of bytes or a size such as \"512KB\", \"10MB\" or \"1.5GB\" (units of 1,024)";

impl FromStr for ByteSize {
    type Err = String;

    fn from_str(text: &str) -> Result<ByteSize, String> {
        let invalid = || format!("`{text}` is not {EXPECTED}");
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(trimmed.len());
        let (number, unit) = trimmed.split_at(split);
        let scale = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" | "kib" => KB,
            "m" | "mb" | "mib" => MB,
            "g" | "gb" | "gib" => GB,
            _ => return Err(invalid()),
        };
        let bytes = if number.contains('.') {
            let value: f64 = number.parse().map_err(|_| invalid())?;
            let bytes = (value * scale as f64).round();
            if !(bytes.is_finite() && bytes < u64::MAX as f64) {
                return Err(invalid());
            }
            bytes as u64
        } else {
            let value: u64 = number.parse().map_err(|_| invalid())?;
            value.checked_mul(scale).ok_or_else(invalid)?
        };
        ByteSize::new(bytes)
            .ok_or_else(|| format!("`{text}` is no bytes: the limit must be at least 1 byte"))
    }
}

impl ByteSize {
    /// A limit of `bytes`; `None` for zero, which would skip every file.
    pub fn new(bytes: u64) -> Option<ByteSize> {
        (bytes > 0).then_some(ByteSize(bytes))
    }
}

/// In the largest unit that shows it exactly: `10 MB`, `1536 KB`, `1000 bytes`.
impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        match [(GB, "GB"), (MB, "MB"), (KB, "KB")]
            .into_iter()
            .find(|(unit, _)| n.is_multiple_of(*unit))
        {
            Some((unit, name)) => write!(f, "{} {name}", n / unit),
            None => write!(f, "{n} bytes"),
        }
    }
}

/// A file's size for a message, to one decimal in a unit that makes it readable.
pub fn approximate(bytes: u64) -> String {
    match [(GB, "GB"), (MB, "MB"), (KB, "KB")]
        .into_iter()
        .find(|(unit, _)| bytes >= *unit)
    {
        Some((unit, name)) => format!("{:.1} {name}", bytes as f64 / unit as f64),
        None => format!("{bytes} bytes"),
    }
}

/// `max-file-size = 1048576` or `max-file-size = "1MB"`; anything else is an error that
/// names the key and says what is expected.
impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ByteSize, D::Error> {
        struct Size;
        impl Visitor<'_> for Size {
            type Value = ByteSize;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "`max-file-size` as {EXPECTED}")
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ByteSize, E> {
                u64::try_from(n)
                    .ok()
                    .and_then(ByteSize::new)
                    .ok_or_else(|| {
                        E::custom(format!("`max-file-size` must be at least 1 byte, not {n}"))
                    })
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ByteSize, E> {
                self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
            }

            fn visit_f64<E: de::Error>(self, n: f64) -> Result<ByteSize, E> {
                Err(E::custom(format!(
                    "`max-file-size` is a whole number of bytes, not {n}; write a fraction \
                     with a unit, such as \"1.5MB\""
                )))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<ByteSize, E> {
                text.parse()
                    .map_err(|e| E::custom(format!("`max-file-size`: {e}")))
            }
        }
        deserializer.deserialize_any(Size)
    }
}

impl schemars::JsonSchema for ByteSize {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ByteSize".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number of bytes, or a number with a unit: B, KB, MB or GB (any case, `KiB` etc. too; all powers of 1,024).",
            "oneOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*([bB]|[kKmMgG][iI]?[bB]?)?\\s*$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_and_without_units() {
        let parse = |s: &str| s.parse::<ByteSize>().map(ByteSize::bytes);
        assert_eq!(parse("1000"), Ok(1000));
        assert_eq!(parse("512KB"), Ok(512 * 1024));
        assert_eq!(parse("512 kib"), Ok(512 * 1024));
        assert_eq!(parse("10MB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse("1.5M"), Ok(1536 * 1024));
        assert_eq!(parse("2GiB"), Ok(2 * 1024 * 1024 * 1024));
        assert_eq!(parse(" 7 b "), Ok(7));
        for bad in [
            "",
            "MB",
            "10XB",
            "-1",
            "1e3",
            "0",
            "0KB",
            "1.2.3MB",
            "99999999999999999999GB",
        ] {
            assert!(parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn shown_exactly_or_approximately() {
        assert_eq!(ByteSize::DEFAULT.to_string(), "10 MB");
        assert_eq!(ByteSize(1536 * 1024).to_string(), "1536 KB");
        assert_eq!(ByteSize(1000).to_string(), "1000 bytes");
        assert_eq!(approximate(1000), "1000 bytes");
        assert_eq!(approximate(1536), "1.5 KB");
        assert_eq!(approximate(12 * MB + MB / 2), "12.5 MB");
    }

    #[test]
    fn a_displayed_limit_reads_back() {
        for n in [1, 1000, 1024, 1536 * 1024, 10 * MB, 3 * GB] {
            let shown = ByteSize(n).to_string().replace(" bytes", "");
            assert_eq!(shown.parse(), Ok(ByteSize(n)));
        }
    }
}
