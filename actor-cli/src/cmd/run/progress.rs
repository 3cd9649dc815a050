//! The live progress display on stderr: packets per connection, the
//! processes still busy, and the processes restarted after a failure,
//! redrawn every 200 ms.
//!
//! The display never erases or splits a result. It is drawn on stderr and
//! cleared at the end, which moves the cursor up over the lines it drew;
//! when stdout is the same screen, lines printed there in between would be
//! erased with it. So while the display is shown on a terminal, stdout is
//! [relayed](relay): what the network prints goes through a pipe, and each
//! complete line is written to the terminal with the display cleared first
//! and redrawn after, below the results. Where there is no relay (not on
//! Unix), the display is not shown when stdout is a terminal.

#[cfg(unix)]
mod relay;

use std::io::IsTerminal as _;
use std::time::Duration;

use actor_core::NetworkHandle;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A running progress display; [`Display::finish`] clears it.
pub(crate) struct Display {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
    #[cfg(unix)]
    relay: Option<relay::Relay>,
}

impl Display {
    /// Starts redrawing from `handle`'s statistics on a timer, relaying
    /// stdout when it is a terminal. `None` when stdout is a terminal that
    /// cannot be relayed: no display then, rather than erased results.
    pub(crate) fn start(handle: NetworkHandle) -> Option<Self> {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
        #[cfg(unix)]
        let relay = match std::io::stdout().is_terminal() {
            true => Some(relay::Relay::start(bar.clone()).ok()?),
            false => None,
        };
        #[cfg(not(unix))]
        if std::io::stdout().is_terminal() {
            return None;
        }
        // The first frame is drawn now, before the network runs, however
        // short the run; the timer redraws from the next period on.
        bar.set_message(render(&handle));
        bar.tick();
        let (stop, mut stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(async move {
            let period = Duration::from_millis(200);
            let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
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
        Some(Self {
            stop,
            task,
            #[cfg(unix)]
            relay,
        })
    }

    /// Writes out what stdout still holds, gives stdout back, then stops
    /// and clears the display.
    pub(crate) async fn finish(self) {
        #[cfg(unix)]
        drop(self.relay);
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
mod tests;
