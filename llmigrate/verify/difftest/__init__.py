"""Differential tests: C and Rust called on the same generated inputs through the C ABI."""
