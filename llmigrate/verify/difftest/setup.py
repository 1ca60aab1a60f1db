"""A second run for the functions of a library that must be set up first.

A library may keep global state that its own initialiser sets up (`foo_init()`), and assert it in every
function: called on a fresh process, each such function fails every input, and nothing is compared. The
functions that ran on no input where the C is defined are planned again with the initialisers they may need
(context.setups); each side calls its own, then the function, on the same inputs. A verdict of that run
replaces the first only when it compared something, so a function that needs no set-up keeps its own.
"""

from __future__ import annotations

import dataclasses

from llmigrate.core import Codebase
from llmigrate.verify.difftest.context import setups
from llmigrate.verify.difftest.types import FuncPlan

NO_DEFINED_INPUT = "no input with defined C behaviour"


def with_setup(plans: dict[str, FuncPlan], results: dict, codebase: Codebase) -> dict[str, FuncPlan]:
    """The plans, with their initialisers, of the functions whose inputs were all undefined or failed."""
    again = {}
    for fid, plan in plans.items():
        why = getattr(results.get(fid), "untested_reason", None) or ""
        if plan.setup or not why.startswith(NO_DEFINED_INPUT):
            continue
        makers = tuple(codebase.functions[m.fid] for a in plan.args for m in a.makers)
        names = setups(codebase.functions[fid], codebase, makers)
        if names:
            again[fid] = dataclasses.replace(plan, setup=names, stateful=True)
    return again
