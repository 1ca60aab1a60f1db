"""What exists is what the compiler sees: analyze evaluates `#if` with SRC's defines, cflags and `-include`s,
and the functions and globals it lists as inactive are exactly the ones `gcc -E` does not emit."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers.paths import DATA, FIXTURES

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import Codebase

PREPROC = DATA / "analyze" / "preproc"
_MARKER = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"')


@pytest.fixture(scope="module")
def pre() -> Codebase:
    return analyze_dir(PREPROC)


def emitted(codebase: Codebase, unit: str) -> tuple[dict[str, dict[int, str]], bool]:
    """Per file of SRC, the text `gcc -E` of `unit` emits, by source line (from its line markers); and
    whether it got to the end (a missing include stops it)."""
    src = Path(codebase.root).resolve()
    cmd = [codebase.config.compiler, "-E", *codebase.config.c_args(src), f"-I{src}", str(src / unit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=src, timeout=60)
    lines: dict[str, dict[int, str]] = {}
    file, number = None, 0
    for text in proc.stdout.splitlines():
        m = _MARKER.match(text)
        if m:
            path = (src / m.group(2)).resolve()
            file = path.relative_to(src).as_posix() if path.is_relative_to(src) else None
            number = int(m.group(1))
            if file is not None:
                lines.setdefault(file, {})
            continue
        if file is not None and text.strip():  # a marker may cut a line in two: join the parts
            lines.setdefault(file, {})[number] = lines.get(file, {}).get(number, "") + " " + text
        number += 1
    return lines, proc.returncode == 0


def compiled_text(codebase: Codebase) -> tuple[dict[str, dict[int, str]], set[str]]:
    """What the preprocessor emits of each file over every .c file and every header no .c file reads; and
    the files of units it could not finish."""
    seen: dict[str, dict[int, str]] = {}
    stopped = set()
    units = codebase.c_files()
    for unit in units + [f for f in codebase.files if f.endswith(".h")]:
        if unit.endswith(".h") and unit in seen:
            continue
        lines, finished = emitted(codebase, unit)
        for file, text in lines.items():
            seen.setdefault(file, {})
            for number, line in text.items():
                seen.setdefault(file, {})[number] = seen.get(file, {}).get(number, "") + line
        stopped |= set() if finished else {unit, *lines}
    return seen, stopped


def check_against_preprocessor(codebase: Codebase) -> None:
    """No inactive definition is emitted where analyze says it stands; every function is (in files of the
    units the preprocessor could finish)."""
    text, stopped = compiled_text(codebase)
    for item in codebase.inactive:
        assert item.file in text, f"{item.file} is read by no translation unit"
        assert item.name not in text[item.file].get(item.line, ""), f"{item} is compiled"
    for fn in codebase.functions.values():
        span = range(fn.start_line, fn.end_line + 1)
        assert fn.file in stopped or any(fn.name in text.get(fn.file, {}).get(n, "") for n in span), \
            f"{fn.id} is not compiled"


def test_inactive_list_is_what_the_preprocessor_removes(pre: Codebase) -> None:
    assert [(i.kind, i.name, i.file, i.line, i.removed_by) for i in pre.inactive] == [
        ("function", "div_small", "bits.c", 3, "bits.c:2: #if BITS_PER_LONG < 64"),
        ("function", "scale", "twins.c", 6, "twins.c:5: #if WANT_FAST == 0"),
        ("function", "slow_helper", "twins.c", 18, "twins.c:17: #ifdef WANT_SLOW"),
        ("global", "slow_total", "twins.c", 22, "twins.c:17: #ifdef WANT_SLOW")]
    check_against_preprocessor(pre)


def test_of_conditional_twins_the_compiled_one_is_analysed(pre: Codebase) -> None:
    scale = pre.functions["scale"]  # `-include config.h` defines WANT_FAST
    assert (scale.start_line, scale.end_line) == (11, 14) and "x << 1" in scale.source
    assert pre.functions["use_scale"].callees == ["scale", "self_fn"]
    assert not [d for d in pre.diagnostics if d.file == "twins.c"]


def test_main_renamed_by_a_define_is_migrated_under_its_compiled_name(pre: Codebase) -> None:
    assert "main" not in pre.functions
    fn = pre.functions["lib_main"]
    assert (fn.id, fn.file, fn.start_line) == ("lib_main", "bits.c", 9) and fn.source.startswith("int main(")
    [note] = [d for d in pre.diagnostics if d.file == "bits.c"]
    assert note.severity == "note" and "'main' is compiled as 'lib_main'" in note.message


def test_a_global_a_macro_defines_is_a_global(pre: Codebase) -> None:
    key = pre.globals["fast_key"]
    assert (key.file, key.line, key.type, key.by_macro) == ("keys.c", 10, "struct key", True)
    assert key.source == "DEFINE_KEY_TRUE(fast_key);" and not key.is_static
    assert pre.functions["key_enabled"].globals_used == ["fast_key"]


def test_a_header_is_live_where_any_unit_compiles_it(pre: Codebase) -> None:
    # opt.h's helper exists only for keys.c (it defines WANT_INLINE); self.h is read twice by twins.c
    assert {"opt_helper", "self_fn"} <= set(pre.functions)
    assert pre.functions["key_enabled"].callees == ["opt_helper"]


def test_a_missing_include_is_an_error_and_the_rest_is_analysed(pre: Codebase) -> None:
    [error] = [d for d in pre.diagnostics if d.severity == "error"]
    assert (error.file, error.line) == ("missing.c", 1) and "'nonexistent.h' file not found" in error.message
    assert {"ok_fn", "needs_missing"} <= set(pre.functions)
    assert pre.functions["needs_missing"].external_calls == ["missing_fn"]


@pytest.mark.parametrize("lib", sorted(p.name for p in (DATA / "corpus").iterdir() if p.is_dir())
                         + ["fixtures/ramfs"])
def test_libraries_agree_with_the_preprocessor(lib: str) -> None:
    root = FIXTURES.parent / lib if lib.startswith("fixtures/") else DATA / "corpus" / lib
    check_against_preprocessor(analyze_dir(root))
