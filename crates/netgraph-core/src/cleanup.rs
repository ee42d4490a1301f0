//! Nothing left behind: the temporary files and folders of atomic output, and child processes
//! (Graphviz), are registered while they exist; on Ctrl-C (or SIGTERM) the handler the command line installs calls
//! [`on_interrupt`], which deletes the temporaries and ends the children; it then exits with 130.
//!
//! A `kill -9` cannot be caught: its temporaries (`.netgraph-*.tmp` beside the target) stay, but
//! the target itself is never half-written, and children started by [`crate::render`] are asked by
//! the kernel to end with their parent (Linux).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files and folders that exist now.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Child processes running now (process ids).
static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());
/// Held while renames that must not be interrupted halfway run.
static CRITICAL: Mutex<()> = Mutex::new(());
/// Set when an interrupt has begun cleaning up.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A registered temporary path, unregistered when dropped (once renamed into place, or deleted).
pub struct Registered(PathBuf);

impl Registered {
    /// Registers `path` as a temporary to delete on an interrupt.
    pub fn new(path: &Path) -> Self {
        if let Ok(mut t) = TEMPORARIES.lock() {
            t.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut t) = TEMPORARIES.lock() {
            t.retain(|p| p != &self.0);
        }
    }
}

/// A registered child process, unregistered when dropped (after it has been waited for).
pub struct Child(u32);

impl Child {
    /// Registers the process `id` to end on an interrupt.
    pub fn new(id: u32) -> Self {
        if let Ok(mut c) = CHILDREN.lock() {
            c.push(id);
        }
        Child(id)
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        if let Ok(mut c) = CHILDREN.lock() {
            c.retain(|&p| p != self.0);
        }
    }
}

/// Runs `f` with interrupts held back until it returns.
pub fn critical<T>(f: impl FnOnce() -> T) -> T {
    let _guard = CRITICAL.lock();
    f()
}

/// Deletes the registered temporaries and ends the registered children.
pub fn clean_up() {
    let paths = TEMPORARIES
        .lock()
        .map(|mut t| std::mem::take(&mut *t))
        .unwrap_or_default();
    for p in paths {
        remove(&p);
    }
    let children = CHILDREN
        .lock()
        .map(|mut c| std::mem::take(&mut *c))
        .unwrap_or_default();
    #[cfg(unix)]
    for id in children {
        if let Ok(pid) = libc::pid_t::try_from(id) {
            // SAFETY: kill(2) with a process id this process started and has not yet reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = children;
}

/// Deletes a temporary file or folder. The command's own thread may still be writing files into a
/// temporary folder while this runs: the folder is first renamed aside, so that no new file can
/// appear in it (the writer's next file fails instead), and then deleted.
fn remove(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let mut aside = path.as_os_str().to_owned();
            aside.push(format!(".{}.deleting", std::process::id()));
            let aside = PathBuf::from(aside);
            let target = if std::fs::rename(path, &aside).is_ok() {
                aside
            } else {
                path.to_path_buf()
            };
            let _ = std::fs::remove_dir_all(&target);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// What an interrupt handler (Ctrl-C, SIGTERM) does before the process exits: waits for a critical
/// section to end, then deletes the temporaries and ends the children. The command line installs
/// the handler; a library caller that handles signals itself calls this from its own.
pub fn on_interrupt() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let _guard = CRITICAL.lock();
    clean_up();
}

/// For a caller whose interrupt handler ends the process after [`on_interrupt`] (the command
/// line): called before the process ends on its own, it waits for that handler instead when an
/// interrupt has begun. Without it the command's thread could end the process while the handler is
/// still deleting temporaries (the command fails at once when its temporary folder is taken away),
/// leaving half of them behind and the wrong exit code.
pub fn settle() {
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
}
