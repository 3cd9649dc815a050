//! The live progress display on stderr: packets per connection, the
//! processes still busy, and the processes restarted after a failure,
//! redrawn every 200 ms.

use std::time::Duration;

use actor_core::NetworkHandle;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A running progress display; [`Display::finish`] clears it.
pub(crate) struct Display {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Display {
    /// Starts redrawing from `handle`'s statistics on a timer.
    pub(crate) fn start(handle: NetworkHandle) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
        let (stop, mut stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(200));
            loop {
                tokio::select! {
                    _ = tick.tick() => {
                        bar.set_message(render(&handle));
                        bar.tick();
                    }
                    _ = stopped.changed() => break,
                }
            }
            bar.finish_and_clear();
        });
        Self { stop, task }
    }

    /// Stops and clears the display.
    pub(crate) async fn finish(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

fn render(handle: &NetworkHandle) -> String {
    let busy = handle.busy_processes();
    let live = handle.live_processes();
    let mut text = format!("{} process(es) live, busy: {}", live.len(), if busy.is_empty() { "-".into() } else { busy.join(", ") });
    text.push_str(&restarts(&handle.restarts(), &handle.restarting_processes()));
    for c in handle.connection_stats() {
        text.push_str(&format!("\n  {:>10}  {}", c.packets, c.label));
    }
    text
}

/// The restart line: each restarted process with its count, and which
/// are waiting to restart; empty when none has restarted.
fn restarts(counts: &[(String, u32)], restarting: &[String]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let list = counts.iter().map(|(p, n)| format!("{p} ({n}x)")).collect::<Vec<_>>().join(", ");
    let now = if restarting.is_empty() { String::new() } else { format!("; restarting now: {}", restarting.join(", ")) };
    format!("\nrestarted: {list}{now}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_restart_line_lists_counts_and_who_is_restarting() {
        assert_eq!(super::restarts(&[], &[]), "");
        let counts = [("a".to_string(), 2), ("b".to_string(), 1)];
        assert_eq!(super::restarts(&counts, &[]), "\nrestarted: a (2x), b (1x)");
        assert_eq!(super::restarts(&counts, &["b".to_string()]), "\nrestarted: a (2x), b (1x); restarting now: b");
    }
}
