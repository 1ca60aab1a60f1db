"""bench/raw_roots.py on C we write: a parameter raw only because its callee's is, followed callee by callee
to the parameter that stays raw for another rule, and the table of those roots by part and linkage."""

from __future__ import annotations

from raw_roots import cascades, main

from llmigrate.analyze.codebase import analyze_dir

CASCADE = ("int *keep;\n"
           "static void hold(int *q) { keep = q; }\n"
           "static void mid(int *m) { *m = 1; hold(m); }\n"
           "void top(int *t) { *t = 2; mid(t); }\n")


def test_a_cascade_is_followed_to_the_rule_that_fails_at_its_root(tmp_path):
    (tmp_path / "m.c").write_text(CASCADE)
    chains = {hops[0][:2]: hops for hops in cascades(analyze_dir(tmp_path))}
    assert chains[("top", "t")] == [("top", "t", "passed to a callee whose parameter stays raw"),
                                    ("mid", "m", "passed to a callee whose parameter stays raw"),
                                    ("hold", "q", "assigned or copied")]
    assert chains[("mid", "m")][-1] == ("hold", "q", "assigned or copied")


def test_the_roots_are_tabled_by_part_and_linkage(tmp_path, capsys):
    (tmp_path / "part" / "entry").mkdir(parents=True)
    (tmp_path / "part" / "entry" / "m.c").write_text(CASCADE)
    main([str(tmp_path)])
    assert capsys.readouterr().out.split() == ["part", "2", "assigned", "or", "copied", "[static]"]


def test_a_void_pointer_passed_on_is_followed_to_the_use_that_keeps_it_raw(tmp_path):
    (tmp_path / "m.c").write_text("struct box { void *v; };\n"
                                  "static void put(struct box *b, void *v) { b->v = v; }\n"
                                  "void put_twice(struct box *b, void *v) { put(b, v); put(b, v); }\n")
    chains = {hops[0][:2]: hops for hops in cascades(analyze_dir(tmp_path))}
    void = "pointee is void (any object)"
    assert chains[("put_twice", "v")] == [
        ("put_twice", "v", f"{void}: passed to a callee whose parameter stays raw"),
        ("put", "v", f"{void}: stored")]
