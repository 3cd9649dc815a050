//! The live progress display on stderr: packets per connection and the
//! processes still busy, redrawn every 200 ms.

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
    for c in handle.connection_stats() {
        text.push_str(&format!("\n  {:>10}  {}", c.packets, c.label));
    }
    text
}
