//! End-to-end tests of zhibiao: one test binary, a module per concern.

mod check;
mod laws;
mod rules;
