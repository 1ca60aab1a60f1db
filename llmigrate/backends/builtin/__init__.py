"""The builtin backend: a deterministic, offline C-to-Rust translator.

Driven by libclang, split by C construct.
"""
