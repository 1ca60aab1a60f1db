"""Builtin translator core on program-shaped C (textbook algorithms, kernel idioms): gcc vs Rust."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("core_programs")
