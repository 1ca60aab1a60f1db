"""The harness's objects kept by content (objcache.py): the same key is the same object, another key compiles
and is kept beside it, and only the most recently used versions of a name stay."""

from __future__ import annotations

from llmigrate.verify.difftest.objcache import VERSIONS, cached_object


def _compiler(calls: list[str]):
    def compile_to(path):
        calls.append(path.name)
        path.write_bytes(b"object")
    return compile_to


def test_the_same_key_reuses_the_object_and_another_key_compiles_one_of_its_own(tmp_path):
    calls: list[str] = []
    one = cached_object(tmp_path, "unit_0_c", "a" * 64, _compiler(calls))
    assert cached_object(tmp_path, "unit_0_c", "a" * 64, _compiler(calls)) == one
    two = cached_object(tmp_path, "unit_0_c", "b" * 64, _compiler(calls))
    assert two != one and one.is_file() and two.is_file()
    assert cached_object(tmp_path, "unit_0_c", "a" * 64, _compiler(calls)) == one
    assert len(calls) == 2
    assert one.with_suffix(".key").read_text() == "a" * 64


def test_a_stamp_that_does_not_match_compiles_again(tmp_path):
    """An object whose stamp is missing (the compile was cut short) or holds another key is not trusted."""
    calls: list[str] = []
    obj = cached_object(tmp_path, "t", "c" * 64, _compiler(calls))
    obj.with_suffix(".key").unlink()
    assert cached_object(tmp_path, "t", "c" * 64, _compiler(calls)) == obj
    assert len(calls) == 2


def test_only_the_most_recently_used_versions_of_a_name_stay_with_what_is_kept_beside_them(tmp_path):
    calls: list[str] = []
    first = cached_object(tmp_path, "unit_0_rust", "0" * 64, _compiler(calls))
    first.with_suffix(".defs").write_text("nm's answer\n")
    other = cached_object(tmp_path, "unit_0_rust_x", "0" * 64, _compiler(calls))  # another name: untouched
    for k in range(1, VERSIONS + 1):
        cached_object(tmp_path, "unit_0_rust", str(k) * 64, _compiler(calls))
    kept = sorted(tmp_path.glob("unit_0_rust-*.o"))
    assert len(kept) == VERSIONS and first not in kept
    assert not first.with_suffix(".key").exists() and not first.with_suffix(".defs").exists()
    assert other.is_file()
