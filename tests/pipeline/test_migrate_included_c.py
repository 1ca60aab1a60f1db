"""A C file that #includes another `.c` file the configuration leaves out of the analysis (XOpt includes its
snprintf.c): the included file's functions are not translated, so the Rust calls them as library functions
(shared.rs declares them) and the kept C of the includer defines them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

IMPL = "int scaled(int x) { return x * 3 + 1; }\n"
MAIN = '#include "./impl.c"\nint twice_scaled(int x) { return 2 * scaled(x); }\n'
TEST = "int twice_scaled(int);\nint main(void) { return twice_scaled(4) != 26; }\n"


@pytest.mark.slow
def test_a_function_of_an_included_c_file_is_called_from_the_rust(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"llmigrate.toml": '[c]\nexclude = ["impl.c"]\n', "impl.c": IMPL,
                                         "outer.c": MAIN, "tests/t.c": TEST})
    data = journal(out)
    assert data["functions"]["twice_scaled"]["status"] == "verified", done.stderr[-3000:]
    assert "pub fn scaled(x: i32) -> i32;" in (out / "src" / "shared.rs").read_text()
    assert '#include "./impl.c"' in (out / "csrc" / "outer.c").read_text()  # nothing kept, yet a unit
    assert data["build"]["ok"] and data["build"]["links"]
    assert [(t["name"], t["c"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed", "passed")]
