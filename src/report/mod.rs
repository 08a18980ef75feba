//! reporters
