//! Layout: blocks in, pages of positioned [`frame::Item`]s out.

pub mod frame;
