//! End-to-end tests of zhibiao: one test binary, a module per concern.

// Test code may panic on what it set up itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod assess;
mod check;
mod corpus;
mod hostile;
mod laws;
mod panel;
mod report;
mod rules;
