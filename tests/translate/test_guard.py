"""The laziness guard and the reply parser on hand-written model replies."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.fake_openai import synthetic
from helpers.paths import data_text

from llmigrate.core import RejectOutput, SharedTranslation, Unit
from llmigrate.signatures.mapper import map_all
from llmigrate.translate import guard, prompting
from llmigrate.translate.driver import unit_request

SUM_C = data_text("translate/guard/f1_0.c")
GOOD = data_text("translate/guard/f1_0.rs")


@pytest.fixture
def request_():
    cb, _ = synthetic([2, 1])
    cb.functions["f1_0"].source = SUM_C
    shared = SharedTranslation("pub struct inode { pub n: i32 }\n", names={"struct inode": "inode"})
    return unit_request(cb, Unit("f1_0", ["f1_0"]), map_all(cb), shared)


def rejects(request, rust: str) -> str:
    with pytest.raises(RejectOutput) as e:
        guard.check(request, {"f1_0": rust})
    return str(e.value)


def test_a_complete_translation_passes(request_):
    guard.check(request_, {"f1_0": GOOD})
    in_string = GOOD.replace("    total\n", '    let _s = "todo!() ... rest of the code";\n    total\n')
    guard.check(request_, {"f1_0": in_string})


def test_missing_code_and_missing_function(request_):
    assert "no Rust code" in rejects(request_, "")
    assert "`f1_0` is missing" in rejects(request_, GOOD.replace("fn f1_0", "fn f1_zero"))


def test_changed_signature(request_):
    reason = rejects(request_, GOOD.replace("(x: i32) -> i32", "(x: i64) -> i32"))
    assert "different signature" in reason and "pub fn f1_0(x: i32) -> i32" in reason
    guard.check(request_, {"f1_0": GOOD.replace("(x: i32) -> i32 {", "(\n    x: i32,\n)->i32\n{")})


def test_the_signature_is_read_from_the_function_among_its_helpers(request_):
    """With helpers before it, the function's own header is compared (alone, it is read from the whole
    reply's parse: the same header)."""
    helper = "// a helper\nfn f1_0__step(x: i32) -> i32 {\n    x + 1\n}\n\n"
    guard.check(request_, {"f1_0": helper + GOOD})
    reason = rejects(request_, helper + GOOD.replace("(x: i32) -> i32", "(x: i64) -> i32"))
    assert "(got `pub fn f1_0(x:i64)->i32`)" in reason
    alone = rejects(request_, "\n// leading\n" + GOOD.replace("(x: i32) -> i32", "(x: i64) -> i32") + "\n\n")
    assert "(got `pub fn f1_0(x:i64)->i32`)" in alone


def test_mut_before_a_parameter_name_is_the_same_signature(request_):
    """A body assigning to its parameter, as C does, needs `mut x`; the types stay as required."""
    guard.check(request_, {"f1_0": GOOD.replace("(x: i32)", "(mut x: i32)")})
    assert "different signature" in rejects(request_, GOOD.replace("(x: i32)", "(x: &mut i32)"))


@pytest.mark.parametrize("lazy", ["todo!()", "unimplemented!(\"later\")", "unreachable!()"])
def test_placeholder_macros(request_, lazy):
    assert f"{lazy.split('!')[0]}!()" in rejects(request_, GOOD.replace("total ^= i;", lazy + ";"))


def test_unreachable_is_fine_where_the_c_has_a_switch(request_):
    with_switch = SUM_C.replace("if (i % 2)", "switch (i) { default: ; }\nif (i % 2)")
    request_.codebase.functions["f1_0"].source = with_switch
    guard.check(request_, {"f1_0": GOOD.replace("total ^= i;", "match i { 0 => {}, _ => unreachable!() }")})


@pytest.mark.parametrize("comment", ["// ... rest of the implementation", "/* remaining logic omitted */",
                                     "// ...", "// TODO: port the loop"])
def test_placeholder_comments(request_, comment):
    assert "marks omitted code" in rejects(request_, GOOD.replace("// walk down", comment))


def test_a_placeholder_comment_the_c_has_is_carried_over(request_):
    request_.codebase.functions["f1_0"].source = SUM_C.replace("{", "{ /* TODO: port the loop */", 1)
    guard.check(request_, {"f1_0": GOOD.replace("// walk down", "// TODO: port the loop")})
    assert "marks omitted code" in rejects(request_, GOOD.replace("// walk down", "// rest of the code"))


def test_ellipsis_in_code(request_):
    assert "`...`" in rejects(request_, GOOD.replace("total ^= i;", "..."))
    guard.check(request_, {"f1_0": GOOD.replace("total ^= i;", "for _k in 0..=1 {}")})


def test_dropped_call(request_):
    reason = rejects(request_, GOOD.replace("crate::chain::f0_1(i)", "i"))
    assert "calls `f0_1`" in reason and "crate::chain::f0_1" in reason


def test_suspiciously_short_body(request_):
    short = "pub fn f1_0(x: i32) -> i32 {\n    crate::chain::f0_0(x) - crate::chain::f0_1(x)\n}\n"
    assert "looks incomplete" in rejects(request_, short)


def test_no_mangle_and_redefined_shared_items(request_):
    assert "no_mangle" in rejects(request_, "#[no_mangle]\n" + GOOD)
    assert "redefine `inode`" in rejects(request_, "pub struct inode { pub n: i32 }\n\n" + GOOD)


def test_parse_reply_takes_rust_fences_and_ignores_prose():
    unit = Unit("a", ["a"])
    reply = ("Sure!\n```c\nint a(void);\n```\nThe Rust:\n```rust\nuse crate::shared::*;\n"
             "pub fn a() -> i32 {\n    a__one()\n}\n```\nand a helper\n"
             "```rs\nfn a__one() -> i32 { 1 }\n```\nDone.")
    code = prompting.parse_reply(reply, unit, {"a": "a"})["a"]
    assert "int a" not in code and "use crate" not in code and "Sure" not in code
    assert code.index("pub fn a()") < code.index("fn a__one")


def test_parse_reply_bare_and_truncated_code():
    unit = Unit("a", ["a"])
    assert prompting.parse_reply("pub fn a() {}\n", unit, {"a": "a"}) == {"a": "pub fn a() {}\n"}
    assert "pub fn a()" in prompting.parse_reply("```rust\npub fn a() {\n", unit, {"a": "a"})["a"]
    assert prompting.parse_reply("I cannot do that.", unit, {"a": "a"}) == {}


def test_split_items_handles_literals_and_comments():
    text = ('const S: &str = "}{";\n// fn fake() {\nstatic mut T: [u8; 2] = [0; 2];\n'
            "pub unsafe fn g<'a>(p: &'a u8) -> char { let c = '}'; if *p > 0 { c } else { '{' } }\n")
    items = guard.split_items(text)
    assert [(i.kind, i.name) for i in items] == [("const", "S"), ("static", "T"), ("fn", "g")]


def test_parse_reply_keeps_the_last_version_of_a_repeated_item():
    reply = ("First try:\n```rust\npub fn a() -> i32 { 0 }\n```\nOops, fixed:\n"
             "```rust\npub fn a() -> i32 {\n    1\n}\n```")
    parsed = prompting.parse_reply(reply, Unit("a", ["a"]), {"a": "a"})
    assert parsed == {"a": "pub fn a() -> i32 {\n    1\n}\n"}


def test_each_function_of_a_cycle_must_be_there():
    cb, _ = synthetic([2])
    cb.functions["f0_0"].callees, cb.functions["f0_1"].callees = ["f0_1"], ["f0_0"]
    unit = Unit("f0_0", ["f0_0", "f0_1"])
    request = unit_request(cb, unit, map_all(cb), SharedTranslation(""))
    only_one = "pub fn f0_0(x: i32) -> i32 {\n    crate::chain::f0_1(x)\n}\n"
    code = prompting.parse_reply(only_one, unit, {"f0_0": "f0_0", "f0_1": "f0_1"})
    with pytest.raises(RejectOutput, match="`f0_1` is missing"):
        guard.check(request, code)


def test_logic_moved_into_a_helper_is_not_short(request_):
    helper = GOOD.replace("pub fn f1_0(x: i32) -> i32", "fn f1_0__sum(x: i32) -> i32")
    guard.check(request_, {"f1_0": "pub fn f1_0(x: i32) -> i32 {\n    f1_0__sum(x)\n}\n\n" + helper})


def test_a_reply_that_does_not_parse(request_):
    reason = rejects(request_, GOOD.replace("total ^= i;", "total ^= i"))
    assert "`f1_0` does not parse (line 11: " in reason
    assert "does not parse" in rejects(request_, GOOD.rstrip().removesuffix("}"))


def test_a_call_only_inside_an_assertion_ndebug_removes_may_go(request_):
    """C11 7.2: with NDEBUG defined, `assert(f(x))` expands to nothing and calls nothing."""
    fn = request_.codebase.functions["f1_0"]
    fn.source = SUM_C.replace("f0_1(i)", "i", 1).replace("{", "{\n\tassert(f0_1(0) >= 0);", 1)
    dropped = GOOD.replace("crate::chain::f0_1(i)", "i")
    assert "calls `f0_1`" in rejects(request_, dropped)  # NDEBUG not defined: the assertion runs
    request_.codebase.config = replace(request_.codebase.config, defines=["NDEBUG"])
    guard.check(request_, {"f1_0": dropped})


def test_ndebug_defined_in_its_file_is_read_per_file(tmp_path):
    """The file's own `#define NDEBUG` removes its assertions' calls; the answer is the file's, read once per
    file of a run, not shared with another file of the same codebase."""
    from llmigrate.analyze.codebase import analyze_dir
    body = ("#include <assert.h>\nint {f}(int x) {{ return x + 1; }}\n"
            "int {g}(int x) {{ assert({f}(x) > 0); return x; }}\n")
    (tmp_path / "a.c").write_text("#define NDEBUG\n" + body.format(f="f", g="g"))
    (tmp_path / "b.c").write_text(body.format(f="f2", g="h"))
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    for _ in range(2):  # the second time from what the first read
        for fid, calls in (("g", False), ("h", True)):
            request = unit_request(cb, Unit(fid, [fid]), sigs, SharedTranslation(""))
            code = {fid: sigs[fid].decl() + " {\n    x\n}\n"}
            if calls:
                assert "calls `f2`" in rejects_unit(request, code)
            else:
                guard.check(request, code)


def rejects_unit(request, code: dict[str, str]) -> str:
    with pytest.raises(RejectOutput) as e:
        guard.check(request, code)
    return str(e.value)


def test_the_guards_blank_memo_answers_as_blank_for_each_text_and_language():
    from llmigrate import rust_syntax

    rust = 'fn f() -> u32 {\n    // a TODO in a comment\n    let s = "x { y";\n    1\n}\n'
    other = rust.replace("1\n", "2\n")
    c = 'int f(void) {\n    /* a comment */\n    return "{"[0];\n}\n'
    for _ in range(2):  # the second time from the memo
        assert guard._blank(rust) == rust_syntax.blank(rust)
        assert guard._blank(other) == rust_syntax.blank(other) != guard._blank(rust)
        assert guard._body(rust, "rust") == rust_syntax.blank(rust)[rust.find("{"):]
        assert guard._body(c, "c") == rust_syntax.blank(c, "c")[c.find("{"):]


def test_the_length_check_reads_each_fn_body_from_the_blank_of_the_whole_text() -> None:
    # One parse of the unit's Rust, not one more per item: the same blank bodies as each item blanked alone.
    text = ('// the helper\nfn f__step(x: i32) -> i32 { /* { */ x + 1 }\n\nconst K: &str = "};";\n\n'
            'pub fn f(x: i32) -> i32 {\n    let s = "{ ; }"; // ; }\n    f__step(x) + s.len() as i32\n}\n')
    items = guard.split_items(text)
    alone = [guard._body(it.text, "rust") for it in items if it.kind == "fn"]
    assert len(alone) == 2 and guard._fn_bodies(text, items) == alone
    broken = text + "fn g( {\n"
    assert guard._fn_bodies(broken, guard.split_items(broken))[:2] == alone  # not parsing: each item alone
