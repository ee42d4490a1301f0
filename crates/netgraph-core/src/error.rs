//! The one error type of the core. Every public analysis returns [`Result`]; front ends map
//! [`Error::Usage`] to "you asked wrongly" (the command line's exit code 2) and every other kind to
//! "fix the input" (exit code 1).

use crate::io::LoadError;
use crate::view::{FilterError, ViewError};

/// Why an analysis gave no answer. The message is one line, meant for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The analysis was asked for wrongly: a name the network does not know (with the closest
    /// known names), a malformed option, options that do not go together.
    #[error("{0}")]
    Usage(String),
    /// The input cannot be analysed as asked: a file that does not load, a field that is not a
    /// number, a measure that does not converge.
    #[error("{0}")]
    Input(String),
    /// Reading or writing failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being read or written.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A usage error with this message.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    /// An input error with this message.
    pub fn input(message: impl Into<String>) -> Error {
        Error::Input(message.into())
    }

    /// Whether the analysis was asked for wrongly (the command line's exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage(_))
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        Error::Input(e.to_string())
    }
}

impl From<ViewError> for Error {
    fn from(e: ViewError) -> Error {
        Error::Input(e.to_string())
    }
}

impl From<FilterError> for Error {
    fn from(e: FilterError) -> Error {
        match e {
            FilterError::Usage(why) => Error::Usage(why),
            FilterError::File(why) => Error::Input(why),
        }
    }
}

impl From<crate::algo::spectral::IterationError> for Error {
    fn from(e: crate::algo::spectral::IterationError) -> Error {
        Error::Input(e.to_string())
    }
}

impl From<crate::render::PathError> for Error {
    fn from(e: crate::render::PathError) -> Error {
        Error::Input(e.to_string())
    }
}
