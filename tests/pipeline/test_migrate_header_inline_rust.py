"""Header `static inline` functions outside SRC in Rust (issue 15): an arithmetic one (and one calling it) is
a safe fn of shared.rs, translated once, so its callers call it without `unsafe` and stay safe; a
pointer-taking one whose pointer the rules prove is a safe fn taking a reference, and so is its caller
(signatures/hdrinline.py); one with inline asm
keeps the C wrapper, the log says why, and the crate still links. gcc's C test and the differential tests
judge all of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

HELPERS_H = """static inline unsigned rotl32(unsigned w, unsigned s)
{ return (w << (s & 31)) | (w >> ((-s) & 31)); }
static inline unsigned twice_rot(unsigned w) { return rotl32(w, 7) + rotl32(w, 33); }
static inline unsigned load32(const unsigned *p) { return *p; }
static inline unsigned fenced(unsigned x)
{ unsigned r; __asm__("lea 1(%1), %0" : "=r"(r) : "r"(x)); return r; }
"""
S_C = """#include "helpers.h"
unsigned mix(unsigned a, unsigned b) { return rotl32(a, b) ^ twice_rot(b); }
unsigned first(const unsigned *p) { return load32(p); }
unsigned bump(unsigned x) { return fenced(x); }
"""
TEST_C = """unsigned mix(unsigned, unsigned); unsigned first(const unsigned *); unsigned bump(unsigned);
int main(void) { unsigned v = 9;
  return !(mix(0x80000001u, 1) == (3u ^ 130u) && mix(5, 32) == (5u ^ (0x1000u + 0x40u))
           && first(&v) == 9 && bump(41) == 42); }
"""


def _between(text: str, fid: str) -> str:
    return re.search(rf"// llmigrate:begin {fid}\n(.*?)// llmigrate:end {fid}\n", text, re.S).group(1)


@pytest.mark.slow
def test_scalar_header_functions_are_safe_rust_fns_and_their_callers_stay_safe(tmp_path: Path) -> None:
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "helpers.h").write_text(HELPERS_H)
    done, out = migrate_files(tmp_path, {"llmigrate.toml": '[c]\ninclude_dirs = ["../inc"]\n', "s.c": S_C,
                                         "tests/t.c": TEST_C})
    data = journal(out)
    assert {f: e["status"] for f, e in data["functions"].items()} == dict.fromkeys(
        ("bump", "first", "mix"), "verified"), done.stderr[-3000:]
    assert data["functions"]["mix"]["equivalence"] == "equivalent"
    shared = (out / "src" / "shared.rs").read_text()
    assert shared.count("pub fn rotl32(w: u32, s: u32) -> u32 {") == 1  # once per crate
    assert "pub fn twice_rot(w: u32) -> u32 {" in shared  # tried again once rotl32 was Rust
    assert "__llmigrate_inline_rotl32" not in shared + (out / "csrc" / "llmigrate_shared.c").read_text()
    rust = (out / "src" / "s.rs").read_text()
    mix = _between(rust, "mix")
    assert "pub fn mix(a: u32, b: u32) -> u32" in mix and "unsafe" not in mix
    # the pointer one's pointer is proven a shared reference (signatures/hdrinline.py): a safe fn, and its
    # caller passes its own reference
    assert "pub fn load32(p: &u32) -> u32 {" in shared and "inline_load32" not in shared
    assert "pub fn first(p: &u32) -> u32" in _between(rust, "first")
    # asm: the C wrapper, compiled by build.rs, called as today; the log says why
    assert '#[link_name = "__llmigrate_inline_fenced"]' in shared
    assert "__llmigrate_inline_fenced(unsigned int a0)" in (out / "csrc" / "llmigrate_shared.c").read_text()
    assert re.search(r"helpers\.h:6: inline asm: .*it stays C", done.stdout + done.stderr)
    assert data["build"]["ok"] and data["build"]["links"]
    assert [(t["name"], t["c"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed", "passed")]
