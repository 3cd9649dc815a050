//! The propagation algorithm: flushing reactions, pulling stale nodes up
//! to date, and running computations (see [`ReactiveGraph`] for the model).

use std::panic::AssertUnwindSafe;

use super::arena::{Garbage, Post};
use super::graph::{Guard, MAX_REACTIONS_PER_FLUSH, OnUnwind, ReactiveGraph};
use super::node::{Colour, Frame, Kind, NodeId};

impl ReactiveGraph {
    /// At the outermost level (no batch, no flush running): runs the
    /// reaction queue and returns the posts to run after unlocking.
    pub(crate) fn settle(&self, g: &Guard<'_>) -> Vec<Post> {
        {
            let a = g.borrow();
            if a.batch_depth > 0 || a.flushing {
                return Vec::new();
            }
        }
        self.flush(g);
        std::mem::take(&mut g.borrow_mut().posts)
    }

    /// Runs queued reactions until the queue is empty or the cap is hit.
    fn flush(&self, g: &Guard<'_>) {
        g.borrow_mut().flushing = true;
        let _reset = OnUnwind(Some(|| {
            if let Ok(mut a) = g.try_borrow_mut() {
                a.flushing = false;
            }
        }));
        let mut runs = 0usize;
        loop {
            // One borrow takes the next reaction and reads what running it needs.
            let (id, kind, source) = {
                let mut a = g.borrow_mut();
                let Some(id) = a.queue.pop_front() else { break };
                runs += 1;
                if runs > MAX_REACTIONS_PER_FLUSH {
                    a.overflows += 1;
                    let dropped: Vec<NodeId> = a.queue.drain(..).chain(std::iter::once(id)).collect();
                    for n in dropped {
                        a.node_mut(n).queued = false;
                    }
                    tracing::error!(
                        cap = MAX_REACTIONS_PER_FLUSH,
                        "reactive flush stopped: effects keep writing what they read (a cycle)"
                    );
                    break;
                }
                let node = a.node_mut(id);
                node.queued = false;
                (id, node.kind, node.sources.first().copied())
            };
            self.run_reaction(g, id, kind, source);
        }
    }

    /// Runs reaction `id` (of `kind`, whose first source is `source`), just
    /// taken from the queue.
    fn run_reaction(&self, g: &Guard<'_>, id: NodeId, kind: Kind, source: Option<NodeId>) {
        match kind {
            Kind::Effect => self.update(g, id),
            Kind::Repeater => {
                let Some(source) = source else { return };
                self.update(g, source);
                let compute = {
                    let mut a = g.borrow_mut();
                    let version = a.node(source).version;
                    let node = a.node_mut(id);
                    node.state = Colour::Clean;
                    if node.forwarded == version {
                        return; // the source ended up unchanged
                    }
                    node.forwarded = version;
                    node.compute.take()
                };
                let Some(mut compute) = compute else { return };
                let saved = g.borrow_mut().tracking.take();
                compute(&mut None);
                let mut a = g.borrow_mut();
                a.tracking = saved;
                if a.node(id).kind == Kind::Repeater {
                    a.node_mut(id).compute = Some(compute);
                }
            }
            _ => {}
        }
    }

    /// Brings `id` up to date: checks its sources in order (iteratively, so
    /// deep graphs do not grow the call stack) and recomputes what is dirty.
    ///
    /// # Panics
    /// On a cycle (a derived that depends on itself).
    pub(crate) fn update(&self, g: &Guard<'_>, id: NodeId) {
        let mut a = g.borrow_mut();
        let node = a.node(id);
        if node.state == Colour::Clean {
            return;
        }
        assert!(!node.computing, "reactive cycle: a derived reads its own value");
        if node.state == Colour::Dirty {
            drop(a);
            self.recompute(g, id); // no sources to check first
            return;
        }
        // Fast path, for sources that are each clean or dirty (a fan-out
        // from one signal): check them in order with no stack; fall back to
        // the general walk below at the first source that is itself `Check`.
        let mut i = 0;
        let deeper = loop {
            let node = a.node(id);
            if node.state != Colour::Check {
                break None; // a source changed: `id` is dirty now
            }
            let Some(&s) = node.sources.get(i) else {
                a.node_mut(id).state = Colour::Clean;
                return;
            };
            i += 1;
            let source = a.node(s);
            match source.state {
                Colour::Clean => {}
                Colour::Dirty => {
                    assert!(!source.computing, "reactive cycle: a derived depends on itself");
                    drop(a);
                    self.recompute(g, s);
                    a = g.borrow_mut();
                }
                Colour::Check => {
                    assert!(!source.computing, "reactive cycle: a derived depends on itself");
                    break Some(s);
                }
            }
        };
        let Some(deeper) = deeper else {
            if a.node(id).state == Colour::Dirty {
                drop(a);
                self.recompute(g, id);
            }
            return;
        };
        let mut stack = a.spare_stacks.pop().unwrap_or_default();
        stack.push((id, i));
        stack.push((deeper, 0));
        while let Some(top) = stack.last_mut() {
            let (n, i) = *top;
            let node = a.node(n);
            match node.state {
                Colour::Check if i < node.sources.len() => {
                    let s = node.sources[i];
                    top.1 += 1;
                    let source = a.node(s);
                    if source.state != Colour::Clean {
                        assert!(!source.computing, "reactive cycle: a derived depends on itself");
                        stack.push((s, 0));
                    }
                }
                Colour::Check => {
                    a.node_mut(n).state = Colour::Clean;
                    stack.pop();
                }
                Colour::Dirty => {
                    drop(a);
                    self.recompute(g, n);
                    a = g.borrow_mut();
                    stack.pop();
                }
                _ => {
                    stack.pop();
                }
            }
        }
        a.spare_stacks.push(stack);
    }

    /// Runs the computation of derived or effect `id` with `id` as the
    /// tracking context, then reconciles its sources.
    fn recompute(&self, g: &Guard<'_>, id: NodeId) {
        let (compute, value, saved) = {
            let mut a = g.borrow_mut();
            let node = a.node_mut(id);
            if node.kind == Kind::Free {
                return;
            }
            node.computing = true;
            // Clean before running: a write the computation makes to one of
            // its own sources marks it again, so it re-runs.
            node.state = Colour::Clean;
            let compute = node.compute.take();
            let value = node.value.take();
            let frame = Frame { observer: id, index: 0, fresh: Vec::new() };
            (compute, value, a.tracking.replace(frame))
        };
        let Some(compute) = compute else {
            let mut a = g.borrow_mut();
            a.tracking = saved;
            let node = a.node_mut(id);
            node.computing = false;
            node.value = value;
            node.state = Colour::Clean;
            return;
        };
        let (mut compute, mut value) = (compute, value);
        // Run the computation; if it panics, put everything back as it
        // was (the node dirty, so that it runs again) and go on unwinding.
        // `catch_unwind` costs nothing when nothing panics.
        let changed = match std::panic::catch_unwind(AssertUnwindSafe(|| compute(&mut value))) {
            Ok(changed) => changed,
            Err(panic) => {
                if let Ok(mut a) = g.try_borrow_mut() {
                    a.tracking = saved;
                    let node = a.node_mut(id);
                    node.computing = false;
                    node.compute = Some(compute);
                    node.value = value;
                    node.state = Colour::Dirty;
                }
                std::panic::resume_unwind(panic);
            }
        };
        let mut garbage = Garbage::new();
        {
            let mut a = g.borrow_mut();
            let frame = std::mem::replace(&mut a.tracking, saved).expect("frame of the running computation");
            a.reconcile(id, frame, &mut garbage);
            let node = a.node_mut(id);
            node.compute = Some(compute);
            node.value = value;
            node.computing = false;
            if changed {
                node.version += 1;
                a.observers_dirty(id);
            }
            if a.node(id).handles == 0 {
                a.release(id, &mut garbage); // its last handle went while it ran
            }
        }
        if garbage.is_empty() {
            std::mem::forget(garbage); // never allocated: skip the call to drop it
        } else {
            drop(garbage);
        }
    }
}
