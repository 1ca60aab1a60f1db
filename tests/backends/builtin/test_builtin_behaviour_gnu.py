"""GNU C as kernel-style code writes it, gcc vs the builtin translation: statement expressions, typeof,
builtins, likely/unlikely, min/max/ARRAY_SIZE/BIT macros, do { } while (0) macro bodies."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("gnu")
