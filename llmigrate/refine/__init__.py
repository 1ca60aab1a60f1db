"""Refine: a model rewrites verified functions into safer Rust; a rewrite is kept only when it is proven
equivalent and strictly less unsafe."""
