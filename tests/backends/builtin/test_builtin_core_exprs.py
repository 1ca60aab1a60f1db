"""Builtin translator core, expressions: gcc vs the translated Rust on the same inputs (one rustc run)."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("core_exprs")
