//! Human-facing front matter fields.
