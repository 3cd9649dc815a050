//! `run`'s durable-state flags: `--state-dir DIR`, `--resume`,
//! `--checkpoint-interval DURATION` (see `actor-store`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use actor_core::NetworkOptions;
use actor_core::graph::Plan;
use actor_store::{DEFAULT_INTERVAL, RedbStore, Start};
use clap::Args;

/// Arguments of `run` for durable state.
#[derive(Debug, Clone, Default, Args)]
pub struct DurableArgs {
    /// Save every process's state in DIR (a redb database, DIR/state.redb):
    /// at each checkpoint interval while the graph runs, and when it ends.
    /// Without --resume, the states saved there before are forgotten.
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Restore the states saved in --state-dir before the first packet,
    /// and continue from them (after a crash: the last checkpoint, at most
    /// one interval old).
    #[arg(long, requires = "state_dir")]
    pub resume: bool,
    /// How often to save the states while the graph runs: a number with
    /// the unit ms, s or m (`500ms`, `5s`, `1m`); a bare number is in
    /// seconds. [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval, requires = "state_dir")]
    pub checkpoint_interval: Option<Duration>,
}

/// The network options for `args`: with `--state-dir`, the state store,
/// opened now and checked against the processes of `plan`.
///
/// # Errors
/// The message to print (exit code 2): the directory cannot be opened, is
/// in use by another run, holds nothing to resume, or holds the states of
/// processes this graph does not have.
pub(crate) fn network_options(args: &DurableArgs, plan: &Plan) -> Result<NetworkOptions, String> {
    let Some(dir) = &args.state_dir else { return Ok(NetworkOptions::default()) };
    let start = if args.resume { Start::Resume } else { Start::Fresh };
    let interval = args.checkpoint_interval.unwrap_or(DEFAULT_INTERVAL);
    let store = RedbStore::open(dir, start, interval).map_err(|e| e.to_string())?;
    if args.resume {
        let processes: Vec<(&str, &str)> = plan.processes.iter().map(|p| (p.name.as_str(), p.component.as_str())).collect();
        store.check_graph(&processes).map_err(|e| e.to_string())?;
    }
    Ok(NetworkOptions { state_store: Some(Arc::new(store)), ..NetworkOptions::default() })
}

/// Reads `500ms`, `5s`, `1.5s`, `2m` or `5` (seconds); more than zero.
fn parse_interval(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" => 60.0,
        _ => return Err(format!("unknown unit {unit:?} (expected ms, s or m, as in 500ms, 5s, 1m)")),
    };
    let n: f64 = number.trim().parse().map_err(|_| format!("{text:?} is not a duration (expected 500ms, 5s, 1m)"))?;
    let seconds = n * scale;
    if !(seconds.is_finite() && seconds > 0.0 && seconds < 1e9) {
        return Err(format!("{text:?}: the interval must be more than zero"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_with_their_units() {
        assert_eq!(parse_interval("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_interval("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_interval("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_interval("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_interval("0s").unwrap_err().contains("more than zero"));
        assert!(parse_interval("5h").unwrap_err().contains("unknown unit \"h\""));
        assert!(parse_interval("fast").unwrap_err().contains("unknown unit"));
        assert!(parse_interval("-1").unwrap_err().contains("more than zero"));
    }
}
