"""analyze: calls, function pointers, static collisions, prototypes, context slices, bad input, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.paths import DATA
from typer.testing import CliRunner

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.cli import app
from llmigrate.core import Codebase, LlmigrateError

ANALYZE = DATA / "analyze"


@pytest.fixture(scope="module")
def calls() -> Codebase:
    return analyze_dir(ANALYZE / "calls")


@pytest.fixture(scope="module")
def slices() -> Codebase:
    return analyze_dir(ANALYZE / "slices")


def test_mutual_and_self_recursion(calls: Codebase) -> None:
    assert calls.functions["is_even"].callees == ["is_odd"]
    assert calls.functions["is_odd"].callees == ["is_even"]
    assert calls.functions["fact"].callees == ["fact"]


def test_function_pointers(calls: Codebase) -> None:
    fns = calls.functions
    taken = {fid for fid, f in fns.items() if f.address_taken}
    assert taken == {"cmp_int", "add_one", "drop"}  # via a ?: argument, a static table, a local pointer
    run = fns["run_ops"]
    assert run.indirect_calls and run.callees == [] and run.external_calls == []
    sort = fns["sort_ints"]
    assert not sort.indirect_calls and sort.external_calls == ["qsort"]
    assert [(p.name, p.type) for p in sort.params] == [("v", "int *"), ("n", "int"), ("cmp", "cmp_fn")]
    assert calls.types["cmp_fn"].target == "int (*)(const void *, const void *)"
    assert [(f.name, f.type) for f in calls.types["struct ops"].fields] == [
        ("apply", "int (*)(int)"), ("release", "void (*)(void *)")]
    assert calls.globals["default_ops"].is_const and calls.globals["default_ops"].type == "const struct ops"


def test_static_name_collisions_get_file_ids(calls: Codebase) -> None:
    assert {"a.c:helper", "b.c:helper"} <= set(calls.functions) and "helper" not in calls.functions
    assert calls.functions["entry_a"].callees == ["a.c:helper"]
    assert calls.functions["entry_b"].callees == ["b.c:helper", "entry_a"]
    assert calls.functions["a.c:helper"].name == "helper"


def test_static_inline_in_header_is_resolved_from_includers(calls: Codebase) -> None:
    assert calls.functions["twice"].file == "api.h"
    assert calls.functions["add_one"].callees == ["twice"]


def test_colliding_header_statics_resolve_through_transitive_includes(tmp_path: Path) -> None:
    (tmp_path / "one.h").write_text("static inline int pick(int x) { return x; }\n")
    (tmp_path / "two.h").write_text("static inline int pick(int x) { return -x; }\n")
    (tmp_path / "mid.h").write_text('#include "two.h"\n')
    (tmp_path / "a.c").write_text('#include "one.h"\nint a(int x) { return pick(x); }\n')
    (tmp_path / "b.c").write_text('#include "mid.h"\nint b(int x) { return pick(x); }\n')
    (tmp_path / "c.c").write_text("static int pick(int x) { return 0; }\nint c(int x) { return pick(x); }\n")
    (tmp_path / "d.c").write_text("static int hidden(void) { return 1; }\n")
    (tmp_path / "e.c").write_text("int e(void) { return hidden(); }\n")
    cb = analyze_dir(tmp_path)
    assert cb.functions["e"].callees == [] and cb.functions["e"].external_calls == ["hidden"]
    assert cb.functions["a"].callees == ["one.h:pick"]
    assert cb.functions["b"].callees == ["two.h:pick"]
    assert cb.functions["c"].callees == ["c.c:pick"]


def test_prototypes_are_linked(calls: Codebase) -> None:
    assert calls.functions["is_even"].prototypes == ["api.h:12"]
    assert calls.functions["run_ops"].prototypes == ["api.h:16"]
    assert calls.functions["cmp_int"].prototypes == []
    assert list(calls.prototypes) == ["never_defined"]
    assert calls.prototypes["never_defined"].params[0].type == "int"


def test_context_slices_are_transitive(slices: Codebase) -> None:
    s = slices.slices["is_root"]
    assert s.types.index("struct inode") > s.types.index("ino_t") > s.types.index("u32")
    assert {"struct dentry", "struct list", "enum kind"} <= set(s.types)  # through fields
    assert "struct unused_type" not in s.types and "stats_t" not in s.types
    assert s.macros == ["ROOT_INO", "IS_ROOT", "NAME_LEN", "NAME_BUF"]  # IS_ROOT needs ROOT_INO; types NAME_*
    a = slices.slices["alloc_ino"]
    assert a.globals == ["global_stats", "next_ino"] and a.macros == ["INO_MAX"]
    assert a.types == ["u32", "ino_t", "stats_t"]  # INO_MAX casts to ino_t; the global's type
    assert slices.slices["plain"].types == ["enum kind", "u32"]  # K_FILE is an enumerator of enum kind


def test_types_fields_and_typedefs(slices: Codebase) -> None:
    inode = slices.types["struct inode"]
    assert [(f.name, f.type) for f in inode.fields] == [
        ("ino", "ino_t"), ("kind", "enum kind"), ("parent", "struct dentry *"),
        ("", "union { u32 size; u32 nlink; }"), ("flags", "unsigned : 3")]
    assert inode.depends_on == ["enum kind", "ino_t", "struct dentry", "u32"]
    assert slices.types["struct dentry"].fields[0].type == "char [NAME_BUF]"
    assert slices.types["enum kind"].enumerators == [("K_FILE", None), ("K_DIR", "4")]
    stats = slices.types["stats_t"]
    assert (stats.kind, stats.target, [f.name for f in stats.fields]) == ("typedef", "struct {...}",
                                                                         ["used", "total"])
    assert slices.globals["global_stats"].type == "stats_t" and not slices.globals["global_stats"].is_extern


def test_forward_declaration_is_incomplete(tmp_path: Path) -> None:
    (tmp_path / "a.h").write_text("struct hidden;\nstruct shown;\nstruct shown { int x; };\n")
    cb = analyze_dir(tmp_path)
    assert not cb.types["struct hidden"].complete and cb.types["struct shown"].complete


def test_types_of_an_included_fragment_are_the_includers(tmp_path: Path) -> None:
    """`#include "x.inc"`: the compiler reads the fragment as part of the .c, so the struct it defines is
    complete; its other contents (rows of a table, expanded where they are included) are not read alone."""
    (tmp_path / "inc").mkdir()
    (tmp_path / "a.h").write_text("typedef struct hidden hidden;\nint get(const hidden *h);\n")
    (tmp_path / "inc" / "hidden.inc").write_text("struct hidden { int x; int rest[]; };\n")
    (tmp_path / "rows.def").write_text("ROW(one, 1)\nROW(two, 2)\n")
    (tmp_path / "a.c").write_text('#include "a.h"\n#include "inc/hidden.inc"\n'
                                  "#define ROW(n, v) n = v,\nenum row {\n#include \"rows.def\"\n};\n"
                                  "int get(const hidden *h) { return h->x + two; }\n")
    cb = analyze_dir(tmp_path)
    hidden = cb.types["struct hidden"]
    assert hidden.complete and hidden.file == "inc/hidden.inc"
    assert [f.name for f in hidden.fields] == ["x", "rest"]
    assert list(cb.functions) == ["get"] and not [d for d in cb.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("make", [
    lambda p: p / "missing",
    lambda p: (p / "file.c").write_text("int x;\n") and p / "file.c",
    lambda p: (p / "README").write_text("no C here\n") and p,
])
def test_bad_src_is_an_error(tmp_path: Path, make) -> None:
    with pytest.raises(LlmigrateError):
        analyze_dir(make(tmp_path))


def test_cli_bad_src_exits_2(tmp_path: Path) -> None:
    runner = CliRunner()
    for src in (tmp_path / "missing", tmp_path):
        result = runner.invoke(app, ["analyze", str(src)])
        assert result.exit_code == 2, result.output
        assert "llmigrate: error:" in result.output and str(src) in result.output


def test_cli_unwritable_dot_exits_2(tmp_path: Path) -> None:
    dot = tmp_path / "no" / "g.dot"
    result = CliRunner().invoke(app, ["analyze", str(ANALYZE / "calls"), "--dot", str(dot)])
    assert result.exit_code == 2 and "cannot write the DOT file" in result.output


def test_cli_config_error_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text("int a(void) { return 0; }\n")
    (tmp_path / "llmigrate.toml").write_text('[c]\ninclude_dir = ["x"]\n')
    result = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 2 and "c.include_dir" in result.output
    (tmp_path / "llmigrate.toml").write_text('[c]\nattribute_macros = "X"\n')
    result = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 2 and "c.attribute_macros" in result.output


def test_cli_summary_json_and_dot(tmp_path: Path) -> None:
    src = str(ANALYZE / "calls")
    summary = CliRunner().invoke(app, ["analyze", src])
    assert summary.exit_code == 0
    assert "is_even <-> is_odd" in summary.output and "qsort (1)" in summary.output
    assert "recursion.c" in summary.output and "run_ops: add_one, cmp_int, drop" in summary.output
    dot = tmp_path / "calls.dot"
    out = CliRunner().invoke(app, ["analyze", src, "--json", "--dot", str(dot)])
    data = json.loads(out.output)
    assert data["cycles"] == [["is_even", "is_odd"]]
    assert data["order"][-1] == ["entry_b"]
    fn = next(f for f in data["functions"] if f["id"] == "a.c:helper")
    assert (fn["file"], fn["start_line"], fn["end_line"], fn["static"]) == ("a.c", 2, 5, True)
    assert '"entry_b" -> "b.c:helper";' in dot.read_text()


def test_excluded_and_test_files_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "lib.c").write_text("int lib(void) { return 1; }\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "t.c").write_text("int main(void) { return lib(); }\n")
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "g.c").write_text("int g(void) { return 2; }\n")
    (tmp_path / "llmigrate.toml").write_text('[c]\nexclude = ["gen"]\n')
    assert analyze_dir(tmp_path).files == ["lib.c"]


def test_declarator_types_are_abstract(tmp_path: Path) -> None:
    (tmp_path / "d.c").write_text(
        "struct s;\n"
        "int (*getcmp(void))(int) { return 0; }\n"
        "void f(int a[16], const char *const *p, struct s *(*cb)(int n, ...), unsigned long long v, ...)\n"
        "{ }\n"
        "static char *names[4], **cursor;\n"
        "int (*table[2])(void);\n")
    cb = analyze_dir(tmp_path)
    assert cb.functions["getcmp"].return_type == "int (*)(int)" and cb.functions["getcmp"].params == []
    f = cb.functions["f"]
    assert [(p.name, p.type) for p in f.params] == [
        ("a", "int [16]"), ("p", "const char * const *"), ("cb", "struct s *(*)(int, ...)"),
        ("v", "unsigned long long")]
    assert f.is_variadic and f.return_type == "void"
    assert f.signature.startswith("void f(int a[16], const char *const *p,")
    assert [(cb.globals[n].type, cb.globals[n].is_static) for n in ("names", "cursor", "table")] == [
        ("char *[4]", True), ("char **", True), ("int (*[2])(void)", False)]


def test_a_const_global_is_const_whatever_its_array_size_spells(tmp_path: Path) -> None:
    """`*` in an array's size is no pointer: `const u16 t[N * 2]` is read-only data; a pointer's
    constness is its outermost level's (`char *const`), not its pointee's."""
    (tmp_path / "g.c").write_text(
        "#define N 4\nconst unsigned short t[N * 2] = {1};\nconst float f[8 * 5 + 1];\n"
        "const char *name = \"x\";\nchar *const fixed = 0;\nconst char *const names[2] = {\"a\", \"b\"};\n"
        "int plain[N * 2];\n")
    g = analyze_dir(tmp_path).globals
    assert {n: g[n].is_const for n in ("t", "f", "name", "fixed", "names", "plain")} == {
        "t": True, "f": True, "name": False, "fixed": True, "names": True, "plain": False}
