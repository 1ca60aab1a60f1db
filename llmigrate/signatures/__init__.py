"""Signatures: the one mapping from C declarations to Rust types and signatures.

Borrowed parameters (`&T`, `&mut [T]`) come with the proofs that justify them.
"""
