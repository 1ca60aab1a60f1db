"""The shared items' pass reads SRC one unit at a time: how many parsed units live at once does not grow with
the number of files, and what the units not read yet are taken to define never changes shared.rs."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends.builtin import cfront, items_stream
from llmigrate.backends.builtin.items import translate_shared

FILES = 40


def _file(i: int) -> str:
    """A struct, a typedef, a function calling the next file's (defined later), a global naming one in a
    few files (such a global keeps its unit to the end), and a library call."""
    table = f"int (*table_{i})(int) = f_{i};\n" if i % 20 == 0 else ""
    return (f'#include <stdlib.h>\n#include "common.h"\n'
            f"struct s_{i} {{ int a; long b; }};\ntypedef struct s_{i} s_{i}_t;\n"
            f"int f_{i}(int x) {{ s_{i}_t v = {{ x, 1 }}; return abs(v.a) + f_{(i + 1) % FILES}(x); }}\n"
            f"{table}")


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stream")
    (root / "common.h").write_text("".join(f"int f_{i}(int x);\n" for i in range(FILES)))
    for i in range(FILES):
        (root / f"m{i:02}.c").write_text(_file(i))
    return root


def test_units_alive_at_once_stay_bounded(src: Path) -> None:
    codebase = analyze_dir(src)
    shared = translate_shared(codebase)
    # the Front's last few units, the type memo's (types._MEMOS), and the two globals naming a function
    assert cfront.front_for(codebase).peak_units <= cfront.KEEP_TUS + 8 + 2 < FILES
    assert "pub struct s_39" in shared.code and "pub type s_0_t = s_0;" in shared.code
    # every f_i is defined in SRC, the later ones too: none is declared as a library function
    assert "pub fn abs(" in shared.code and "pub fn f_" not in shared.code
    assert "pub static mut table_20: Option<unsafe extern \"C\" fn(i32) -> i32> = Some(crate::ffi::f_20);" \
        in shared.code


def test_wrong_hints_are_caught_and_the_pass_runs_again(src: Path) -> None:
    codebase = analyze_dir(src)
    front = cfront.front_for(codebase)
    right = items_stream.stream(codebase, front)
    wrong = items_stream.stream(codebase, front, items_stream.Hints(frozenset(), frozenset(), frozenset()))
    assert sorted(wrong.col.extern_functions) == sorted(right.col.extern_functions) == ["abs"]
    assert [it.code for it in wrong.types] == [it.code for it in right.types]
    assert list(wrong.col.globals) == list(right.col.globals) == ["table_0", "table_20"]


def test_the_pass_leaves_the_first_files_parsed_for_the_units_that_follow(src: Path) -> None:
    """The units come in the pass's order: past KEEP_TUS files the pass drops the file it read last, so the
    first ones are still parsed when their units come (dropping the oldest, as units do, re-parsed them all);
    the bound on files kept is the same, and the units' own order drops the oldest again."""
    codebase = analyze_dir(src)
    translate_shared(codebase)
    front = cfront.front_for(codebase)
    kept = list(front._tus)
    assert len(kept) == cfront.KEEP_TUS and not front.scanning
    assert kept[:-1] == [f"m{i:02}.c" for i in range(cfront.KEEP_TUS - 1)] and kept[-1] == f"m{FILES - 1}.c"
    parsed = {f: front._tus[f][0] for f in kept}
    assert all(front.parse(f)[0] is parsed[f] for f in kept[:-1])  # their units parse nothing again
    front.parse(f"m{cfront.KEEP_TUS - 1:02}.c")  # the first file the pass dropped: the oldest goes
    assert len(front._tus) == cfront.KEEP_TUS and f"m{FILES - 1}.c" not in front._tus
