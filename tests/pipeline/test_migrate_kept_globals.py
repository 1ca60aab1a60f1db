"""A global whose initializer the builtin cannot evaluate keeps its definition in C (the crate's C part)
and the Rust declares it `extern`: its value survives, the functions using it stay Rust, and no symbol is
defined on both sides (issue 13, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

LIB = """#include <stdint.h>
#define ADDR_OF(x) ((intptr_t)&(x))
struct key { int enabled; };
int base[4] = {1, 2, 3, 4};
intptr_t where = ADDR_OF(base[1]);
static int hidden = 5;
int where_ok(void) { return where == (intptr_t)&base[1]; }
int bump(int x) { base[0] += x; return base[0] + hidden; }
"""
TEST = "int where_ok(void); int bump(int);\nint main(void) { return !(where_ok() == 1 && bump(2) == 8); }\n"


@pytest.mark.slow
def test_unevaluable_initializer_keeps_the_global_in_c(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"g.c": LIB, "tests/t.c": TEST})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert status == {"where_ok": "verified", "bump": "verified"}, done.stderr[-3000:]
    shared = (out / "src" / "shared.rs").read_text()
    assert "pub static mut r#where: isize;" in shared or "pub static mut where: isize;" in shared
    kept = (out / "csrc" / "g.c").read_text()
    assert "intptr_t where = ADDR_OF(base[1]);" in kept  # the C definition, once
    assert "extern int base[4];" in kept  # Rust defines this one
    assert "int __llmigrate_c_" not in kept and "int where_ok(void);" in kept
    assert data["build"]["ok"] and data["build"]["links"]


BY_MACRO = """#define MAKE_TWICE(name, type) type name(type x) { return helper(x) * 2; }
int helper(int x) { return x + 1; }
MAKE_TWICE(twice_int, int)
MAKE_TWICE(twice_long, long)
"""
TEST_MACRO = ("int twice_int(int); long twice_long(long);\n"
              "int main(void) { return twice_int(1) + twice_long(2) != 10; }\n")


@pytest.mark.slow
def test_functions_a_macro_defines_stay_in_the_c_part(tmp_path: Path) -> None:
    """The analysis does not read what a macro defines; the compiler does: those definitions stay in C even
    when no function of their file is kept, so C callers still link them."""
    done, out = migrate_files(tmp_path, {"m.c": BY_MACRO, "tests/t.c": TEST_MACRO})
    data = journal(out)
    assert data["functions"]["helper"]["status"] == "verified", done.stderr[-3000:]
    kept = (out / "csrc" / "m.c").read_text()
    assert "int helper(int x);" in kept and "MAKE_TWICE(twice_int, int)" in kept
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed")]



STATIC_ADDR = """#include <stdint.h>
int base[4] = {1, 2, 3, 4};
static intptr_t where = (intptr_t)&base[1];
static int *skip = base + ((intptr_t)&base[2] - (intptr_t)&base[1]) / sizeof(int);
static int hidden = 5;
static intptr_t hidden_at = (intptr_t)&hidden;
static int twice(int x) { return 2 * x; }
static int counter(int x) { return x + hidden++; }
struct op { intptr_t tag; int (*f)(int); };
static struct op pure = { (intptr_t)&base[0], twice };
static struct op stateful = { (intptr_t)&base[0], counter };
int where_ok(void) { return where == (intptr_t)&base[1] && *skip == 2; }
int pure_ok(void) { return pure.f(3) == 6 && pure.tag == (intptr_t)base; }
int stateful_ok(void) { return stateful.f(1) == 6; }
int at(void) { return *(int *)where; }
int hidden_ok(void) { return hidden_at == (intptr_t)&hidden; }
"""
TEST_ADDR = ("int where_ok(void); int at(void); int hidden_ok(void); int pure_ok(void);\n"
             "int stateful_ok(void);\n"
             "int main(void) { return !(where_ok() == 1 && at() == 2 && hidden_ok() == 1 && pure_ok() == 1 "
             "&& stateful_ok() == 1); }\n")


@pytest.mark.slow
def test_a_static_global_with_an_unevaluable_initializer_stays_c_and_its_users_rust(tmp_path: Path) -> None:
    """The C definition of a file-static global stays and gets a private exported alias, which shared.rs
    declares: the one copy, so the functions using it are translated. Not when its initializer names
    another static variable, or a static function using one: the kept C would have its own copy of it."""
    done, out = migrate_files(tmp_path, {"s.c": STATIC_ADDR, "tests/t.c": TEST_ADDR})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert status["where_ok"] == status["at"] == status["pure_ok"] == "verified", done.stderr[-3000:]
    failures = data["shared"]["failures"]
    assert [f.split(":")[1] for f in failures if " global " in f] == ["6", "11"]  # hidden_at, stateful
    shared = (out / "src" / "shared.rs").read_text()
    assert '#[link_name = "__llmigrate_g_s_c__where"]\n    pub static mut r#where: isize;' in shared
    kept = (out / "csrc" / "s.c").read_text()
    assert 'extern __typeof__(where) __llmigrate_g_s_c__where __attribute__((alias("where")));' in kept
    assert "static intptr_t where = (intptr_t)&base[1];" in kept and "extern int base[4];" in kept
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed")]


SPLIT = """#include <stdarg.h>
#include <stdio.h>
static int verbose;
static const char *prefix = "v: ";
void set_verbose(int on) { verbose = on; }
int say(int x)
{
\t__asm__ volatile ("rep; nop" : : : "memory");
\tif (!verbose)
\t\treturn 0;
\treturn printf("%s%d\\n", prefix, x);
}
int said(int x) { return say(x); }
"""
TEST_SPLIT = ("void set_verbose(int); int said(int);\n"
              "int main(void) { int quiet = said(1); set_verbose(1);\n"
              "return !(quiet == 0 && said(42) == 6); }\n")


@pytest.mark.slow
def test_a_static_global_the_kept_c_uses_is_the_rust_one(tmp_path: Path) -> None:
    """`say` stays C (inline asm) and reads `verbose`, which the Rust `set_verbose` writes: shared.rs exports
    its static under a private symbol and the kept C declares that, so there is one copy, not one a side."""
    done, out = migrate_files(tmp_path, {"v.c": SPLIT, "tests/t.c": TEST_SPLIT})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert status["set_verbose"] == status["said"] == "verified" and status["say"] == "kept_in_c", \
        done.stderr[-3000:]
    shared = (out / "src" / "shared.rs").read_text()
    atomic = "core::sync::atomic::AtomicI32"  # a scalar: an atomic (signatures/atomics.py)
    assert f'#[export_name = "__llmigrate_g_v_c__verbose"]\npub static verbose: {atomic} = ' in shared
    kept = (out / "csrc" / "v.c").read_text()
    assert 'extern int verbose __asm__("__llmigrate_g_v_c__verbose");' in kept
    assert not any("separate copies" in r for r in data["functions"]["say"]["reasons"])
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed")]
