"""Array members of a struct indexed through a pointer parameter (signatures/members.py), gcc vs the builtin
translation."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("members")
