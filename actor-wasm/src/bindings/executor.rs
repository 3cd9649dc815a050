use actor_core::rt::{BoxFuture, Executor};

/// The [`Executor`] for browsers and Node: spawns each process task with
/// `wasm_bindgen_futures::spawn_local`, which polls it from the JS
/// microtask queue (never inline).
///
/// Pass it in [`NetworkOptions::executor`](actor_core::NetworkOptions::executor);
/// the JS `Network` class does so itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct WasmExecutor;

impl Executor for WasmExecutor {
    fn spawn(&self, task: BoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(task);
    }
}
