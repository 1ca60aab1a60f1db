"""Edge rules of C11, gcc vs the builtin translation: integer constant types (6.4.4.1), break/continue inside
a switch in a loop (6.8.6), floating special values (Annex F), signed bitwise operators, string sizes."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("edges")
