"""Header helpers end to end (issue 13, items 2 and e): `static inline` functions and a `static const` table
of a header used by two C files become private Rust items with their own status; one the builtin cannot
translate is compiled into the crate's C part under a private name and the Rust calls that; a header using
`uint32_t` without including <stdint.h> is read as its includers see it, and the C test links."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

BITS_H = """#ifndef BITS_H
#define BITS_H
static const unsigned char squares[8] = {0, 1, 4, 9, 16, 25, 36, 49};
static inline int clamp8(int x) { return x < 0 ? 0 : x > 7 ? 7 : x; }
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline int via_asm(int x) { int r; __asm__("mov %1, %0" : "=r"(r) : "r"(x)); return r; }
#endif
"""
PRELUDE = '#include <stdint.h>\n#include "bits.h"\n'
A_C = PRELUDE + "uint32_t mix(uint32_t x) { return rotl(x, 5) ^ squares[clamp8(3)]; }\n"
B_C = PRELUDE + "int plain(int x) { return via_asm(x) + squares[clamp8(x)]; }\n"
TEST = """#include <stdint.h>
uint32_t mix(uint32_t); int plain(int);
int main(void) { return !(mix(1) == (32u ^ 9u) && plain(2) == 6 && plain(100) == 149); }
"""


@pytest.mark.slow
def test_header_helpers_are_translated_or_kept_under_a_private_name(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"bits.h": BITS_H, "a.c": A_C, "b.c": B_C, "tests/t.c": TEST})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    # the header's static helpers are verified by differential tests of their own (through test-only exports)
    assert status == {"mix": "verified", "plain": "verified", "clamp8": "verified", "rotl": "verified",
                      "via_asm": "kept_in_c"}, done.stderr[-3000:]
    assert all(data["functions"][f]["equivalence"] == "equivalent" for f in ("clamp8", "rotl"))
    assert "inline asm" in data["functions"]["via_asm"]["reasons"][0]
    kept = (out / "csrc" / "bits_h.c").read_text()
    assert kept.index("#include <stdint.h>") < kept.index("bits.h\"")  # the includer's prelude first
    assert "int __llmigrate_c_bits_h__via_asm(int x)" in kept
    assert "#[link_name = \"__llmigrate_c_bits_h__via_asm\"]" in (out / "src" / "bits_h.rs").read_text()
    shared = (out / "src" / "shared.rs").read_text()
    assert "pub static squares: [u8; 8]" in shared  # const data: an immutable static, private to the crate
    assert data["build"]["ok"] and data["build"]["links"]
    assert [(t["name"], t["c"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed", "passed")]


OUTSIDE_H = """static inline unsigned rot3(unsigned x) { return (x << 3) | (x >> 29); }
static inline int first_of(const int *p) { return p[0]; }
static const unsigned char odd_tab[4] __attribute__((unused)) = {0, 1, 0, 1};
#define IS_ODD(x) (odd_tab[(x) & 3])
"""
USES_OUTSIDE = ('#include "outside.h"\n'
                "unsigned spin(unsigned x) { int a[1] = {2}; return rot3(x) + first_of(a) + IS_ODD(x); }\n")


@pytest.mark.slow
def test_static_inline_functions_of_an_include_dir_are_fns_of_shared_rs(tmp_path: Path) -> None:
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "outside.h").write_text(OUTSIDE_H)
    done, out = migrate_files(tmp_path, {
        "llmigrate.toml": '[c]\ninclude_dirs = ["../inc"]\n', "s.c": USES_OUTSIDE,
        "tests/t.c": "unsigned spin(unsigned);\nint main(void) { return spin(1) != 11; }\n"})
    data = journal(out)
    assert data["functions"]["spin"]["status"] == "verified", done.stderr[-3000:]
    shared = (out / "src" / "shared.rs").read_text()
    assert "pub fn rot3(x: u32) -> u32 {" in shared  # scalar: a safe Rust fn (inline_rust.py)
    assert "pub static odd_tab: [u8; 4] = [0u8, 1u8, 0u8, 1u8];" in shared  # the header's const table
    # its pointer read at [0] only: a slice of one element (rule constant-extent, signatures/hdrinline.py)
    assert "pub fn first_of(p: &[i32]) -> i32 {" in shared
    assert not (out / "csrc" / "llmigrate_shared.c").exists()  # nothing left for the C wrappers (see
    # test_migrate_header_inline_rust for one that stays C)
    assert data["build"]["ok"] and data["build"]["links"]
