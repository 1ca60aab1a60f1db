"""The builtin's passes over each function's Rust (options.moved_last, options.if_let, unmuted) hand back a
text holding nothing they rewrite as it is, without parsing it: moved_last's two walks per binding of every
function were the largest cost the builtin gained in s16 (issue 17), and most functions have no
`.as_deref_mut()`, no `is_some` and no `let mut`. A structural property, not a timing: the parse cache
records no parse."""

from __future__ import annotations

from llmigrate.backends.builtin.options import if_let, moved_last
from llmigrate.backends.builtin.unmuted import unmuted
from llmigrate.rust_syntax.tree import parsed


def test_a_text_with_nothing_to_rewrite_is_not_parsed():
    text = "fn f() {\n    let c = 1;\n    h(c);\n}\n"
    misses = parsed.cache_info().misses
    assert moved_last(text) == text and unmuted(text) == text and if_let(text) == text
    assert parsed.cache_info().misses == misses


def test_a_text_with_something_to_rewrite_still_is():
    # the same passes on text that names what each rewrites (the checks before the parse let it through)
    opt = "fn f(c: Option<&mut usize>) {\n    let mut c = c;\n    *c.as_deref_mut().unwrap() = 1;\n}\n"
    assert moved_last(opt) == opt.replace("c.as_deref_mut().unwrap()", "c.unwrap()")
    kept = "fn f() {\n    let mut c: i32 = 1;\n    h(c);\n}\n"
    assert unmuted(kept) == kept.replace("let mut c", "let c")
