//! Shorthand constructors on [`ReactiveGraph`].

use super::{Derived, Effect, ReactiveGraph, Signal};

impl ReactiveGraph {
    /// A new [`Signal`] holding `value` (same as [`Signal::new`]).
    pub fn signal<T: Clone + PartialEq + Send + Sync + 'static>(&self, value: T) -> Signal<T> {
        Signal::new(self, value)
    }

    /// A new [`Derived`] computed by `f` (same as [`Derived::new`]).
    pub fn derived<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        f: impl FnMut() -> T + Send + 'static,
    ) -> Derived<T> {
        Derived::new(self, f)
    }

    /// A new [`Effect`] running `f` now and after every change of what it
    /// read (same as [`Effect::new`]).
    pub fn effect(&self, f: impl FnMut() + Send + 'static) -> Effect {
        Effect::new(self, f)
    }
}
