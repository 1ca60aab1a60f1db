"""analyze on kernel-style messy C: attribute macros, EXPORT_SYMBOL, #ifdef, bad bytes, syntax errors."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import Codebase

ANALYZE = DATA / "analyze"


@pytest.fixture(scope="module")
def messy() -> Codebase:
    return analyze_dir(ANALYZE / "messy")


def test_attribute_macros_keep_every_definition(messy: Codebase) -> None:
    assert {"crc_step", "is_small", "setup_tables", "crc32", "report"} <= set(messy.functions)
    crc = messy.functions["crc_step"]
    assert (crc.is_static, crc.is_inline, crc.return_type) == (True, True, "u32")
    assert crc.signature == "static inline u32 __pure crc_step(u32 crc, u32 byte)"
    assert [(p.name, p.type) for p in crc.params] == [("crc", "u32"), ("byte", "u32")]


def test_attributes_on_the_line_before_belong_to_the_function(messy: Codebase) -> None:
    fn = messy.functions["is_small"]
    assert fn.source.startswith("__attribute_const__ __always_inline\nstatic bool is_small(u32 x)\n{")
    assert fn.start_line == 14 and fn.end_line == 18
    assert fn.is_inline, "__always_inline is defined by the code as inline + attribute"
    assert fn.return_type == "bool"


def test_init_functions_and_initdata_globals(messy: Codebase) -> None:
    fn = messy.functions["setup_tables"]
    assert (fn.is_static, fn.return_type, fn.params) == (True, "int", [])
    assert fn.callees == ["is_small"] and fn.globals_used == ["counter"]
    assert fn.address_taken, "module_init(setup_tables) passes its address"
    assert fn.macros_used == [], "MY_TRACE is the code's own empty macro: expanded to nothing"
    table = messy.globals["boot_table"]
    assert (table.type, table.is_static, table.init) == ("struct table *", True, None)
    assert messy.globals["counter"].init == "3"


def test_export_symbol_makes_no_function(messy: Codebase) -> None:
    names = {f.name for f in messy.functions.values()}
    assert not {"EXPORT_SYMBOL", "EXPORT_SYMBOL_GPL", "module_init"} & names
    crc32 = messy.functions["crc32"]
    assert crc32.params[0].type == "const u32 *" and crc32.callees == ["crc_step"]
    report = messy.functions["report"]
    assert report.return_type == "void" and report.external_calls == ["printf"]


def test_functions_inside_conditional_compilation(messy: Codebase) -> None:
    assert "debug_only" not in messy.functions, "CONFIG_DEBUG is not defined: the compiler never sees it"
    assert messy.functions["always"].callees == ["pick"]
    pick = messy.functions["pick"]
    assert pick.start_line == 9 and "a + a" in pick.source, "CONFIG_FAST is not defined: the #else one"
    assert [(i.name, i.line, i.removed_by) for i in messy.inactive if i.file == "cond.c"] == [
        ("pick", 4, "cond.c:3: #ifdef CONFIG_FAST"),
        ("debug_only", 17, "cond.c:15: #if defined(CONFIG_DEBUG) && CONFIG_DEBUG > 1")]
    assert not [d for d in messy.diagnostics if d.file == "cond.c"]


def test_configured_defines_choose_the_branch(tmp_path: Path) -> None:
    shutil.copytree(ANALYZE / "messy", tmp_path / "messy")
    config = '[c]\ninclude_dirs = ["include"]\ndefines = ["CONFIG_FAST"]\n'
    (tmp_path / "messy" / "llmigrate.toml").write_text(config)
    pick = analyze_dir(tmp_path / "messy").functions["pick"]
    assert pick.start_line == 4 and "a << 1" in pick.source


def test_non_utf8_bytes_keep_offsets_and_lines(messy: Codebase) -> None:
    fn = messy.functions["latin"]
    assert (fn.start_line, fn.end_line) == (4, 7)
    assert fn.source == "u32 latin(u32 x)\n{\n\treturn x * 2; /* \ufffds */\n}"
    assert fn.hash == hashlib.sha256(fn.source.encode()).hexdigest()
    assert messy.functions["after_latin"].callees == ["latin"]
    [diag] = [d for d in messy.diagnostics if d.file == "latin1.c"]
    assert diag.line == 3 and "UTF-8" in diag.message


def test_syntax_error_inside_one_function_keeps_the_others(messy: Codebase) -> None:
    assert {"before", "damaged", "after"} <= set(messy.functions)
    assert messy.functions["after"].callees == ["before", "damaged"]
    assert messy.functions["damaged"].callees == ["before"]
    errors = [d for d in messy.diagnostics if d.file == "broken.c"]
    assert {d.line for d in errors} == {10, 11}
    assert all(d.severity == "error" and "'damaged'" in d.message for d in errors)


def test_a_file_that_is_not_c_is_reported_and_skipped(messy: Codebase) -> None:
    assert not [f for f in messy.functions.values() if f.file == "garbage.c"]
    assert any(d.file == "garbage.c" and "no declaration could be recovered" in d.message
               for d in messy.diagnostics)
    assert "garbage.c" in messy.files


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.c").write_text("int ok(void) { return 0; }\n")
    (tmp_path / "gone.c").symlink_to(tmp_path / "missing.c")  # listed, but cannot be read
    cb = analyze_dir(tmp_path)
    assert set(cb.functions) == {"ok"}
    [diag] = cb.diagnostics
    assert (diag.file, diag.line, diag.severity) == ("gone.c", 1, "error")
    assert "cannot read" in diag.message


def test_unknown_attribute_macro_hint_and_config(tmp_path: Path) -> None:
    (tmp_path / "f.c").write_text("static inline int MYSTERY f(int a)\n{\n\treturn a;\n}\n")
    cb = analyze_dir(tmp_path)
    assert cb.functions["f"].return_type == "int"
    [diag] = cb.diagnostics
    assert diag.line == 1 and "attribute_macros" in diag.message and "MYSTERY" in diag.message
    (tmp_path / "llmigrate.toml").write_text('[c]\nattribute_macros = ["MYSTERY"]\n')
    cb = analyze_dir(tmp_path)
    assert cb.diagnostics == [] and cb.functions["f"].is_inline


def test_loop_macros_are_a_note_not_an_error(fixtures_dir: Path) -> None:
    cb = analyze_dir(fixtures_dir / "ramfs")
    loops = [d for d in cb.diagnostics if "loop" in d.message]
    assert loops and all(d.severity == "note" for d in loops)
    assert "list_for_each_entry" in cb.functions["d_find_child"].macros_used


def test_export_symbol_without_definition_is_not_an_address(tmp_path: Path) -> None:
    (tmp_path / "e.c").write_text("int f(void)\n{\n\treturn 1;\n}\nEXPORT_SYMBOL_GPL(f);\n"
                                  "static int g(void) { return f(); }\nmodule_init(g);\n")
    cb = analyze_dir(tmp_path)
    assert cb.diagnostics == [] and set(cb.functions) == {"f", "g"}
    assert not cb.functions["f"].address_taken and cb.functions["g"].address_taken


def test_cplusplus_guards_and_parenthesised_names(tmp_path: Path) -> None:
    (tmp_path / "api.h").write_text('#ifdef __cplusplus\nextern "C" {\n#endif\n\nint api(int x);\n\n'
                                    "#if defined(__cplusplus)\n}\n#endif\n")
    (tmp_path / "api.c").write_text('#include "api.h"\nint (api)(int x)\n{\n\treturn x;\n}\n')
    cb = analyze_dir(tmp_path)
    assert cb.diagnostics == []
    assert cb.functions["api"].prototypes == ["api.h:5"] and cb.functions["api"].start_line == 2


def test_macro_defined_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "m.c").write_text("int sum(const int *v, int n)\n{\n# define ADD(x) (acc += (x))\n"
                                  "\tint acc = 0;\n\twhile (n--)\n\t\tADD(*v++);\n\treturn acc;\n"
                                  "#undef ADD\n}\n")
    cb = analyze_dir(tmp_path)
    assert cb.macros["ADD"].params == ["x"] and cb.macros["ADD"].line == 3
    assert cb.functions["sum"].macros_used == ["ADD"] and cb.functions["sum"].external_calls == []


def test_unbalanced_braces_across_ifdef_branches(tmp_path: Path) -> None:
    (tmp_path / "u.c").write_text(
        "int f(int x)\n{\n#ifdef A\n\tif (x) {\n#else\n\tif (!x) {\n#endif\n\t\tx++;\n\t}\n\treturn x;\n}\n\n"
        "int g(int x)\n{\n\treturn f(x);\n}\n\nint h(int x)\n{\n\treturn g(x) + f(x);\n}\n")
    cb = analyze_dir(tmp_path)
    assert set(cb.functions) == {"f", "g", "h"}
    f, g, h = (cb.functions[n] for n in "fgh")
    assert (f.start_line, f.end_line) == (1, 11) and f.source.endswith("return x;\n}")
    assert (g.start_line, g.end_line, g.callees) == (13, 16, ["f"])
    assert h.callees == ["f", "g"]
    assert "#else" in f.source, "source is the file's text, all branches"
    assert cb.diagnostics == [], "tree-sitter reads only the branch the compiler compiles"


def test_missing_closing_brace_cuts_the_function(tmp_path: Path) -> None:
    (tmp_path / "b.c").write_text(
        "int first(int x)\n{\n\tif (x) {\n\t\treturn 1;\n\treturn 0;\n}\n\n"
        "int second(int x)\n{\n\treturn first(x) + 1;\n}\n\nint third(int x)\n{\n\treturn second(x);\n}\n")
    cb = analyze_dir(tmp_path)
    assert set(cb.functions) == {"first", "second", "third"}
    assert (cb.functions["first"].end_line, cb.functions["first"].source[-11:]) == (6, "return 0;\n}")
    assert cb.functions["third"].callees == ["second"] and cb.functions["second"].callees == ["first"]
    cut = [d for d in cb.diagnostics if "no closing brace" in d.message]
    assert [(d.line, d.severity) for d in cut] == [(3, "error")] and "'first'" in cut[0].message


def test_forced_include_macros_are_blanked(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "attrs.h").write_text("#define __hotpath __attribute__((hot))\n#define __unused\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "f.c").write_text("static int __hotpath f(int __unused x)\n{\n\treturn 0;\n}\n")
    (src / "llmigrate.toml").write_text(f'[c]\ninclude_dirs = ["{shim}"]\ncflags = ["-include", "attrs.h"]\n')
    cb = analyze_dir(src)
    assert cb.diagnostics == [] and cb.functions["f"].params[0].type == "int"
    assert cb.functions["f"].signature == "static int __hotpath f(int __unused x)"


def test_macros_inside_conditionals(messy: Codebase) -> None:
    assert "DEBUG_LEVEL" not in messy.macros, "defined only in branches the compiler skips"
    assert messy.macros["MY_TRACE"].params == ["fmt", "..."] and messy.macros["MY_TRACE"].function_like
    assert messy.macros["__my_hot"].params is None and messy.macros["__my_hot"].body == ""


def test_if0_code_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "z.c").write_text(
        "#if 0\nint old(int x)\n{\n#if 1\n\treturn x;\n#endif\n}\n"
        "#else\nint fresh(int x)\n{\n\treturn x;\n}\n#endif\n"
        "#if 0 /* kept for reference */\nint older(void) { return 0; }\n#endif\n"
        "int user(int x)\n{\n\treturn fresh(x);\n}\n")
    cb = analyze_dir(tmp_path)
    assert set(cb.functions) == {"fresh", "user"} and cb.diagnostics == []
    assert cb.functions["fresh"].start_line == 9 and cb.functions["user"].callees == ["fresh"]
