"""Verify: the C tests and differential tests run against the crate, and code metrics of the Rust."""
