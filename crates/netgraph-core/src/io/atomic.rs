//! Atomic output: a result is written to a temporary file (or folder) in the destination's folder and
//! renamed over the destination only once complete, so a failed run never leaves a half-written file.
//!
//! A destination that is a symbolic link is written through (the file it points to is replaced, the
//! link stays); a link to nothing and a read-only file are refused. Temporary files and folders are
//! registered while they exist (`crate::cleanup`), so that Ctrl-C deletes them.

use crate::cleanup::Registered;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file an output path names: a symbolic link is followed to its target, so that the link is
/// written through rather than replaced; a link to nothing is an error. A read-only regular file is
/// refused rather than silently replaced.
pub fn destination(path: &Path) -> std::io::Result<PathBuf> {
    use std::io::{Error, ErrorKind};
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|_| {
            Error::new(
                ErrorKind::NotFound,
                "it is a symbolic link to a file that does not exist (not replaced)",
            )
        })?,
        _ => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&resolved)
        && meta.is_file()
        && meta.permissions().readonly()
    {
        return Err(Error::new(
            ErrorKind::PermissionDenied,
            "the file is read-only (not replaced)",
        ));
    }
    Ok(resolved)
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
///
/// A destination that exists but is not a regular file (`/dev/null`, a named pipe, a terminal) is
/// written to directly: renaming over it would replace the device or pipe with a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write` (buffered) as it is produced, so a
/// large result need not be held in memory first. Nothing replaces `path` if `write` fails.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = &destination(path)?;
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.file_type().is_file()
        && !meta.is_dir()
    {
        let target = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut out = std::io::BufWriter::new(target);
        write(&mut out)?;
        return out.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Created and registered with interrupts held back, so that no interrupt finds it unregistered.
    let (mut tmp, _registered) = crate::cleanup::critical(|| {
        let tmp = tempfile::Builder::new()
            .prefix(".netgraph-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let registered = Registered::new(tmp.path());
        std::io::Result::Ok((tmp, registered))
    })?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    #[cfg(unix)]
    {
        // A temporary file is private (0600); the result gets the replaced file's permissions, or
        // the usual 0644 for a new file.
        use std::os::unix::fs::PermissionsExt;
        let permissions = match std::fs::metadata(path) {
            Ok(m) => m.permissions(),
            Err(_) => std::fs::Permissions::from_mode(0o644),
        };
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a folder of files atomically: they are written into a temporary folder beside `path`,
/// which is then renamed to `path`. Files named in `executable` get mode 0755, the others 0644.
///
/// An existing empty folder is replaced. An existing folder with files is an error unless `replace`
/// is set; then it is moved aside, the new folder renamed into place, and the old one deleted — at
/// every moment `path` is the old folder, the complete new one, or (between the two renames) absent,
/// never a half-written folder. A `path` that exists and is not a folder is an error.
pub fn write_dir_atomic(
    path: &Path,
    files: &[(&str, &[u8])],
    executable: &[&str],
    replace: bool,
) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if !meta.is_dir() {
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                "it exists and is not a folder",
            ));
        }
        if !replace && std::fs::read_dir(path)?.next().is_some() {
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                "the folder exists and is not empty (--force replaces it)",
            ));
        }
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (tmp, _registered) = registered_dir(parent, ".netgraph-")?;
    for (name, bytes) in files {
        let file_path = tmp.path().join(name);
        let mut file = std::fs::File::create(&file_path)?;
        file.write_all(bytes)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = if executable.contains(name) {
                0o755
            } else {
                0o644
            };
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    let empty = existing.is_none() || std::fs::read_dir(path)?.next().is_none();
    if empty {
        // rename(2) replaces an empty folder.
        std::fs::rename(tmp.path(), path)?;
        let _ = tmp.keep();
        return Ok(());
    }
    // Registered from the start: an interrupt before the renames deletes it (it is empty then).
    let (old, _old_registered) = registered_dir(parent, ".netgraph-old-")?;
    // An interrupt waits for the two renames: it never finds the old folder moved aside and the new
    // one not yet in place.
    crate::cleanup::critical(|| {
        std::fs::rename(path, old.path())?;
        if let Err(e) = std::fs::rename(tmp.path(), path) {
            // Put the old folder back; `old` must not delete it then.
            let back = std::fs::rename(old.path(), path);
            if back.is_ok() {
                let _ = old.keep();
            }
            return Err(e);
        }
        let _ = tmp.keep();
        // From here the old folder is a registered temporary holding the old bundle: an interrupt
        // deletes it.
        old.close()
    })
}

/// A temporary folder in `parent`, created and registered for deletion on an interrupt with
/// interrupts held back, so that no interrupt can find it created but not yet registered.
fn registered_dir(parent: &Path, prefix: &str) -> std::io::Result<(tempfile::TempDir, Registered)> {
    crate::cleanup::critical(|| {
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(".tmp")
            .tempdir_in(parent)?;
        let registered = Registered::new(dir.path());
        Ok((dir, registered))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        write_atomic(&out, b"new content").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new content");
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(entries, 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_writer_that_fails_halfway_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        let err = write_atomic_with(&out, |w| {
            w.write_all(b"half of a new")?;
            Err(std::io::Error::other("disk on fire"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic_with(&out, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
    }

    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new.svg");
        write_atomic(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&out, b"y").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        write_atomic(null, b"discarded").unwrap();
        assert!(
            std::fs::metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn folders_are_written_whole_and_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.neo4j");
        let files: &[(&str, &[u8])] = &[("a.csv", b"x"), ("run.sh", b"y")];
        write_dir_atomic(&out, files, &["run.sh"], false).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"x");
        let again: &[(&str, &[u8])] = &[("a.csv", b"new")];
        let e = write_dir_atomic(&out, again, &[], false).unwrap_err();
        assert!(e.to_string().contains("not empty"), "{e}");
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"x", "untouched");
        write_dir_atomic(&out, again, &[], true).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"new");
        assert!(
            !out.join("run.sh").exists(),
            "the old folder is gone, not merged"
        );
        // Nothing but the result is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.neo4j")]);
        // An empty folder is filled; a file in the way is an error.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_dir_atomic(&empty, files, &[], false).unwrap();
        assert!(empty.join("run.sh").exists());
        let file = dir.path().join("file");
        std::fs::write(&file, "f").unwrap();
        assert!(write_dir_atomic(&file, files, &[], true).is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"f");
    }

    #[cfg(unix)]
    #[test]
    fn folder_modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b");
        write_dir_atomic(&out, &[("a", b"1"), ("s", b"2")], &["s"], false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            (mode(&out), mode(&out.join("a")), mode(&out.join("s"))),
            (0o755, 0o644, 0o755)
        );
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no/such/dir/out.json");
        assert!(write_atomic(&out, b"x").is_err());
    }
}
