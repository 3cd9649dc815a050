//! LiveMemoryState under concurrent use: effects that read the map while
//! other threads write it, subscribers that write back, shared handles.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actor_core::LiveMemoryState;
use serde_json::json;

#[test]
fn effects_reading_the_map_while_other_threads_write_it_do_not_deadlock() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["tick"]).unwrap();
    state.set("label", json!(0));
    let runs = Arc::new(AtomicUsize::new(0));
    // Depends on a hot field and a map key; reads the map under the graph's lock.
    let _effect = state.reactive().effect({
        let (s, runs) = (state.clone(), runs.clone());
        move || {
            s.get_number("tick");
            s.get("label");
            s.keys();
            runs.fetch_add(1, Ordering::Relaxed);
        }
    });
    // A subscriber that writes another key on every change of "label".
    let _sub = state.subscribe("label", {
        let s = state.clone();
        move |v| {
            s.set("echo", v.cloned().unwrap_or_default());
        }
    });
    let writers: Vec<_> = (0..3)
        .map(|t| {
            let s = state.clone();
            std::thread::spawn(move || {
                for i in 1..=300 {
                    if t == 0 {
                        s.set_number("tick", f64::from(i)).unwrap();
                    } else {
                        s.set("label", json!(format!("{t}-{i}")));
                        s.get("echo");
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(state.get_number("tick"), Some(300.0));
    let label = state.get("label").unwrap();
    assert!(label == json!("1-300") || label == json!("2-300"), "{label}");
    // Each writer's subscriber calls run inside its own writes, so the last
    // echo comes from one of the writers' last writes.
    let echo = state.get("echo").unwrap();
    assert!(echo == json!("1-300") || echo == json!("2-300"), "{echo}");
    assert!(runs.load(Ordering::Relaxed) > 1);
}
