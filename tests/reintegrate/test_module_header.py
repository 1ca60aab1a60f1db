"""Each module file opens with its C file's license header, carried as `//` lines above the shared import."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import c_file_header, render_module

C = """// SPDX-License-Identifier: MIT
/*
 * Counting things. A nested /* inside stays text.
 */

/* not the header: the first blank line ends it */
int one(void) { return 1; }
"""


def test_the_c_files_opening_comments_head_its_module(tmp_path: Path) -> None:
    (tmp_path / "count.c").write_text(C)
    codebase = analyze_dir(tmp_path)
    header = c_file_header(codebase, ["one"])
    assert header == ["// SPDX-License-Identifier: MIT", "// Counting things. A nested /* inside stays text."]
    module = render_module(["one"], {"one": "pub fn one() -> i32 {\n    1\n}\n"}, header)
    assert module.startswith("// SPDX-License-Identifier: MIT\n// Counting things.")
    assert "// Counting things. A nested /* inside stays text.\nuse crate::shared::*;\n" in module


def test_a_file_without_opening_comments_gives_no_header(tmp_path: Path) -> None:
    (tmp_path / "bare.c").write_text("int one(void) { return 1; }\n")
    assert c_file_header(analyze_dir(tmp_path), ["one"]) == []
