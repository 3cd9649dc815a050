//! [`RedbStore`]: the [`StateStore`] of a state directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actor_core::network::{Checkpoint, ProcessState, StateStore, StoreError as CoreStoreError};
use actor_core::rt::BoxFuture;
use redb::{Database, ReadableTable, TableDefinition};
use serde_json::{Value as Json, json};

use super::{CheckpointInfo, StateSnapshot, StoreError};

/// The database file in a state directory.
pub const DATABASE_FILE: &str = "state.redb";

/// How often a running network's states are saved, unless told otherwise.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

/// Process name to [`StateSnapshot::to_record`].
const SNAPSHOTS: TableDefinition<&str, &[u8]> = TableDefinition::new("snapshots");
/// `checkpoint` to the JSON of [`CheckpointInfo`].
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const CHECKPOINT_KEY: &str = "checkpoint";

/// Whether a run starts afresh or continues from the saved states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Forget what the directory holds: the states start empty, and the
    /// first checkpoint of this run replaces the saved ones. (They are
    /// forgotten at once, in one transaction, so that a `--resume` after a
    /// crash of this run never restores an older run's states.)
    Fresh,
    /// Restore the saved states before the first packet.
    Resume,
}

/// A state directory's database: one redb file, `DIR/state.redb`, holding
/// the last checkpoint (see the [crate docs](crate)).
///
/// redb writes each checkpoint in one transaction, committed with an
/// fsync; after a crash, including `kill -9` or a power cut in the middle
/// of a write, the database opens at the last committed checkpoint,
/// checked by its checksums, never at a partial one. One process at a time
/// may open a directory.
#[derive(Debug)]
pub struct RedbStore {
    db: Arc<Database>,
    path: PathBuf,
    start: Start,
    interval: Duration,
    /// The number of the last checkpoint saved.
    seq: Arc<AtomicU64>,
}

impl RedbStore {
    /// Opens (or creates) the state directory `dir`, saving a checkpoint
    /// every `interval` while a network runs.
    ///
    /// # Errors
    /// [`StoreError::Dir`], [`StoreError::InUse`] when another run holds
    /// it, [`StoreError::Database`], and for [`Start::Resume`]
    /// [`StoreError::NothingSaved`] when it holds no checkpoint.
    pub fn open(dir: impl AsRef<Path>, start: Start, interval: Duration) -> Result<Self, StoreError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir { path: dir.to_path_buf(), source })?;
        let path = dir.join(DATABASE_FILE);
        let db = Database::create(&path).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse { path: path.clone() },
            other => StoreError::Database { path: path.clone(), source: Box::new(other.into()) },
        })?;
        let store = Self { db: Arc::new(db), path, start, interval, seq: Arc::new(AtomicU64::new(0)) };
        match start {
            Start::Fresh => write_checkpoint(&store.db, &[], &CheckpointInfo::started()).map_err(|e| store.db_error(e))?,
            Start::Resume => {
                let info = store.checkpoint_info()?.ok_or_else(|| StoreError::NothingSaved { path: store.path.clone() })?;
                store.seq.store(info.seq, Ordering::Relaxed);
            }
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last checkpoint saved: its description, or `None` in a
    /// directory where nothing was ever saved.
    ///
    /// # Errors
    /// [`StoreError::Database`] or [`StoreError::Record`].
    pub fn checkpoint_info(&self) -> Result<Option<CheckpointInfo>, StoreError> {
        let read = || -> Result<Option<Vec<u8>>, DbError> {
            let txn = self.db.begin_read()?;
            let table = match txn.open_table(META) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                Err(e) => return Err(DbError::from(e)),
            };
            Ok(table.get(CHECKPOINT_KEY)?.map(|v| v.value().to_vec()))
        };
        let Some(bytes) = read().map_err(|e| self.db_error(e))? else { return Ok(None) };
        CheckpointInfo::from_json(&bytes).map(Some)
    }

    /// The snapshots of the last checkpoint, by process name, sorted by name.
    ///
    /// # Errors
    /// [`StoreError::Database`] or [`StoreError::Record`].
    pub fn snapshots(&self) -> Result<Vec<(String, StateSnapshot)>, StoreError> {
        let read = || -> Result<Vec<(String, Vec<u8>)>, DbError> {
            let txn = self.db.begin_read()?;
            let table = match txn.open_table(SNAPSHOTS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(DbError::from(e)),
            };
            let mut rows = Vec::new();
            for row in table.iter()? {
                let (k, v) = row?;
                rows.push((k.value().to_string(), v.value().to_vec()));
            }
            Ok(rows)
        };
        let rows = read().map_err(|e| self.db_error(e))?;
        rows.into_iter().map(|(name, bytes)| Ok((name, StateSnapshot::from_record(&bytes)?))).collect()
    }

    /// Checks that the saved states fit a graph whose processes are
    /// `processes` (name and component, in any order): every saved process
    /// is among them, with the same component. A graph may have processes
    /// the checkpoint does not name (they start empty).
    ///
    /// # Errors
    /// [`StoreError::Mismatch`] naming the first process that does not fit;
    /// [`StoreError::Database`] or [`StoreError::Record`] when the saved
    /// states cannot be read.
    pub fn check_graph(&self, processes: &[(&str, &str)]) -> Result<(), StoreError> {
        self.matched(processes.iter().copied()).map(drop)
    }

    /// The saved snapshots, each with the index in `processes` of the
    /// process it belongs to (see [`check_graph`](Self::check_graph)).
    fn matched<'a>(
        &self,
        processes: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<Vec<(usize, StateSnapshot)>, StoreError> {
        let mut found = Vec::new();
        for (name, snapshot) in self.snapshots()? {
            let Some((i, (_, component))) = processes.clone().enumerate().find(|(_, (n, _))| *n == name) else {
                return Err(self.mismatch(format!("the saved state of process {name:?} has no process in this graph")));
            };
            if component != snapshot.component {
                let message = format!(
                    "process {name:?} is a {component} in this graph, but its saved state is from a {}",
                    snapshot.component
                );
                return Err(self.mismatch(message));
            }
            found.push((i, snapshot));
        }
        Ok(found)
    }

    fn db_error(&self, source: DbError) -> StoreError {
        StoreError::Database { path: self.path.clone(), source: source.0 }
    }

    fn mismatch(&self, message: String) -> StoreError {
        StoreError::Mismatch { path: self.path.clone(), message }
    }
}

impl StateStore for RedbStore {
    /// With [`Start::Resume`], writes each saved snapshot into the state of
    /// the process of that name. A process the checkpoint does not name
    /// starts empty.
    ///
    /// # Errors
    /// [`StoreError::Mismatch`] when a saved process is not in the graph or
    /// was of another component: resuming a different graph would misread
    /// its states.
    fn restore(&self, states: &[ProcessState]) -> Result<(), CoreStoreError> {
        if self.start == Start::Fresh {
            return Ok(());
        }
        let names = states.iter().map(|s| (&*s.process, s.component.as_str()));
        for (i, snapshot) in self.matched(names)? {
            let name = &states[i].process;
            snapshot.restore_into(&states[i].state).map_err(|e| self.mismatch(format!("process {name:?}: {e}")))?;
        }
        Ok(())
    }

    fn save(&self, states: &[ProcessState], checkpoint: Checkpoint) -> BoxFuture<'static, Result<(), CoreStoreError>> {
        // The states are read now; the future writes them.
        let rows: Vec<(String, Vec<u8>)> =
            states.iter().map(|s| (s.process.to_string(), StateSnapshot::of(&s.component, &s.state).to_record())).collect();
        let seq = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
        let info = CheckpointInfo { seq, kind: checkpoint_kind(checkpoint).to_string(), unix_ms: unix_ms(), processes: rows.len() };
        let (db, path) = (self.db.clone(), self.path.clone());
        let write = move || {
            write_checkpoint(&db, &rows, &info)
                .map_err(|source| CoreStoreError::from(StoreError::Database { path, source: source.0 }))
        };
        Box::pin(async move {
            match tokio::runtime::Handle::try_current() {
                Ok(rt) => rt.spawn_blocking(write).await.map_err(|e| CoreStoreError::from(e.to_string()))?,
                Err(_) => write(),
            }
        })
    }

    fn next_checkpoint(&self) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(self.interval))
    }
}

/// A redb error, boxed (redb's error is 160 bytes): every redb error
/// converts into it, so `?` works on each of redb's calls.
struct DbError(Box<redb::Error>);

impl<E: Into<redb::Error>> From<E> for DbError {
    fn from(e: E) -> Self {
        Self(Box::new(e.into()))
    }
}

/// Replaces the saved checkpoint with `rows` and `info`, in one transaction.
fn write_checkpoint(db: &Database, rows: &[(String, Vec<u8>)], info: &CheckpointInfo) -> Result<(), DbError> {
    let txn = db.begin_write()?;
    {
        txn.delete_table(SNAPSHOTS)?;
        let mut table = txn.open_table(SNAPSHOTS)?;
        for (name, record) in rows {
            table.insert(name.as_str(), record.as_slice())?;
        }
        let mut meta = txn.open_table(META)?;
        meta.insert(CHECKPOINT_KEY, info.to_json().as_slice())?;
    }
    txn.commit()?;
    Ok(())
}

fn checkpoint_kind(c: Checkpoint) -> &'static str {
    match c {
        Checkpoint::Periodic => "periodic",
        Checkpoint::Final => "final",
    }
}

fn unix_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

impl CheckpointInfo {
    /// The record a fresh run starts with: number 0, no process.
    fn started() -> Self {
        Self { seq: 0, kind: "started".to_string(), unix_ms: unix_ms(), processes: 0 }
    }

    fn to_json(&self) -> Vec<u8> {
        json!({"seq": self.seq, "kind": self.kind, "unix_ms": self.unix_ms, "processes": self.processes}).to_string().into_bytes()
    }

    fn from_json(bytes: &[u8]) -> Result<Self, StoreError> {
        let bad = || StoreError::Record("the checkpoint record is malformed".to_string());
        let j: Json = serde_json::from_slice(bytes).map_err(|_| bad())?;
        Ok(Self {
            seq: j["seq"].as_u64().ok_or_else(bad)?,
            kind: j["kind"].as_str().ok_or_else(bad)?.to_string(),
            unix_ms: j["unix_ms"].as_u64().ok_or_else(bad)?,
            processes: j["processes"].as_u64().ok_or_else(bad)? as usize,
        })
    }
}
