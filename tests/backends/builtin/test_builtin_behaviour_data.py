"""More C11 data rules, gcc vs the builtin translation: rank rules, bool, floating conversions, arrays as
parameters, struct values, libc memory functions, global tables of functions and strings."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("data")
