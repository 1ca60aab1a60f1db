"""report.json's `safety`: the SAFETY proofs of a function's Rust and of its C ABI entry, as written."""

from __future__ import annotations

from pathlib import Path

from helpers.runs import migrate_builtin

from llmigrate.report.render import write_reports
from llmigrate.report.safety import boundary, proofs

# `total` reads through `v` on every call and `bump` writes through it: both borrow it; `peek` is kept raw
# because it returns the pointer to its caller.
SRC = """\
int total(const int *v, int n) { int s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
void bump(int *v) { *v += 1; }
int *peek(int *v) { return v; }
"""


def test_proofs_parse_the_comment_form() -> None:
    rust = ("fn f(p: *mut i32) {\n    // SAFETY: p: rule deref-on-every-call: the C dereferences it\n"
            "    //   on every call\n    g(&mut *p);\n    // SAFETY: the table is never written\n}\n")
    got = proofs(rust, "body")
    assert got[0] == {"site": "body", "pointer": "p", "rule": "deref-on-every-call",
                      "why": "the C dereferences it"}
    assert got[1] == {"site": "body", "pointer": None, "rule": None, "why": "the table is never written"}
    # a reference an unsafe fn makes under its own `# Safety` (builtin/borrows.lent_proof): the C it passes
    contract = proofs("    // SAFETY: the caller's contract (# Safety): it passes `n->kid[0]` as a "
                      "reference\n    f(&*n.kid[0]);\n", "body")
    assert contract == [{"site": "body", "pointer": "n->kid[0]", "rule": "caller-contract",
                         "why": "it passes `n->kid[0]` as a reference"}]
    assert boundary(None) is None


def test_report_lists_each_functions_proofs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "vec.c").write_text(SRC)
    out = tmp_path / "out"
    migrate_builtin(src, out)
    report = write_reports(out)
    fns = {f["name"]: f for f in report["functions"]}
    bump = fns["bump"]["safety"]
    assert bump["boundary"]["precondition"].startswith("As for the C function `bump`")
    assert [(p["pointer"], p["site"]) for p in bump["boundary"]["proofs"]] == [("v", "ffi")]
    assert bump["boundary"]["proofs"][0]["rule"]
    ffi = (out / "src" / "ffi.rs").read_text()
    assert f"// SAFETY: v: rule {bump['boundary']['proofs'][0]['rule']}:" in ffi
    assert fns["peek"]["safety"]["boundary"]["proofs"] == []  # the returned pointer stays raw
    assert report["totals"]["safety_proofs"] >= 2
