"""A reference made from a raw pointer for a callee's reference parameter is made after the call's other
arguments are evaluated (backends/builtin/callargs.py): an argument reading through the same raw base while
that `&mut` lives would be Stacked Borrows' undefined behaviour. (That the Rust behaves as the C does:
behaviour case members/member_lends, `ml_same`.)"""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code

C = """\
struct cw { int pos; int buf[8]; };
struct cs { struct cw w; int other; };
struct cs *cs_last;
void cs_put(struct cw *w, int v, int at) { w->buf[at & 7] = v; w->pos = at + 1; }
int cs_peek(const struct cs *s) { return s->other; }
/* `s` stays raw (stored in a global): `&s->w` is a reference made from it at the call */
void cs_same(struct cs *s) { cs_last = s; cs_put(&s->w, 1, s->w.pos); }
void cs_nested(struct cs *s) { cs_last = s; cs_put(&s->w, s->other, cs_peek(s)); }
void cs_plain(struct cs *s, int v) { cs_last = s; cs_put(&s->w, v, 3); }
struct cs cs_global;
void cs_static(int v) { cs_put(&cs_global.w, v, cs_global.w.pos); }
"""


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("callargs"), "cs.c", C)


def _before(text: str, first: str, then: str) -> bool:
    return first in text and then in text and text.index(first) < text.index(then)


def test_an_argument_reading_through_the_raw_base_is_evaluated_before_the_reference(code):
    text = code["cs_same"]
    assert _before(text, "let arg1: i32 = unsafe { (*s).w.pos };", "&mut *core::ptr::addr_of_mut!((*s).w)"), \
        text
    assert "(*s).w), 1i32, arg1)" in text


def test_a_nested_call_making_its_own_reference_is_evaluated_first_too(code):
    text = code["cs_nested"]
    # `cs_peek(&*s)` would retag all of `*s` while the `&mut` to `s.w` lives
    assert _before(text, "= unsafe { crate::cs::cs_peek(&*(s as *const cs)) };", "addr_of_mut!((*s).w)"), text
    assert _before(text, "= unsafe { (*s).other };", "addr_of_mut!((*s).w)"), text
    # each temporary's `// SAFETY:` right above its own line, the call's above the call
    # in an unsafe fn the reference rests on its `# Safety` contract, not on the callee's rule (issue 15)
    contract = "// SAFETY: the caller's contract (# Safety): it passes `s` as a reference made from a raw"
    assert contract in text.split("let arg2")[0].split("let arg1")[1], text
    assert "// SAFETY: s: rule" not in text, text
    call = text.split("let arg2")[1].split("cs_put(")[0]
    assert "passes `&s->w` as a reference made from a raw pointer, valid as the function's `# Safety` " \
        "requires (the callee's `w`: rule deref-on-every-call)" in call, text


def test_plain_arguments_stay_in_place(code):
    assert "addr_of_mut!((*s).w), v, 3i32)" in code["cs_plain"]
    assert "let arg" not in code["cs_plain"]


def test_an_argument_reading_the_global_a_reference_was_made_into_is_evaluated_first(code):
    text = code["cs_static"]
    assert _before(text, "let arg1: i32 = ", "addr_of_mut!(crate::shared::cs_global.w)"), text
