//! Output files replaced atomically: written to a temporary file beside
//! the target, renamed over it only when the writing process finishes.
//!
//! The temporary file is created in the target's folder (a rename is atomic
//! only within one file system), named `.<file name>.<random>.tmp`. On
//! [`AtomicFile::commit`] its data is flushed and synced to disk, it is
//! renamed over the target (POSIX `rename(2)`: readers see the old file or
//! the new one, never a mix), and the folder is synced so the rename itself
//! survives a crash. Dropping an `AtomicFile` without committing deletes the
//! temporary file and leaves the target as it was. Only a process killed
//! outright (`kill -9`, a power cut) can leave a `.*.tmp` file behind; the
//! target is untouched then too.
//!
//! A target that exists and is not a regular file (`/dev/stdout`,
//! `/dev/null`, a named pipe) cannot be replaced by a rename and is not meant
//! to be: it is opened and written in place. A symbolic link is followed, and
//! the file it points to is replaced.

use std::fs::{File, OpenOptions, Permissions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::ComponentError;

/// A file being written: atomically through a temporary file, or in place
/// for a target that is not a regular file.
#[derive(Debug)]
pub(crate) struct AtomicFile {
    /// The path the user named, for messages.
    path: PathBuf,
    output: Output,
}

#[derive(Debug)]
enum Output {
    /// A temporary file beside `target`, the resolved path to replace.
    Temp { target: PathBuf, writer: BufWriter<NamedTempFile> },
    /// Written in place (a device, a pipe).
    InPlace(BufWriter<File>),
}

impl AtomicFile {
    /// Starts writing `path`: creates the temporary file beside it, with the
    /// permissions of the file it will replace (or `0o666` less the umask
    /// for a new file, as `File::create` would give).
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming `path` when its folder does not exist or
    /// cannot be written, or when a special file cannot be opened.
    pub(crate) fn create(path: PathBuf) -> Result<Self, ComponentError> {
        let io = |source| ComponentError::Io { path: path.clone(), action: "cannot create", source };
        let target = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(&path).map_err(io)?,
            _ => path.clone(),
        };
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = OpenOptions::new().write(true).truncate(true).open(&target).map_err(io)?;
            return Ok(Self { path, output: Output::InPlace(BufWriter::new(file)) });
        }
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        if let Some(perm) = new_file_permissions() {
            builder.permissions(perm);
        }
        let temp = builder.tempfile_in(&folder).map_err(io)?;
        if let Some(m) = existing {
            // The replacement keeps the old file's mode.
            temp.as_file().set_permissions(m.permissions()).map_err(io)?;
        }
        Ok(Self { path, output: Output::Temp { target, writer: BufWriter::new(temp) } })
    }

    /// Writes `bytes`.
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming the file.
    pub(crate) fn write_all(&mut self, bytes: &[u8]) -> Result<(), ComponentError> {
        let r = match &mut self.output {
            Output::Temp { writer, .. } => writer.write_all(bytes),
            Output::InPlace(writer) => writer.write_all(bytes),
        };
        r.map_err(|source| self.error("cannot write", source))
    }

    /// Finishes the file: flushes and syncs it, renames it over the target
    /// and syncs the folder. For a file written in place, flushes it.
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming the file; the temporary file is
    /// deleted and the target is left as it was.
    pub(crate) fn commit(self) -> Result<(), ComponentError> {
        let Self { path, output } = self;
        let io = |action, source| ComponentError::Io { path: path.clone(), action, source };
        match output {
            Output::InPlace(mut writer) => writer.flush().map_err(|e| io("cannot write", e)),
            Output::Temp { target, writer } => {
                let temp = writer.into_inner().map_err(|e| io("cannot write", e.into_error()))?;
                temp.as_file().sync_all().map_err(|e| io("cannot sync", e))?;
                temp.persist(&target).map_err(|e| io("cannot replace", e.error))?;
                sync_folder(&target);
                Ok(())
            }
        }
    }

    fn error(&self, action: &'static str, source: std::io::Error) -> ComponentError {
        ComponentError::Io { path: self.path.clone(), action, source }
    }
}

/// The mode a new file gets from `File::create`: `0o666`, less the umask
/// (the OS applies it at creation). `None` off Unix, where the default is right.
fn new_file_permissions() -> Option<Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        Some(Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Makes a rename in `target`'s folder durable (Unix; a no-op elsewhere).
/// A file system that cannot sync a folder is not an error: the rename has
/// happened, only its durability across a crash is up to the file system.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}
