//! Content files: YAML in, a validated [`model::Content`] out, or every problem at once.

pub mod model;
