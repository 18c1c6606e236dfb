//! Prepared photos shared between builds in one process: the layouts of one run, or
//! the thousands of documents of a mail merge, decode each photo once per size.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use super::{ImageError, Placement, PreparedImage};

/// Identifies a file's contents cheaply: a changed file gets a new key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FileKey {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

impl FileKey {
    fn of(path: &Path) -> Option<FileKey> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileKey {
            path: path.to_path_buf(),
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// A file and the placement it was prepared for (sizes as raw float bits).
type PreparedKey = (FileKey, Option<[u32; 3]>);

/// Most prepared images kept; past this the cache starts afresh (a merge run reuses a
/// handful of photos, so this is never reached in practice).
const MAX_ENTRIES: usize = 256;

/// A cache of probed sizes and prepared images, safe to share between threads.
#[derive(Debug, Default)]
pub struct PhotoCache {
    dims: Mutex<HashMap<FileKey, (u32, u32)>>,
    prepared: Mutex<HashMap<PreparedKey, Arc<PreparedImage>>>,
    /// Files whose picture data decoded without error once already.
    validated: Mutex<HashSet<FileKey>>,
}

impl PhotoCache {
    /// The process-wide cache.
    pub fn global() -> &'static PhotoCache {
        static CACHE: OnceLock<PhotoCache> = OnceLock::new();
        CACHE.get_or_init(PhotoCache::default)
    }

    /// Forgets everything (for measuring cold builds, or after photos changed on disk
    /// within the same second).
    pub fn clear(&self) {
        lock(&self.dims).clear();
        lock(&self.prepared).clear();
        lock(&self.validated).clear();
    }

    /// Display size of a photo, as [`super::probe`].
    pub fn probe(&self, path: &Path) -> Result<(u32, u32), ImageError> {
        let Some(key) = FileKey::of(path) else {
            return super::probe(path);
        };
        if let Some(d) = lock(&self.dims).get(&key) {
            return Ok(*d);
        }
        let d = super::probe(path)?;
        lock(&self.dims).insert(key, d);
        Ok(d)
    }

    /// A prepared photo, as [`super::prepare`].
    pub fn prepare(
        &self,
        path: &Path,
        placement: Option<Placement>,
    ) -> Result<Arc<PreparedImage>, ImageError> {
        let Some(file) = FileKey::of(path) else {
            return super::prepare(path, placement).map(Arc::new);
        };
        let key = (
            file,
            placement.map(|p| {
                [
                    p.width_pt.to_bits(),
                    p.height_pt.to_bits(),
                    p.max_ppi.to_bits(),
                ]
            }),
        );
        if let Some(img) = lock(&self.prepared).get(&key) {
            return Ok(img.clone());
        }
        // Decoding happens outside the lock so other threads keep going.
        let validated = lock(&self.validated).contains(&key.0);
        let img = Arc::new(super::prepare_checked(path, placement, validated)?);
        lock(&self.validated).insert(key.0.clone());
        let mut map = lock(&self.prepared);
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(key, img.clone());
        Ok(img)
    }
}

/// Locks a map; a panic elsewhere while holding it leaves a usable map behind.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_photo_and_size_is_prepared_once() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/photos/paint-brushes.jpg"
        ));
        let cache = PhotoCache::default();
        let p = Some(Placement {
            width_pt: 200.0,
            height_pt: 150.0,
            max_ppi: 300.0,
        });
        let a = cache.prepare(path, p).unwrap();
        let b = cache.prepare(path, p).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.prepare(path, None).unwrap();
        assert!(!Arc::ptr_eq(&a, &c) || a.width == c.width);
        assert_eq!(cache.probe(path).unwrap(), (1365, 1074));
        assert!(cache.prepare(Path::new("/no/such/photo.jpg"), p).is_err());
    }
}
