"""Constructs found failing on unseen C (tests/data/corpus), each pinned by a C-standard rule, gcc vs the
builtin translation."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("corpus")
