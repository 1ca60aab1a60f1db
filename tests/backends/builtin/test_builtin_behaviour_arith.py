"""C11 arithmetic rules, gcc vs the builtin translation: promotions, conversions, wrap-around, shifts."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("arith")
