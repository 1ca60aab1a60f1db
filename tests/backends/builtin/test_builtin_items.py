"""Shared items (src/shared.rs) from the builtin translator: layouts, constants, initializers vs gcc.

The generated shared.rs is compiled by rustc together with a `main` reading the items; a C `main` prints the
same facts through gcc; both outputs must agree. rustc also evaluates the layout assertions shared.rs carries.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers.paths import data_text

from llmigrate.backends.builtin.items import translate_shared
from llmigrate.config import Config
from llmigrate.core import CMacro, Codebase

C_SRC = data_text("backends/builtin/items/items.c")
C_MAIN = data_text("backends/builtin/items/main.c")
RUST_MAIN = data_text("backends/builtin/items/main.rs")


def _hexf_helper() -> str:
    # C's %a for normal doubles: 0x1.<13 hex digits trimmed>p<exp>; enough for the values printed here.
    return r"""
fn hexf(v: f64) -> String {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut frac = format!("{:013x}", bits & ((1u64 << 52) - 1));
    while frac.ends_with('0') { frac.pop(); }
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() { format!("{sign}0x1p{exp:+}") } else { format!("{sign}0x1.{frac}p{exp:+}") }
}
"""


def _codebase(root: Path) -> Codebase:
    macros = {}
    for i, line in enumerate(C_SRC.splitlines(), 1):
        m = re.match(r"#define\s+(\w+)(\()?\s*(.*)", line)
        if m:
            macros[m[1]] = CMacro(m[1], "items.c", i, [] if m[2] else None, m[3])
    return Codebase(root=str(root), config=Config(), files=["items.c"], macros=macros)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("items")
    (root / "items.c").write_text(C_SRC)
    return root, translate_shared(_codebase(root))


def test_failures_name_union_bitfields_and_their_holders(shared) -> None:
    _, st = shared
    assert len(st.failures) == 2, st.failures
    assert re.match(r"items\.c:\d+: bitfield: 'ubf\.a' in a union", st.failures[0])
    assert re.match(r"items\.c:\d+: struct member: 'holds_bf' holds 'ubf'", st.failures[1])
    # Both stay usable behind pointers, as opaque types.
    assert re.search(r"pub struct ubf \{\n    _opaque: \[u8; 0\],", st.code)
    assert "pub p: *mut ubf," in st.code


def test_names_and_externs(shared) -> None:
    _, st = shared
    assert st.names["struct list"] == "list" and st.names["anon_t"] == "anon_t"
    assert "pub fn printf(format: *const i8, ...) -> i32;" in st.code
    assert re.search(r"pub fn strlen\(\w+: \*const i8\) -> u64;", st.code)
    assert "pub fn malloc" not in st.code  # only used by a macro that is not a constant
    assert "SQR" not in st.code and "NOT_CONST" not in st.code
    assert "#[repr(C, packed(1))]" in st.code and "#[repr(C, align(16))]" in st.code
    assert "#[repr(C, packed(2))]" in st.code


@pytest.mark.slow
def test_layout_and_values_match_gcc(shared) -> None:
    root, st = shared
    (root / "main.c").write_text(C_SRC + C_MAIN)
    c = subprocess.run(["gcc", "-w", "-o", str(root / "c_prog"), str(root / "main.c")], capture_output=True,
                       text=True, timeout=60)
    assert c.returncode == 0, c.stderr
    expected = subprocess.run([str(root / "c_prog")], capture_output=True, text=True, timeout=10).stdout
    assert st.names["counter"] == "counter"  # a file-static with a unique name keeps it
    rust = ("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, static_mut_refs)]\n"
            f"mod shared {{\n{st.code}\n}}\n{_hexf_helper()}{RUST_MAIN}")
    (root / "main.rs").write_text(rust)
    r = subprocess.run(["rustc", "--edition", "2021", "-o", str(root / "rust_prog"), str(root / "main.rs")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-4000:]
    got = subprocess.run([str(root / "rust_prog")], capture_output=True, text=True, timeout=10).stdout
    assert got == expected, f"C:\n{expected}\nRust:\n{got}"


def test_typedef_clashing_with_a_tag_is_a_failure(tmp_path: Path) -> None:
    # C keeps `struct foo` and `typedef ... foo` apart; Rust would silently confuse them.
    (tmp_path / "t.c").write_text("struct foo_s { int a; };\nstruct foo { long b; };\n"
                                  "typedef struct foo_s foo;\ntypedef struct foo foo2;\nfoo g;\nfoo2 h;\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert st.failures == ["t.c:3: typedef 'foo': a struct/union of that name already exists and is a "
                           "different type",
                           "t.c:5: global 'g': its type uses a typedef whose name Rust gives to another "
                           "struct"]
    assert "pub type foo2 = foo;" in st.code and "pub static mut h: foo2" in st.code
    assert "static mut g" not in st.code


def test_thread_locals_are_failures_not_shared_statics(tmp_path: Path) -> None:
    (tmp_path / "t.c").write_text("_Thread_local int tl = 3;\n__thread long t2;\nint normal = 1;\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert [f.split(": ")[0] for f in st.failures] == ["t.c:1", "t.c:2"]
    assert all("thread-local" in f for f in st.failures)
    assert "pub static normal: core::sync::atomic::AtomicI32 = " in st.code and "tl" not in st.code


def test_overaligned_globals_are_failures(tmp_path: Path) -> None:
    # A Rust static has its type's alignment; code relying on the declared one would break silently.
    (tmp_path / "t.c").write_text("static unsigned char buf[64] __attribute__((aligned(16)));\n"
                                  "long l __attribute__((aligned(sizeof(long))));\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert st.failures == ["t.c:1: global 'buf': declared with alignment 16, more than its type has; a Rust "
                           "static cannot be over-aligned"]
    assert "pub static l: core::sync::atomic::AtomicI64 = " in st.code  # its own alignment: an atomic


def test_definitions_win_over_forward_declarations_and_same_name_structs_are_failures(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text("struct foo;\nstruct foo *gp;\n"
                                  "int usea(struct foo *p) { return p != 0; }\n")
    (tmp_path / "b.c").write_text("struct foo { int x; long y; };\nint useb(struct foo *p) { return p->x; }\n"
                                  "struct pair { int a, b; };\n"
                                  "int pb(void) { struct pair p = {1, 2}; return p.a; }\n")
    (tmp_path / "c.c").write_text("struct pair { long a; };\n"
                                  "int pc(void) { struct pair p = {3}; return p.a; }\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["a.c", "b.c", "c.c"]))
    assert "pub struct foo {\n    pub x: i32,\n    pub y: i64,\n}" in st.code  # a.c alone saw it incomplete
    assert "pub struct pair {\n    pub a: i32,\n    pub b: i32,\n}" in st.code
    assert st.failures == ["c.c:1: struct 'pair': another definition of that name (b.c:3) is in shared.rs; "
                           "bodies using this one would get the wrong layout"]


def test_the_macro_probe_reads_the_c_file_without_its_function_bodies(tmp_path: Path) -> None:
    # A probe asks clang about file-scope names only: the bodies of the file it includes are skipped, and a
    # macro over the file's own constants still gets its value and C type.
    import clang.cindex as ci

    from llmigrate.backends.builtin.cfront import front_for
    from llmigrate.backends.builtin.items_macros import parse_probe, probe_source

    (tmp_path / "m.c").write_text("enum { BASE = 40 };\n#define ANSWER (BASE + 2)\n"
                                  "int f(int a) { return a + ANSWER; }\n")
    cb = Codebase(root=str(tmp_path), config=Config(), files=["m.c"],
                  macros={"ANSWER": CMacro("ANSWER", "m.c", 2, None, "(BASE + 2)")})
    assert "pub const ANSWER: i32 = 42i32;" in translate_shared(cb).code
    tu = parse_probe(front_for(cb), probe_source(tmp_path / "m.c", ["ANSWER"]))
    f = next(c for c in tu.cursor.get_children() if c.spelling == "f")
    assert not f.is_definition()  # its body skipped: clang keeps a declaration
    assert ci.CursorKind.COMPOUND_STMT not in [k.kind for k in f.get_children()]
