//! Temporary files that must not outlive the process: a build writes its PDF to a
//! temporary file first, and an interrupt (Ctrl-C, `kill`) or a crash while it does
//! must remove that file instead of leaving megabytes behind.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files written but not yet renamed into place.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Notes a temporary file so that an interrupt removes it.
pub(crate) fn register(path: &Path) {
    lock().push(path.to_path_buf());
}

/// Forgets a temporary file that has been renamed into place or removed.
pub(crate) fn unregister(path: &Path) {
    lock().retain(|p| p != path);
}

/// Removes every temporary file still pending. Safe to call from a signal-handling
/// thread or a panic hook, and more than once.
pub fn remove_pending() {
    for path in lock().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Starts a thread that, on SIGINT, SIGTERM or SIGHUP, removes pending temporary files
/// and ends the process with the shell's usual status (128 + the signal number).
///
/// # Errors
///
/// When the signal handlers cannot be installed.
#[cfg(unix)]
pub fn remove_pending_on_interrupt() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("interrupt".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_pending();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// On other systems the default handlers stay; temporary files may be left behind.
#[cfg(not(unix))]
pub fn remove_pending_on_interrupt() -> std::io::Result<()> {
    Ok(())
}

/// The list, usable even if a thread panicked while holding it.
fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}
