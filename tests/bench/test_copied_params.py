"""bench/copied_params.py on C we write: each parameter raw as "assigned or copied", by the construct that
assigns or copies it (stored beyond the call, walked, reassigned, copied into a local: by what the local does,
a cursor, a walk, an alias beside the parameter's own uses, a mark of where the stepped parameter started)."""

from __future__ import annotations

from copied_params import kind, main

from llmigrate.analyze.codebase import analyze_dir

C = ("struct nd { int v; struct nd *next; };\n"
     "struct nd *kept;\n"
     "struct box { struct nd *n; };\n"
     "void store(struct box *b, struct nd *n) { b->n = n; }\n"
     "void global(struct nd *n) { kept = n; }\n"
     "int walk(struct nd *n) { int s = 0; while (n) { s += n->v; n = n->next; } return s; }\n"
     "int other(struct nd *n, struct nd *m) { if (!n) n = m; return n->v; }\n"
     "int cursor(const char *s) { const char *p = s; while (*p) p++; return p - s; }\n"
     "int last(struct nd *n) { struct nd *q = n; while (q->next) q = q->next; return q->v + n->v; }\n"
     "int twice(struct nd *n) { struct nd *q = n; q->v++; return n->v + q->v; }\n"
     "long put(char *out) { char *start = out; *out++ = 1; *out++ = 2; return out - start; }\n")
KINDS = {("store", "n"): "stored", ("global", "n"): "stored", ("walk", "n"): "walked",
         ("other", "n"): "reassigned", ("other", "m"): "copied (an alias)",
         ("cursor", "s"): "copied (a cursor)", ("last", "n"): "copied (a walk)",
         ("twice", "n"): "copied (an alias)", ("put", "out"): "copied (a mark; the parameter steps)"}


def test_each_copied_parameter_gets_the_kind_of_its_first_copy(tmp_path):
    (tmp_path / "m.c").write_text(C)
    cb = analyze_dir(tmp_path)
    assert {key: kind(cb.functions[key[0]], key[1], cb) for key in KINDS} == KINDS


def test_the_kinds_are_tabled_by_part(tmp_path, capsys):
    (tmp_path / "part" / "entry").mkdir(parents=True)
    (tmp_path / "part" / "entry" / "m.c").write_text(C)
    main([str(tmp_path)])
    rows = {line.split(None, 2)[2]: line.split()[:2] for line in capsys.readouterr().out.splitlines()}
    assert rows == {"stored": ["part", "2"], "copied (a walk)": ["part", "1"],
                    "copied (a cursor)": ["part", "1"], "copied (an alias)": ["part", "2"],
                    "walked": ["part", "1"], "reassigned": ["part", "1"],
                    "copied (a mark; the parameter steps)": ["part", "1"]}
