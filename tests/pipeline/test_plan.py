"""plan: call graph, SCC units, callees-first levels, indirect candidates, DOT output."""

from __future__ import annotations

from pathlib import Path

from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import Config
from llmigrate.core import CFunction, Codebase
from llmigrate.plan import make_plan, write_dot

CALLS = DATA / "analyze" / "calls"


def _codebase(edges: dict[str, list[str]], **extra: dict) -> Codebase:
    cb = Codebase(root=".", config=Config())
    for fid, callees in edges.items():
        cb.functions[fid] = CFunction(id=fid, name=fid, file="x.c", start_line=1, end_line=1, signature="",
                                      return_type="void", params=[], callees=callees, **extra.get(fid, {}))
    return cb


def _check_levels(cb: Codebase) -> None:
    plan = make_plan(cb)
    level_of = {fid: i for i, lv in enumerate(plan.levels) for u in lv for fid in u.functions}
    assert sorted(level_of) == sorted(cb.functions)
    for lv_index, level in enumerate(plan.levels):
        for unit in level:
            for fid in unit.functions:
                for callee in cb.functions[fid].callees:
                    if callee not in unit.functions:
                        assert level_of[callee] < lv_index, f"{fid} -> {callee}"


def test_levels_callees_first_and_scc_units() -> None:
    cb = _codebase({"main": ["a", "b"], "a": ["b", "c"], "b": ["a"], "c": [], "d": ["d"], "e": ["c"]})
    plan = make_plan(cb)
    assert [[u.id for u in lv] for lv in plan.levels] == [["c", "d"], ["e", "scc:a+b"], ["main"]]
    assert plan.cycles == [["a", "b"]]
    assert plan.levels[1][1].functions == ["a", "b"] and plan.levels[1][1].is_cycle
    assert not plan.levels[0][1].is_cycle, "self-recursion stays a one-function unit"
    assert set(plan.graph.edges) >= {("main", "a"), ("b", "a"), ("d", "d")}
    _check_levels(cb)


def test_levels_hold_on_real_code(fixtures_dir: Path) -> None:
    for name in ("kmath", "ksort", "ramfs"):
        _check_levels(analyze_dir(fixtures_dir / name))
    _check_levels(analyze_dir(CALLS))


def test_plan_is_deterministic() -> None:
    edges = {f"f{i}": [f"f{j}" for j in range(i) if (i * j) % 3 == 1] for i in range(40)}
    first = make_plan(_codebase(edges))
    again = make_plan(_codebase(dict(reversed(list(edges.items())))))
    assert [[u.id for u in lv] for lv in first.levels] == [[u.id for u in lv] for lv in again.levels]


def test_externals_and_indirect_candidates() -> None:
    cb = _codebase({"sort": [], "cmp": [], "other": [], "user": ["sort"]},
                   sort={"indirect_calls": True, "external_calls": ["memcpy"]},
                   cmp={"address_taken": True}, other={"address_taken": True})
    plan = make_plan(cb)
    assert plan.externals == {"sort": ["memcpy"]}
    assert plan.indirect == {"sort": ["cmp", "other"]}


def test_empty_codebase_has_no_levels() -> None:
    assert make_plan(_codebase({})).levels == []


def test_write_dot(tmp_path: Path) -> None:
    cb = analyze_dir(CALLS)
    path = tmp_path / "g.dot"
    write_dot(make_plan(cb), cb, path)
    dot = path.read_text()
    assert dot.startswith("digraph calls {") and dot.rstrip().endswith("}")
    assert '"is_even" -> "is_odd";' in dot and '"is_odd" -> "is_even";' in dot
    assert '"is_even" [label="is_even", color=red];' in dot
    assert '"cmp_int" [label="cmp_int", style=dashed];' in dot
    assert '"run_ops" -> "add_one" [style=dotted, color=gray];' in dot
    assert 'label="a.c";' in dot and '"a.c:helper" [label="helper"];' in dot
