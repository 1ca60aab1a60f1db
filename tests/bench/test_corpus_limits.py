"""The corpus bench's pieces without a migration: limits (a dropped floor or a raised ceiling fails), the
checked-in limits and quick subset, entry discovery, Rust signatures, and the link check on a real archive."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from corpus_lib import ROOT, Figures, find_entries, rust_signature
from corpus_limits import check_all, check_entry, limits_from, load_limits
from corpus_link import library_links

LIMITS = ROOT / "tests" / "data" / "corpus_limits.json"
QUICK = ROOT / "bench" / "corpus_quick.txt"
PARTS = {"linux", "crustbench", "thealgorithms"}


def measured() -> Figures:
    return Figures("linux/crc8", "linux", functions=3, verified=3, links=True, c_tests_passed=1,
                   rust_functions=3, rust_lines=86, unsafe_lines=86, untested=2)


def test_figures_within_their_own_limits_pass():
    fig = measured()
    assert check_entry(fig, limits_from(fig)) == []


@pytest.mark.parametrize("change", [{"verified": 2}, {"links": False}, {"c_tests_failed": 1},
                                    {"rust_functions": 0}])
def test_a_dropped_floor_fails(change: dict):
    limits = limits_from(measured())
    broken = check_entry(dataclasses.replace(measured(), **change), limits)
    assert len(broken) == 1 and "below the floor" in broken[0], broken


@pytest.mark.parametrize("change", [{"unsafe_lines": 87}, {"untested": 3}])
def test_a_raised_ceiling_fails(change: dict):
    limits = limits_from(measured())
    broken = check_entry(dataclasses.replace(measured(), **change), limits)
    assert len(broken) == 1 and "above the ceiling" in broken[0], broken


def test_an_entry_with_limits_but_no_figures_fails():
    assert check_all([], {"linux/crc8": limits_from(measured())}) == ["linux/crc8: not measured"]


def test_checked_in_subsets_cover_every_part():
    limits = load_limits(LIMITS)
    assert len(limits) >= 20 and {name.split("/")[0] for name in limits} == PARTS
    quick = QUICK.read_text().split()
    assert 10 <= len(quick) <= 20 and {name.split("/")[0] for name in quick} == PARTS
    for entry_limits in limits.values():
        assert set(entry_limits) == {"floors", "ceilings"}


def test_entries_are_folders_with_a_toml_or_c_files(tmp_path: Path):
    for folder in ("linux/bcd", "linux/shim/include/linux", "crustbench/cJSON/src", "flat"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "linux/bcd/llmigrate.toml").write_text("")
    (tmp_path / "crustbench/cJSON/llmigrate.toml").write_text("")
    (tmp_path / "crustbench/cJSON/src/cJSON.c").write_text("")
    (tmp_path / "flat/a.c").write_text("")
    assert [e.name for e in find_entries(tmp_path)] == ["crustbench/cJSON", "flat", "linux/bcd"]
    assert [e.part for e in find_entries(tmp_path, ["flat", "linux/bcd"])] == ["corpus", "linux"]
    with pytest.raises(ValueError, match="no such entries"):
        find_entries(tmp_path, ["linux/nope"])


def test_rust_signature_is_the_functions_own_not_a_helpers():
    code = ("fn f__helper(p: *mut u8) -> u8 { 0 }\n"
            "// a comment with fn f(x: *mut u8) {\n"
            "pub fn f(xs: &[u8], cb: Option<unsafe extern \"C\" fn(i32) -> i32>) -> u32 { 0 }\n")
    sig = rust_signature(code, "f")
    assert sig.startswith("fn f(xs: &[u8], cb: Option<unsafe extern ") and sig.rstrip().endswith("-> u32")
    assert rust_signature("pub unsafe fn r#match(p: *const i8) {}", "match") == "fn r#match(p: *const i8) "
    assert rust_signature("fn g() {}", "f") is None


def _crate_and_archive(tmp_path: Path, c_body: str) -> tuple[Path, Path]:
    """A crate whose sources export `exported` and `table`, and an archive built from C_BODY."""
    crate = tmp_path / "crate"
    (crate / "src").mkdir(parents=True)
    (crate / "src" / "ffi.rs").write_text('#[no_mangle]\npub unsafe extern "C" fn exported(x: i32) -> i32 {\n'
                                          "    x\n}\n")
    (crate / "src" / "shared.rs").write_text("#[no_mangle]\npub static mut table: [u8; 4] = [0; 4];\n")
    (tmp_path / "lib.c").write_text(c_body)
    subprocess.run(["gcc", "-c", str(tmp_path / "lib.c"), "-o", str(tmp_path / "lib.o")], check=True)
    subprocess.run(["ar", "crs", str(tmp_path / "liblib.a"), str(tmp_path / "lib.o")], check=True)
    return crate, tmp_path / "liblib.a"


@pytest.mark.slow
def test_link_check_names_the_first_unresolved_symbol(tmp_path: Path):
    crate, lib = _crate_and_archive(tmp_path, "int missing_helper(int);\nunsigned char table[4];\n"
                                              "int exported(int x) { return missing_helper(x); }\n")
    assert library_links(crate, lib, tmp_path / "link") == (False, "undefined: missing_helper")


@pytest.mark.slow
def test_link_check_passes_when_every_export_resolves(tmp_path: Path):
    crate, lib = _crate_and_archive(tmp_path, "unsigned char table[4];\nint exported(int x) { return x; }\n")
    assert library_links(crate, lib, tmp_path / "link") == (True, "")
