"""C11 data: struct layout, unions, arrays, pointers, strings, sizeof, statics, function pointers, enums,
macros and globals, gcc vs the builtin translation (shared items come from items.translate_shared)."""

from __future__ import annotations

from helpers.builtin_harness import behaviour_module

batch, test_behaviour = behaviour_module("memory")
