"""Kernel-library shapes, gcc vs the builtin translation: ops tables of static functions, flexible array
members, anonymous members, bit-fields in bodies, case ranges, pointer-to-pointer updates, compound literals,
breaking out of nested loops with goto, character escapes, intrusive lists."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("kernel")
