//! The errors of the store.

use std::path::PathBuf;

/// What went wrong with a state directory.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The directory could not be created.
    #[error("{}: cannot create the state directory: {source}", path.display())]
    Dir {
        /// The directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Another run holds the database (redb allows one process at a time).
    #[error("{}: the state is in use by another run", path.display())]
    InUse {
        /// The database file.
        path: PathBuf,
    },
    /// The database could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Database {
        /// The database file.
        path: PathBuf,
        /// redb's error.
        #[source]
        source: Box<redb::Error>,
    },
    /// `--resume` found nothing to resume.
    #[error("{}: no saved state to resume (run once with this --state-dir first)", path.display())]
    NothingSaved {
        /// The database file.
        path: PathBuf,
    },
    /// The saved states do not fit the graph being run.
    #[error("{}: {message}", path.display())]
    Mismatch {
        /// The database file.
        path: PathBuf,
        /// What does not fit, naming the process.
        message: String,
    },
    /// A saved record cannot be read.
    #[error("a saved state: {0}")]
    Record(String),
}
