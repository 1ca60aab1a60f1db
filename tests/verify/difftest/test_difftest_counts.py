"""A count no object can hold (past isize::MAX bytes) given with a pointer the Rust takes as a slice: the C
ABI entry's `from_raw_parts` debug check panics there, where the C may stop before reading that far.
The input breaks the entry's `# Safety` (the pointer holds that many elements) as no valid C caller can, so
it is judged like the C's undefined behaviour, not a difference; any other panic is still one."""

from __future__ import annotations

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.verify.difftest.judge import judge
from llmigrate.verify.difftest.run import Outcome
from llmigrate.verify.difftest.types import plan_function

CHECK = ("unsafe precondition(s) violated: slice::from_raw_parts requires the pointer to be aligned and "
         "non-null, and the total size of the slice not to exceed `isize::MAX` at src/ffi.rs:25:13")


def _plan(tmp_path):
    (tmp_path / "m.c").write_text("int first(const int *p, unsigned long n) { return n ? p[0] : 0; }\n")
    codebase = analyze_dir(tmp_path)
    return plan_function(next(iter(codebase.functions.values())), codebase)


def test_the_entrys_slice_check_on_a_huge_count_is_no_difference(tmp_path):
    plan = _plan(tmp_path)
    rec = bytes(plan.out_struct.size)
    verdict = judge(plan, ((1,), 1 << 63), None, Outcome("panic", CHECK), rec, b"")
    assert verdict.kind == "ub" and "more elements than any object holds" in verdict.finding


def test_another_panic_of_the_rust_is_a_difference(tmp_path):
    plan = _plan(tmp_path)
    rec = bytes(plan.out_struct.size)
    elsewhere = CHECK.replace("src/ffi.rs", "src/m.rs")  # the body's own: a difference as any other
    for detail in ("index out of bounds: the len is 0 but the index is 0 at src/m.rs:3:12", elsewhere):
        assert judge(plan, ((1,), 3), None, Outcome("panic", detail), rec, b"").kind == "differs"
