//! How an analysis runs: where its progress and its messages go, and on how many threads. The
//! command line prints messages on stderr and draws progress bars; a notebook may turn messages
//! into warnings; tests usually take [`Run::default`] (no progress, messages kept in memory).

use crate::error::{Error, Result};
use crate::progress::{Event, Progress};
use std::cell::Cell;
use std::sync::{Arc, Mutex};

/// A line for the user beside the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// What was counted, how something was computed.
    Note(String),
    /// Something the user should check: a name that selects nothing, a stop before the end.
    Warning(String),
}

/// Where messages go: a callback, or (by default) a list kept until read with
/// [`Messages::taken`].
#[derive(Clone)]
pub struct Messages(Sink);

#[derive(Clone)]
enum Sink {
    Kept(Arc<Mutex<Vec<Message>>>),
    Callback(Arc<dyn Fn(Message) + Send + Sync>),
}

impl Default for Messages {
    fn default() -> Messages {
        Messages(Sink::Kept(Arc::default()))
    }
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Sink::Kept(k) => write!(f, "Messages(kept: {})", k.lock().map_or(0, |k| k.len())),
            Sink::Callback(_) => f.write_str("Messages(callback)"),
        }
    }
}

impl Messages {
    /// Messages handed to `callback` as they come (from any thread).
    pub fn new(callback: impl Fn(Message) + Send + Sync + 'static) -> Messages {
        Messages(Sink::Callback(Arc::new(callback)))
    }

    /// Sends one message.
    pub fn send(&self, m: Message) {
        match &self.0 {
            Sink::Kept(k) => {
                if let Ok(mut k) = k.lock() {
                    k.push(m);
                }
            }
            Sink::Callback(f) => f(m),
        }
    }

    /// The messages kept so far, in order, emptying the list (none with a callback).
    pub fn taken(&self) -> Vec<Message> {
        match &self.0 {
            Sink::Kept(k) => k
                .lock()
                .map(|mut k| std::mem::take(&mut *k))
                .unwrap_or_default(),
            Sink::Callback(_) => Vec::new(),
        }
    }
}

/// The run of an analysis: progress, messages, threads.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Where progress goes ([`Progress::none`] by default).
    pub progress: Progress,
    /// Where notes and warnings go.
    pub messages: Messages,
    /// Worker threads of the parallel kernels; `None`: every core.
    pub threads: Option<usize>,
}

impl Run {
    /// Sends a note.
    pub fn note(&self, text: impl Into<String>) {
        self.messages.send(Message::Note(text.into()));
    }

    /// Sends a warning.
    pub fn warn(&self, text: impl Into<String>) {
        self.messages.send(Message::Warning(text.into()));
    }

    /// Starts a phase of work: `what`, counted in `total` units, about `work` elementary steps
    /// (the command line draws a bar only past a couple of seconds). The returned progress moves
    /// it; dropping the [`Phase`] ends it.
    pub fn phase(&self, what: &str, total: u64, work: f64) -> Phase {
        self.progress.send(Event::Start {
            what: what.to_string(),
            total,
            work,
        });
        Phase(self.progress.clone())
    }

    /// Runs `f` on a thread pool of [`Run::threads`] workers (on the current one inside
    /// [`inline`]).
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> Result<T> {
        if INLINE.with(Cell::get) {
            return Ok(f());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads.unwrap_or(0))
            .build()
            .map_err(|e| Error::input(format!("cannot start the worker threads: {e}")))?;
        Ok(pool.install(f))
    }
}

thread_local! {
    static INLINE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every [`Run::install`] inside it running on the current thread pool instead of
/// a pool of its own: for analyses that run as tasks of a pool already (the draws of
/// `--resample`), where a pool per task would wait on its task while stealing others, without
/// bound.
pub fn inline<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            INLINE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(INLINE.with(|c| c.replace(true)));
    f()
}

/// A phase of work in progress; it ends when dropped.
pub struct Phase(Progress);

impl Phase {
    /// The progress kernels report this phase's work to.
    pub fn progress(&self) -> Progress {
        self.0.clone()
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        self.0.send(Event::Finish);
    }
}
