//! Bounded reads: every input file is opened once, must be a regular file, and is read
//! up to a size limit, so that a path to `/dev/zero`, a FIFO or a 2.5 GB file gives a
//! clear error at once instead of reading without end.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Why an input file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Nothing exists at the path.
    #[error("not found")]
    NotFound,
    /// The path names something other than a regular file.
    #[error("it is {0}, not a file")]
    NotAFile(&'static str),
    /// The file is larger than the limit for its kind.
    #[error("it is too large ({}; at most {} can be used)", over(*size, *limit), human_size(*limit))]
    TooLarge {
        /// Size in bytes (at least; a growing file may be larger).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Any other failure (permissions, an I/O fault), as the system words it.
    #[error("{0}")]
    Io(String),
}

/// Reads the whole regular file at `path`, refusing anything larger than `limit` bytes.
///
/// The path is looked at before it is opened, so special files (devices, FIFOs,
/// sockets) are refused without opening them: opening a FIFO would wait for a writer.
/// The open file is checked again, so a file swapped in between is caught too, and
/// the read itself stops one byte past the limit.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(from_io)?;
    check_regular(&meta, limit)?;
    let file = File::open(path).map_err(from_io)?;
    let meta = file.metadata().map_err(from_io)?;
    check_regular(&meta, limit)?;
    // The length is a hint for the buffer only: the file may change while being read.
    let hint = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint.min(usize::try_from(limit).unwrap_or(0)));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(from_io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// Refuses what is not a regular file of at most `limit` bytes.
fn check_regular(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(())
}

/// What a non-regular file is, for messages: "a folder", "a device", …
pub fn kind_of(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

fn from_io(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e.to_string()),
    }
}

/// A size above `limit` for people, in bytes when rounding would make it look equal to
/// the limit (10 000 001 bytes is not "10 MB").
fn over(size: u64, limit: u64) -> String {
    let shown = human_size(size);
    if shown == human_size(limit) {
        format!("{size} bytes")
    } else {
        shown
    }
}

/// A byte count for people: `312 bytes`, `4.2 MB`, `2.5 GB` (powers of 1000).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    for (scale, unit) in UNITS {
        if bytes >= scale {
            let value = bytes as f64 / scale as f64;
            return if value >= 100.0 || value.fract() < 0.05 {
                format!("{value:.0} {unit}")
            } else {
                format!("{value:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_for_people() {
        assert_eq!(human_size(312), "312 bytes");
        assert_eq!(human_size(10_000_000), "10 MB");
        assert_eq!(human_size(4_200_000), "4.2 MB");
        assert_eq!(human_size(2_500_000_000), "2.5 GB");
        assert_eq!(over(10_000_001, 10_000_000), "10000001 bytes");
        assert_eq!(over(2_500_000_000, 10_000_000), "2.5 GB");
    }

    #[test]
    fn refuses_devices_folders_and_large_files() {
        assert_eq!(
            read_limited(Path::new("/no/such/file"), 10),
            Err(ReadError::NotFound)
        );
        assert_eq!(
            read_limited(Path::new("/"), 10),
            Err(ReadError::NotAFile("a folder"))
        );
        #[cfg(unix)]
        assert_eq!(
            read_limited(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a device"))
        );
        let dir = std::env::temp_dir().join(format!("brochure-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("eleven");
        std::fs::write(&f, b"hello world").unwrap();
        assert_eq!(read_limited(&f, 11).unwrap(), b"hello world");
        assert!(matches!(
            read_limited(&f, 10),
            Err(ReadError::TooLarge {
                size: 11,
                limit: 10
            })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
