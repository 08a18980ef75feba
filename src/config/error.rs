//! Configuration errors as miette diagnostics that point at the exact spot in the config (or a
//! user pack), with "did you mean" help for typos.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

use crate::rules::PackError;

/// A config or user pack that cannot be used. The run stops with exit code 2: linting with
/// half a configuration would report findings the team has switched off, or hide ones it wants.
/// Boxed, as it travels in every `Result` of config loading and is rare.
#[derive(Debug, Diagnostic)]
#[diagnostic(transparent)]
pub struct ConfigError(Box<Details>);

#[derive(Debug, Diagnostic)]
#[diagnostic(code(healthlint::config))]
struct Details {
    message: String,
    #[source_code]
    source: Option<NamedSource<String>>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ConfigError {}

impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Details {}

impl From<Details> for ConfigError {
    fn from(details: Details) -> ConfigError {
        ConfigError(Box::new(details))
    }
}

impl ConfigError {
    /// An error at `span` in the file `path` whose text is `text`.
    pub fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        Details {
            message: message.into(),
            source: Some(NamedSource::new(display(path), text.to_string())),
            span: Some(span.into()),
            label: "here".into(),
            help,
        }
        .into()
    }

    /// A file that could not be read at all.
    pub fn unreadable(path: &Path, error: &std::io::Error) -> ConfigError {
        Details {
            message: format!("could not read {}: {error}", display(path)),
            source: None,
            span: None,
            label: String::new(),
            help: None,
        }
        .into()
    }

    /// A mistake on the command line (an unknown rule or pack in a flag), with "did you mean".
    pub fn usage(message: impl Into<String>, help: Option<String>) -> ConfigError {
        Details {
            message: message.into(),
            source: None,
            span: None,
            label: String::new(),
            help,
        }
        .into()
    }

    /// A TOML syntax or schema error, with "did you mean" for a misspelt key or value.
    pub fn toml(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end().to_string();
        let help = misspelling(&message).map(|s| format!("did you mean `{s}`?"));
        match error.span() {
            Some(span) => ConfigError::at(path, text, span, message, help),
            None => Details {
                message: format!("{}: {message}", display(path)),
                source: None,
                span: None,
                label: String::new(),
                help,
            }
            .into(),
        }
    }

    /// A user pack that does not parse or compile. Compile errors carry no span, so the error
    /// then names the pack file and the rule.
    pub fn pack(path: &Path, text: &str, error: &PackError) -> ConfigError {
        match &error.span {
            Some(span) => {
                let help = misspelling(&error.message).map(|s| format!("did you mean `{s}`?"));
                ConfigError::at(path, text, span.clone(), error.message.clone(), help)
            }
            None => Details {
                message: format!(
                    "{}: rule `{}`: {}",
                    display(path),
                    error.source_name,
                    error.message
                ),
                source: None,
                span: None,
                label: String::new(),
                help: None,
            }
            .into(),
        }
    }

    /// The error drawn for a terminal or a log, with colour or without.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        // Rendering into a String cannot fail; a failure would only lose decoration.
        let _ = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .render_report(&mut out, self);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

pub use crate::suggest::closest;

/// For serde's "unknown field `x`, expected one of `a`, `b`" (and "unknown variant …"), the
/// expected name closest to `x`. serde reports these only as text, so the text is read back; a
/// message in any other shape simply gets no suggestion.
fn misspelling(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, expected) = rest.split_once('`')?;
    let names = expected.split('`').skip(1).step_by(2);
    closest(word, names)
}

/// The path as the user would type it: relative to the working directory when under it.
fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_expected_name_closest_to_a_typo() {
        assert_eq!(
            misspelling("unknown field `ignroe`, expected one of `select`, `ignore`, `packs`"),
            Some("ignore")
        );
        assert_eq!(
            misspelling("unknown variant `eror`, expected one of `info`, `warning`, `error`"),
            Some("error")
        );
        assert_eq!(misspelling("invalid type: integer"), None);
        assert_eq!(closest("qqqq", ["ignore", "select"]), None);
    }
}
