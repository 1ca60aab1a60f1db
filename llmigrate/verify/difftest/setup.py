"""A second run for the functions the first one compared on no input where the C is defined.

Two general reasons leave the C undefined on every input, and the C decides whether they were the cause: the
second run's verdict replaces the first only when it compared something, so a function that needed neither
keeps its own.
- A library may keep global state that its own initialiser sets up (`foo_init()`), and assert it in every
  function: called on a fresh process, each such function fails every input. The function is planned again
  with the initialisers it may need (context.setups); each side calls its own, then the function.
- A pointer parameter with no length says nothing of how much it points to: the first run gives it one object
  (or a short string, a few opaque bytes), and C that reads or writes a whole frame through it
  (`conv_encode(uint8_t *out, const uint8_t *in)`) runs past that on every input. The second run gives each
  such pointer room for ROOM_BYTES of generated objects.
"""

from __future__ import annotations

import dataclasses

from llmigrate.core import Codebase
from llmigrate.verify.difftest.context import setups
from llmigrate.verify.difftest.types import ArgPlan, FuncPlan

NO_DEFINED_INPUT = "no input with defined C behaviour"
ROOM_BYTES = 4096  # input bytes behind a pointer without a length, in the second run
ROOM_OBJECTS = 256  # objects of a struct type behind it (each may hold pointers of its own)


def run_again(plans: dict[str, FuncPlan], results: dict, codebase: Codebase) -> dict[str, FuncPlan]:
    """The plans, with their initialisers and room behind their pointers, of the functions whose inputs were
    all undefined or failed (those neither changes are left out)."""
    again = {}
    for fid, plan in plans.items():
        why = getattr(results.get(fid), "untested_reason", None) or ""
        if plan.setup or not why.startswith(NO_DEFINED_INPUT):
            continue
        makers = tuple(codebase.functions[m.fid] for a in plan.args for m in a.makers)
        names = setups(codebase.functions[fid], codebase, makers)
        args = [_roomy(a) for a in plan.args]
        if names or args != plan.args:
            keeps = plan.stateful or bool(names)
            again[fid] = dataclasses.replace(plan, args=args, setup=names, stateful=keeps)
    return again


def _roomy(a: ArgPlan) -> ArgPlan:
    """`a` with room for ROOM_BYTES behind it when it is a pointer no length parameter sizes."""
    if a.length_param is not None or a.opaque or a.makers or a.shape.extra or \
            a.role not in ("ref", "buffer", "string"):
        return a
    if a.role == "string":  # a `char *` it may write: a short string, then room
        return a if a.const else dataclasses.replace(a, cap=max(a.cap, ROOM_BYTES))
    most = ROOM_BYTES // max(1, a.shape.in_size)
    cap = max(a.cap, most if a.shape.scalar else min(most, ROOM_OBJECTS))
    if a.role == "buffer" and a.cap >= cap:  # a declared array dimension, or room already
        return a
    return dataclasses.replace(a, role="buffer", cap=cap)
