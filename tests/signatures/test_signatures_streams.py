"""Writes to a standard stream do not stop a struct from being viewed (signatures_contained.quiet_calls):
printf, puts, fprintf(stderr, ...) write the C library's stream memory, never an object of the program; a
`%n`, a format that is not a literal, another stream, or SRC handing a stream a buffer keep the view raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

# `name` may point anywhere, back into the node too: only a function that writes nothing may view it
NODE = ("#include <stdio.h>\n"
        "struct node { const char *name; int weight; struct node *next; };\n")


def _signatures(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(NODE + c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


@pytest.mark.parametrize("write", [
    'printf("%s=%d\\n", it->name, it->weight);',
    'puts(it->name);',
    'fprintf(stderr, "%-8s" "%5d\\n", it->name, it->weight);',
    'fputs(it->name, stdout); putchar(10);',
])
def test_a_function_writing_only_a_standard_stream_views_its_struct(tmp_path, write):
    cb, sigs = _signatures(tmp_path, f"int show(const struct node *it) {{ {write} return it->weight; }}\n")
    p = sigs["show"].params[0]
    assert (p.conv, p.rust_type, p.proof) == ("ref", "&node", "read-only")
    assert raw_reasons(cb.functions["show"], cb) == {}


def test_a_recursive_printer_views_every_node(tmp_path):
    c = ("int weigh(const struct node *it, int depth) {\n"
         "  if (!it) return 0;\n"
         '  fprintf(stderr, "%*s%s\\n", depth, "", it->name);\n'
         "  return it->weight + weigh(it->next, depth + 1);\n}\n")
    _, sigs = _signatures(tmp_path, c)
    p = sigs["weigh"].params[0]
    assert (p.conv, p.proof) == ("opt_ref", "read-only")


@pytest.mark.parametrize("write, extra", [
    ('int k; printf("%s%n", it->name, &k);', ""),  # %n writes through its argument
    ('int k; printf("%s%" "n", it->name, &k);', ""),  # also when the literal is cut in two
    ('int k; printf("%s%" N, it->name, &k);', "#define N \"n\"\n"),  # a macro may add one
    ('printf(it->name);', ""),  # a format only known at run time may hold a %n
    ('fprintf(f, "%s", it->name);', ""),  # another stream may write into memory the caller gave it
    ('printf("%s", it->name);', "char area[64];\nvoid hand(void) { setvbuf(stdout, area, _IOFBF, 64); }\n"),
    ('printf("%s", it->name);', "void swap_out(FILE *g) { stdout = g; }\n"),
])
def test_a_stream_write_that_may_reach_the_program_keeps_the_struct_raw(tmp_path, write, extra):
    c = extra + f"int show(const struct node *it, FILE *f) {{ {write} return it->weight; }}\n"
    cb, sigs = _signatures(tmp_path, c)
    assert sigs["show"].params[0].rust_type == "*const node"
    assert raw_reasons(cb.functions["show"], cb)["it"] == "its pointee's pointers may lead back into it"
