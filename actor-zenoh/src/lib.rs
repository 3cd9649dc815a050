//! # actor-zenoh
//!
//! (crate docs written below)

pub mod wire;
