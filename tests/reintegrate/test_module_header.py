"""The head of each module file: its C file's license header as `//` lines, then the shared import, only when
the module names something shared.rs defines."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import RustSignature
from llmigrate.reintegrate.crate import c_file_header, render_crate, render_module, shared_names
from llmigrate.rust_syntax import c_header_span

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


def test_a_license_comment_after_the_includes_heads_the_module(tmp_path: Path) -> None:
    text = ("#include <stddef.h>\n#include \"x.h\"\n\n/**\n * Copyright 2020 Someone\n * Use it freely.\n"
            " */\n\n/* one: the first */\nint one(void) { return 1; }\n")
    (tmp_path / "inc.c").write_text(text)
    assert c_file_header(analyze_dir(tmp_path), ["one"]) == ["// Copyright 2020 Someone", "// Use it freely."]
    # the comment before the function stays the function's (the builtin's comments.before)
    assert c_header_span(text)[1] < text.index("/* one")
    (tmp_path / "inc.c").write_text("#include <a.h>\n/* a helper for one */\nint one(void) { return 1; }\n")
    assert c_file_header(analyze_dir(tmp_path), ["one"]) == []


def test_a_file_without_opening_comments_gives_no_header(tmp_path: Path) -> None:
    (tmp_path / "bare.c").write_text("int one(void) { return 1; }\n")
    assert c_file_header(analyze_dir(tmp_path), ["one"]) == []


def test_the_shared_import_stays_only_where_a_shared_name_is_used(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text("int one(void) { return 1; }\n")
    (tmp_path / "b.c").write_text("int two(void) { return 2; }\n")
    codebase = analyze_dir(tmp_path)
    shared = ("#[repr(C)]\npub struct point {\n    pub x: i32,\n}\n"
              "extern \"C\" {\n    pub fn abs(x: i32) -> i32;\n"
              "    pub fn puts(s: *const i8, v: *mut core::ffi::c_void);\n}\n"
              "const _: () = assert!(core::mem::size_of::<point>() == 4);\n")
    assert shared_names(shared) == {"point", "abs", "puts"}  # `*const i8`, `const _` define nothing
    sigs = {f: RustSignature(f, f, m, f, [], "i32", "i32", False, True)
            for f, m in (("one", "a"), ("two", "b"))}
    code = {"one": "pub fn one() -> i32 {\n    let p = point { x: 1 };\n    p.x\n}\n",
            "two": "pub fn two() -> i32 {\n    unsafe { crate::shared::abs(-2) } // a point\n}\n"}
    files = render_crate("ab", codebase, sigs, shared, code, None)
    assert "use crate::shared::*;\n" in files["src/a.rs"]
    assert "use crate::shared::*;" not in files["src/b.rs"] + files["src/ffi.rs"]


def test_a_module_defining_the_name_itself_needs_no_shared_import(tmp_path: Path) -> None:
    (tmp_path / "b.c").write_text("int two(void) { return 2; }\n")
    shared = "#[repr(C)]\npub struct point {\n    pub x: i32,\n}\n"
    sigs = {"two": RustSignature("two", "two", "b", "two", [], "i32", "i32", False, True)}
    own = ("pub fn two() -> i32 {\n    let p = point { x: 2 };\n    p.x\n}\n\n"
           "#[repr(C)]\npub struct point {\n    pub x: i32,\n}\n")  # its own copy shadows the glob import
    files = render_crate("b", analyze_dir(tmp_path), sigs, shared, {"two": own}, None)
    assert "use crate::shared::*;" not in files["src/b.rs"]  # rustc's unused_imports
    # a function of the module named like a shared struct shadows nothing: the struct is a type
    value = "pub fn point() -> i32 {\n    let p: point = point { x: 2 };\n    p.x\n}\n"
    sigs = {"two": RustSignature("two", "two", "b", "point", [], "i32", "i32", False, True)}
    files = render_crate("b", analyze_dir(tmp_path), sigs, shared, {"two": value}, None)
    assert "use crate::shared::*;" in files["src/b.rs"]
