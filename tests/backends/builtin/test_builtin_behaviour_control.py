"""C11 control flow, gcc vs the builtin translation: switch (6.8.4.2), goto, loops with continue, blocks."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("control")
