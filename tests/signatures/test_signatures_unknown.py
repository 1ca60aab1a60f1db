"""Reference parameters and calls of code the inference cannot see (signatures/reach.py): a callback, a
function pointer read from a struct, a global or a table, a function defined outside SRC may write the
parameter's object through a pointer C outside SRC stored, so no reference may be held across such a call."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.reach import REASON


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def _types(sig) -> list[str]:
    return [p.rust_type for p in sig.params]


UNKNOWN = """struct m { int a; };
struct ops { void (*f)(int); };
void (*hook)(void);
void (*table[2])(void);
extern void ext(void);
void param(struct m *r, void (*c)(void)) { r->a = 1; c(); r->a += 1; }
int viewed(const int *p, int (*f)(int)) { int x = *p; f(1); return x + *p; }
void member(int *p, struct ops *o) { *p = 1; o->f(2); *p += 1; }
void global(int *p) { *p = 1; hook(); *p += 1; }
void tabled(int *p, int i) { *p = 1; table[i & 1](); *p += 1; }
void outside(int *p) { *p = 1; ext(); *p += 1; }
void before(int *p, void (*c)(void)) { *p = 1; c(); }
"""


def test_no_reference_is_held_across_a_call_of_unknown_code(tmp_path):
    # a shared view too (the callee may write what `&T` promises frozen), and a use before the call only:
    # a reference parameter is protected for the whole call, not between its uses
    cb, s = _sigs(tmp_path, UNKNOWN)
    for name in ("param", "viewed", "member", "global", "tabled", "outside", "before"):
        fn = cb.functions[name]
        assert not any(t.startswith("&") for t in _types(s[name])), (name, _types(s[name]))
        assert REASON in raw_reasons(fn, cb).values(), name
    assert _types(s["param"])[0] == "*mut m" and _types(s["viewed"])[0] == "*const i32"
    assert raw_reasons(cb.functions["member"], cb) == {"p": REASON, "o": REASON}


def test_unknown_code_reached_through_a_function_of_src_counts(tmp_path):
    cb, s = _sigs(tmp_path, "void (*hook)(void);\n"
                  "static void notify(void) { if (hook) hook(); }\n"
                  "static void relay(void) { notify(); }\n"
                  "int twice(int *p) { *p = 3; relay(); return *p * 2; }\n")
    assert _types(s["twice"]) == ["*mut i32"]
    assert raw_reasons(cb.functions["twice"], cb) == {"p": REASON}


def test_known_code_leaves_references_alone(tmp_path):
    # functions of SRC, C library functions that run no code of the program, a stream handle (covers no
    # memory) and a macro of SRC that calls nothing
    cb, s = _sigs(tmp_path, "#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\n"
                  "static int sq(int x) { return x * x; }\n"
                  "int plain(int *p) { *p = 7; return sq(*p) + (int)strlen(\"ab\"); }\n"
                  "void copy(int *d, const int *s) { int t; memcpy(&t, s, sizeof t); *d = t; }\n"
                  "void say(FILE *f, void (*c)(void)) { c(); fputs(\"x\", f); }\n")
    assert _types(s["plain"]) == ["&mut i32"]
    assert _types(s["copy"])[0] == "&mut i32"
    assert raw_reasons(cb.functions["say"], cb).get("f") != REASON


def test_a_library_function_that_calls_back_is_unknown_code(tmp_path):
    # qsort runs a comparator: one passed in is code the inference cannot see
    cb, s = _sigs(tmp_path, "#include <stdlib.h>\n"
                  "void sorted(int *n, double *a, int (*cmp)(const void *, const void *))\n"
                  "{ *n = 1; qsort(a, 4, sizeof *a, cmp); *n += 1; }\n")
    assert raw_reasons(cb.functions["sorted"], cb)["n"] == REASON


def test_a_call_a_macro_of_src_hides_counts(tmp_path):
    # the analysis of calls reads a macro's use as a name: its body says what it calls
    cb, s = _sigs(tmp_path, "struct ops { void (*f)(void); };\nextern void ext(void);\n"
                  "#define CALL(o) ((o)->f())\n#define RUN(c) c()\n#define EXT() ext()\n"
                  "#define BYTE(x) ((unsigned char)(x))\n"
                  "static int one(void) { return 1; }\n#define ONE() one()\n"
                  "void member(int *p, struct ops *o) { *p = 1; CALL(o); *p += 1; }\n"
                  "void param(int *p, void (*c)(void)) { *p = 1; RUN(c); *p += 1; }\n"
                  "void outside(int *p) { *p = 1; EXT(); *p += 1; }\n"
                  "void cast(int *p, int v) { *p = BYTE(v) + ONE(); }\n")
    for name in ("member", "param", "outside"):
        assert raw_reasons(cb.functions[name], cb)["p"] == REASON, name
    assert _types(s["cast"])[0] == "&mut i32"  # a cast is no call; `one` is SRC's


def test_a_comparator_of_src_qsort_calls_back_is_known_code_with_its_globals(tmp_path):
    cb, s = _sigs(tmp_path, "#include <stdlib.h>\nint calls;\n"
                  "static int cmp(const void *a, const void *b)\n"
                  "{ return *(const double *)a < *(const double *)b; }\n"
                  "static int counted(const void *a, const void *b) { calls++; return cmp(a, b); }\n"
                  "void sorted(int *n, double *a) { *n = 1; qsort(a, 4, sizeof *a, cmp); *n += 1; }\n"
                  "void tallied(int *n, double *a) { *n = 1; qsort(a, 4, sizeof *a, counted); *n += 1; }\n")
    assert _types(s["sorted"])[0] == "&mut i32" and raw_reasons(cb.functions["sorted"], cb).get("n") is None
    # `calls`, which the comparator writes, may be `*n`: only a run-time check of the entry frees it
    assert s["tallied"].params[0].proof == "disjoint-checked"


def test_strtok_writes_the_string_an_earlier_call_was_given(tmp_path):
    # `strtok(NULL, ...)` writes NULs into memory no argument names: it may be `*s`
    cb, _ = _sigs(tmp_path, "#include <string.h>\n"
                  "int next(int *s) { *s = 1; char *t = strtok(0, \" \"); return *s + (t != 0); }\n")
    assert raw_reasons(cb.functions["next"], cb)["s"] == REASON
