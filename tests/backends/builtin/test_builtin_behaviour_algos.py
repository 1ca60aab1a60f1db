"""Textbook algorithm code, gcc vs the builtin translation: sorting, trees on the heap, hashing with chaining,
dynamic programming on 2-D arrays, a sieve on a global array, a queue-based BFS, string manipulation."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("algos")
