//! The file system, handled so that no input can hang a build and no output can
//! destroy a user's file: bounded reads of regular files only, output paths that are
//! checked before anything is replaced, and temporary files that never outlive the
//! process.

pub mod cleanup;
pub mod output;
pub mod read;

pub use output::{Input, OutputError, check_output, write_atomically};
pub use read::{ReadError, human_size, read_limited};
