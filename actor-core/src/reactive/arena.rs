//! The arena: every node of one graph, plus the tracking context and the
//! reaction queue. Only ever borrowed for short, non-reentrant steps.

use std::collections::VecDeque;

use super::node::{AnyValue, Colour, ComputeFn, Frame, Kind, Node, NodeId};

/// A closure to run after the outermost batch, outside every lock.
pub(crate) type Post = Box<dyn FnOnce() + Send>;

/// Values and computations removed from the arena, dropped after the
/// arena borrow ends (dropping them may drop handles, which re-enter).
pub(crate) type Garbage = Vec<(Option<AnyValue>, Option<ComputeFn>)>;

#[derive(Default)]
pub(crate) struct Arena {
    pub(crate) nodes: Vec<Node>,
    free: Vec<NodeId>,
    /// The computation running now, if any.
    pub(crate) tracking: Option<Frame>,
    pub(crate) batch_depth: u32,
    pub(crate) flushing: bool,
    /// Effects and repeaters to run, in marking order.
    pub(crate) queue: VecDeque<NodeId>,
    pub(crate) posts: Vec<Post>,
    mark_stack: Vec<(NodeId, Colour)>,
    /// Spare stacks for [`update`](super::graph), reused to avoid allocation.
    pub(crate) spare_stacks: Vec<Vec<(NodeId, usize)>>,
    /// Times the reaction queue hit its iteration cap.
    pub(crate) overflows: u64,
    /// How many observer links (an entry in some node's `observers`) exist.
    /// While it is 0, a source's change has nothing to mark, and its
    /// version (which only repeaters, themselves observers, compare) need
    /// not move: writes skip the node entirely.
    links: usize,
}

impl Arena {
    pub(crate) fn alloc(&mut self, node: Node) -> NodeId {
        if let Some(id) = self.free.pop() {
            self.nodes[id.ix()] = node;
            id
        } else {
            let id = NodeId(u32::try_from(self.nodes.len()).expect("more than 2^32 reactive nodes"));
            self.nodes.push(node);
            id
        }
    }

    #[inline]
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.ix()]
    }

    #[inline]
    pub(crate) fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.ix()]
    }

    /// Live (not freed) nodes.
    pub(crate) fn live(&self) -> usize {
        self.nodes.len() - self.free.len()
    }

    /// Records that the running computation read `source`.
    #[inline]
    pub(crate) fn track(&mut self, source: NodeId) {
        let Some(frame) = &mut self.tracking else { return };
        if frame.fresh.is_empty() {
            let sources = &self.nodes[frame.observer.ix()].sources;
            if sources.get(frame.index) == Some(&source) {
                frame.index += 1;
                return;
            }
            if frame.index > 0 && sources[frame.index - 1] == source {
                return; // read twice in a row
            }
        } else if frame.fresh.last() == Some(&source) {
            return;
        }
        frame.fresh.push(source);
    }

    /// Records that source `id` (a signal, slot or state key) changed: its
    /// version moves and its observers are marked.
    #[inline]
    pub(crate) fn source_changed(&mut self, id: NodeId) {
        if self.links == 0 {
            return;
        }
        let node = self.node_mut(id);
        node.version += 1;
        if !node.observers.is_empty() {
            self.mark_changed(id);
        }
    }

    /// Marks the observers of `id` dirty (its value changed), and everything
    /// downstream of them check; stops at nodes already marked. Effects and
    /// repeaters that leave the clean state join the reaction queue.
    pub(crate) fn mark_changed(&mut self, id: NodeId) {
        let Self { nodes, mark_stack, .. } = self;
        mark_stack.extend(nodes[id.ix()].observers.iter().rev().map(|&o| (o, Colour::Dirty)));
        self.drain_marks();
    }

    /// After a recomputation of `id` changed its value: its direct observers
    /// must recompute. (They are already marked check by the marking pass;
    /// one that is clean, which the marking invariant rules out, is marked
    /// in full so that it is not missed.)
    pub(crate) fn observers_dirty(&mut self, id: NodeId) {
        let Self { nodes, mark_stack, .. } = self;
        for i in 0..nodes[id.ix()].observers.len() {
            let o = nodes[id.ix()].observers[i];
            let node = &mut nodes[o.ix()];
            if node.computing {
                // It is pulling this value right now, so it reads the new one.
                continue;
            }
            if node.state == Colour::Clean {
                mark_stack.push((o, Colour::Dirty));
            } else {
                node.state = Colour::Dirty;
            }
        }
        if !self.mark_stack.is_empty() {
            self.drain_marks();
        }
    }

    fn drain_marks(&mut self) {
        let Self { nodes, mark_stack, queue, .. } = self;
        while let Some((n, colour)) = mark_stack.pop() {
            let node = &mut nodes[n.ix()];
            if node.state >= colour {
                // A reaction left stale by a flush that hit its cap is
                // queued again by the next change that reaches it.
                if !node.queued && matches!(node.kind, Kind::Effect | Kind::Repeater) {
                    node.queued = true;
                    queue.push_back(n);
                }
                continue;
            }
            let was_clean = node.state == Colour::Clean;
            node.state = colour;
            if was_clean {
                if matches!(node.kind, Kind::Effect | Kind::Repeater) && !node.queued {
                    node.queued = true;
                    queue.push_back(n);
                }
                // A plain loop: most nodes have one or two observers, for
                // which `extend`'s unrolled copy costs more than it saves.
                for &o in node.observers.iter().rev() {
                    mark_stack.push((o, Colour::Check));
                }
            }
        }
    }

    /// Replaces the sources of `id` after a run, from the run's frame:
    /// subscribes to new sources first, then unsubscribes from dropped ones
    /// (which may free them).
    pub(crate) fn reconcile(&mut self, id: NodeId, frame: Frame, garbage: &mut Garbage) {
        let Frame { index, fresh, .. } = frame;
        let node = &mut self.nodes[id.ix()];
        if fresh.is_empty() && index == node.sources.len() {
            // The same sources as last time. An empty `fresh` never
            // allocated, so there is nothing to free (and no call to make).
            debug_assert_eq!(fresh.capacity(), 0);
            std::mem::forget(fresh);
            return;
        }
        self.rewire(id, index, fresh, garbage);
    }

    #[cold]
    fn rewire(&mut self, id: NodeId, index: usize, fresh: Vec<NodeId>, garbage: &mut Garbage) {
        let node = &mut self.nodes[id.ix()];
        let dropped: Vec<NodeId> = node.sources.drain(index..).collect();
        node.sources.extend_from_slice(&fresh);
        for s in fresh {
            self.add_observer(s, id);
        }
        for s in dropped {
            self.unsubscribe(s, id);
            self.release(s, garbage);
        }
    }

    /// Makes `observer` an observer of `source`.
    pub(crate) fn add_observer(&mut self, source: NodeId, observer: NodeId) {
        self.nodes[source.ix()].observers.push(observer);
        self.links += 1;
    }

    /// Whether any node observes any other (see `links`).
    #[inline]
    pub(crate) fn has_links(&self) -> bool {
        self.links != 0
    }

    fn unsubscribe(&mut self, source: NodeId, observer: NodeId) {
        let obs = &mut self.nodes[source.ix()].observers;
        if let Some(p) = obs.iter().position(|&o| o == observer) {
            obs.swap_remove(p);
            self.links -= 1;
        }
    }

    /// Frees `id` if nothing holds it (no handle, no observer, not running),
    /// and then whichever of its sources that leaves unheld.
    pub(crate) fn release(&mut self, id: NodeId, garbage: &mut Garbage) {
        let mut work = vec![id];
        while let Some(n) = work.pop() {
            let node = &mut self.nodes[n.ix()];
            if node.kind == Kind::Free || node.handles > 0 || !node.observers.is_empty() || node.computing {
                continue;
            }
            garbage.push((node.value.take(), node.compute.take()));
            node.kind = Kind::Free;
            node.state = Colour::Clean;
            let sources = std::mem::take(&mut node.sources);
            if node.queued {
                node.queued = false;
                self.queue.retain(|&q| q != n);
            }
            for s in sources {
                self.unsubscribe(s, n);
                work.push(s);
            }
            self.free.push(n);
        }
    }
}
