//! The `.fbp` parser's memory: the most it holds at once while parsing a
//! graph with one large IIP, per byte of graph text, counted by a global
//! allocator that tracks the live bytes and their peak.
//!
//! Before the parser borrowed the text and kept positions per line break
//! (issue 8) it held a `char` (4 bytes) and a line-and-column pair
//! (16 bytes) for every character, about 22 bytes per byte in all.
//!
//! This file holds one test, so no other test allocates while it measures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use actor_core::graph::fbp::{FbpOptions, parse};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Count the old and the new block as live together, as a
            // moving realloc holds both for a moment.
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated while parsing `text` (the text itself not
/// counted), per byte of text; checks that `expect` holds of the graph.
fn peak_per_byte(text: &str, expect: impl FnOnce(&actor_core::Graph)) -> f64 {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let graph = parse(text, FbpOptions::default()).expect("the graph parses");
    let peak = PEAK.load(Ordering::Relaxed) - before;
    expect(&graph);
    peak as f64 / text.len() as f64
}

#[test]
fn a_large_iip_costs_a_few_bytes_of_memory_per_byte_of_text() {
    const SIZE: usize = 4 << 20;
    // A quoted IIP of 4 MiB: ASCII, with escaped quotes and some
    // multi-byte characters.
    let body: String = "words and \\'quotes\\' and é ☃ ".repeat(SIZE / 32);
    let quoted = format!("'{body}' -> IN a(core/Repeat)\na OUT -> IN b(core/Repeat)\n");
    let decoded = body.replace("\\'", "'");
    let per_byte = peak_per_byte(&quoted, |g| {
        assert_eq!(g.connections[0].data.as_ref().and_then(|d| d.as_str()), Some(decoded.as_str()));
    });
    println!("quoted IIP of {} bytes: peak {per_byte:.2} bytes per byte", quoted.len());
    assert!(per_byte < 4.0, "a quoted IIP took {per_byte:.2} bytes of memory per byte of text");

    // A JSON string IIP of 4 MiB, with escapes.
    let body: String = "json text \\\"quoted\\\" \\u00e9 \\ud834\\udd1e ".repeat(SIZE / 40);
    let json = format!("\"{body}\" -> IN a(core/Repeat)\n");
    let per_byte = peak_per_byte(&json, |g| {
        let iip = g.connections[0].data.as_ref().and_then(|d| d.as_str()).expect("a string IIP");
        assert!(iip.starts_with("json text \"quoted\" é 𝄞 json text"));
        assert_eq!(iip.len(), SIZE / 40 * "json text \"quoted\" é 𝄞 ".len());
    });
    println!("JSON string IIP of {} bytes: peak {per_byte:.2} bytes per byte", json.len());
    assert!(per_byte < 4.0, "a JSON IIP took {per_byte:.2} bytes of memory per byte of text");
}
