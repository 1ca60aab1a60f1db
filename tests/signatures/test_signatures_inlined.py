"""`static inline` helpers of a header outside SRC as known code (signatures/inlined.py, issue 15): one that
touches only its arguments' values, the bytes its pointer arguments lead to (read only) and const tables
leaves its callers' references; one that writes a global, calls through a function pointer or writes
through its pointer argument is unknown code, across whose call no reference may be held (reach.py)."""

from __future__ import annotations

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.inlined import known_helper
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.reach import REASON
from tests.helpers.paths import DATA
from tests.helpers.runs import safe_and_equivalent

SRC = DATA / "signatures" / "inlined" / "src"  # its helpers in ../include/helpers.h, outside SRC
_SAFE = ("rotated", "mixed", "loaded")


@pytest.fixture(scope="module")
def codebase():
    return analyze_dir(SRC)


def test_which_helpers_are_known_code(codebase):
    known = {h: known_helper(h, codebase) for h in ("rot64", "mix_byte", "load32", "counted", "hooked",
                                                      "store32")}
    assert known == {"rot64": True, "mix_byte": True, "load32": True, "counted": False, "hooked": False,
                     "store32": False}


def test_callers_of_known_helpers_keep_their_references(codebase):
    sigs = map_all(codebase)
    for name in _SAFE:
        assert sigs[name].params[0].rust_type.startswith("&mut "), name
        assert raw_reasons(codebase.functions[name], codebase) == {}, name
    for name in ("bumped", "hooks", "stored"):
        assert sigs[name].params[0].rust_type.startswith("*mut "), name
        assert list(raw_reasons(codebase.functions[name], codebase).values()) == [REASON], name


def test_a_helper_reading_a_mutable_global_or_a_pointer_local_is_unknown(tmp_path):
    (tmp_path / "inc").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "inc" / "h.h").write_text(
        "#include <string.h>\nextern int level;\nextern const int steps[4];\n"
        "static inline int read_level(int x) { return x + level; }\n"
        "static inline int step(int x) { return steps[x & 3]; }\n"
        "static inline void clear(char *p) { char *q = p; memset(q, 0, 4); }\n"
        "static inline int first(const int *p) { return p[0]; }\n"
        "static inline void poke(int *p) { p[0] = 1; }\n"
        "static inline int uses(int x) { static int seen; return x + seen; }\n"
        "static inline int first2(int (*first)(const int *), const int *p) { return first(p); }\n")
    (tmp_path / "src" / "llmigrate.toml").write_text('[c]\ninclude_dirs = ["../inc"]\n')
    (tmp_path / "src" / "m.c").write_text(
        '#include "h.h"\nint level;\n'
        "int a(int *p) { *p = read_level(*p); return *p; }\n"
        "int b(int *p) { *p = step(*p); return *p; }\n"
        "int c(int *p) { char t[4]; *p = 1; clear(t); return *p + t[0]; }\n"
        "int d(int *p) { int t[1] = {3}; *p = first(t); return *p; }\n"
        "int passes(const int *q) { return first(q); }\n"
        "int e(int *p) { int t[1]; *p = 1; poke(t); return *p + t[0]; }\n"
        "int f(int *p) { *p = uses(*p); return *p; }\n"
        "int g(int *p) { int t[1] = {2}; *p = first2(first, t); return *p; }\n")
    cb = analyze_dir(tmp_path / "src")
    # `steps` is const but defined outside SRC: the header's word for it is no proof nothing writes it
    # first2 calls through its parameter, though a known helper bears its name
    assert {h: known_helper(h, cb) for h in ("read_level", "step", "clear", "first", "poke", "uses",
                                             "first2")} == \
        {"read_level": False, "step": False, "clear": False, "first": True, "poke": False, "uses": False,
         "first2": False}
    for name in ("a", "b", "c", "f", "g"):
        assert raw_reasons(cb.functions[name], cb).get("p") == REASON, name
    # poke writes through its pointer, so it is no known code, but the rules prove that pointer (a slice of
    # one element, signatures/hdrinline.py): a call of it is then a call of a proven callee
    assert raw_reasons(cb.functions["d"], cb).get("p") is None
    assert raw_reasons(cb.functions["e"], cb).get("p") is None
    # first's pointer is proven a slice of one element (hdrinline.py), which `q` alone is not: it stays raw
    assert raw_reasons(cb.functions["passes"], cb).get("q") == \
        "passed to a callee's string or slice parameter"


@pytest.mark.slow
def test_callers_of_known_helpers_behave_as_the_c(tmp_path):
    # `loaded` calls the C of load32 (kept as C: it takes a pointer), so it is an unsafe fn, `&mut` and all
    _, module = safe_and_equivalent(SRC, tmp_path / "out", "calls", ("rotated", "mixed"))
    assert "pub unsafe fn loaded(out: &mut u32, v: u32)" in module
    for name in ("bumped", "hooks", "stored"):
        assert f"pub unsafe fn {name}(" in module and "*mut " in module, name
