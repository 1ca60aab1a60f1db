"""C11 expression semantics, gcc vs the builtin translation: assignment values, side effects and sequencing
(6.5.13-6.5.17), argument and return conversions (6.5.2.2, 6.8.6.4), pointers, initialization (6.7.9)."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("exprs")
