"""analyze on a generated codebase: worker processes give exactly the serial result; output is stable; the
analysis kept out of the collector's scans for a run."""

from __future__ import annotations

import gc
import importlib.util
import weakref
from pathlib import Path

from helpers.paths import BENCH

from llmigrate import plan
from llmigrate.analyze.codebase import analyze_dir, kept_out_of_gc, to_json


def _generate(root: Path, lines: int) -> int:
    spec = importlib.util.spec_from_file_location("bench_analyze", BENCH / "bench_analyze.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(root, lines)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    lines = _generate(tmp_path, 12_000)
    assert lines >= 12_000
    serial = analyze_dir(tmp_path, parallel=False)
    parallel = analyze_dir(tmp_path, parallel=True)
    text = to_json(serial, plan.make_plan(serial))
    assert text == to_json(parallel, plan.make_plan(parallel))
    assert serial.diagnostics == []
    assert len(serial.functions) > 300
    p = plan.make_plan(serial)
    assert p.cycles and all(len(c) == 2 for c in p.cycles)  # each file's even/odd pair
    visit = [f for f in serial.functions.values() if f.name.endswith("_visit")]
    assert visit and all(f.address_taken for f in visit)


class _Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_kept_out_of_gc_collects_garbage_first_and_freezes_only_while_inside() -> None:
    garbage = _Node()
    dead = weakref.ref(garbage)
    del garbage
    before = gc.get_freeze_count()
    with kept_out_of_gc():
        assert dead() is None  # collected on entering, not frozen with what lives on
        assert gc.get_freeze_count() > before  # what lives on (this test's frames among it)
    assert gc.get_freeze_count() == before  # a later run in the same process scans them again
