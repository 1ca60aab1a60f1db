"""report.json's `safety`: the SAFETY proofs of a function's Rust and of its C ABI entry, as written."""

from __future__ import annotations

from pathlib import Path

from helpers.outdir import make_out
from helpers.runs import migrate_builtin

from llmigrate import journal as jr
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


def test_report_names_a_safe_fn_wrapping_an_unchecked_unsafe_operation(tmp_path: Path) -> None:
    """The soundness net runs over every translated function: a safe fn dereferencing a raw pointer in an
    `unsafe` block (here a hand-made record, as a model's output might be) is listed and summarised; an
    `unsafe fn` doing the same is its caller's business, not a finding."""
    out = make_out(tmp_path)
    clean = write_reports(out)
    assert clean["totals"]["unchecked_unsafe"] == 0
    assert "no unsafe operation left unchecked" in (out / "report" / "summary.md").read_text()
    j = jr.Journal.load(out)
    j.functions["peek"].update(rust="pub fn peek(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n")
    j.save()
    report = write_reports(out)
    fns = {f["name"]: f for f in report["functions"]}
    assert fns["peek"]["safety"]["unchecked"] == ["*p"]
    assert fns["add"]["safety"]["unchecked"] == []
    assert report["totals"]["unchecked_unsafe"] == 1
    assert "unchecked unsafe operations: 1** in `peek`" in (out / "report" / "summary.md").read_text()
