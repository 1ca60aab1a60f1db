"""A `// SAFETY:` comment names the proof of the operation in its block (issue 15): a reference an unsafe fn
makes from a raw pointer for a callee rests on the fn's own `# Safety` contract, which names the argument,
not on the callee's parameter rule (which, named as the pointer, read as a proof of the caller's own
pointer of that name); a local's address is valid by itself. bench/safety_audit.py finds no mismatch. (That
such calls behave as the C: signatures/test_signatures_cycles.py, which verifies against gcc.)"""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code
from safety_audit import audit

from llmigrate.signatures.net import names_in

C = """\
#include <string.h>
struct node { int v; struct node *kid; const char *label; };
struct node *sn_seen;
int sn_val(const struct node *n) { return n->v; }
int sn_len(const char *s) { return (int)strlen(s); }
/* n->kid, a member no proof covers: lent by an unsafe fn */
int sn_kid(const struct node *n) { return n->kid ? sn_val(n->kid) : 0; }
int sn_label(const struct node *n) { return sn_len(n->label); }
/* n is stored in a global: raw, and lent under the contract though the callee's parameter is `n` too */
int sn_raw(struct node *n) { sn_seen = n; return sn_val(n); }
struct pair { int a; int b; };
int sn_sum(const struct pair *p, int k) { return p->a + p->b + k; }
/* the other argument reads the local: its address is made a reference from a raw pointer */
int sn_local(int k) { struct pair x; x.a = k; x.b = 2; return sn_sum(&x, x.a); }
"""
CONTRACT = "// SAFETY: the caller's contract (# Safety): it passes "


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("safetynames"), "sn.c", C)


def test_a_member_lent_by_an_unsafe_fn_rests_on_its_contract_naming_the_member(code):
    kid = code["sn_kid"]
    assert "(It passes `n->kid` to `sn_val` as a reference made from a raw pointer.)" in kid
    assert f"{CONTRACT}`n->kid` as a reference made from a raw pointer, valid as the function's `# Safety` " \
        "requires (the callee's `n`: rule read-only)" in kid, kid
    assert "// SAFETY: n: rule" not in kid, kid  # the caller's `n` is a reference: no operation of its own


def test_a_c_string_and_the_callers_raw_pointer_of_the_callees_name(code):
    assert f"{CONTRACT}`n->label` as a C string made from a raw pointer" in code["sn_label"]
    raw = code["sn_raw"]
    assert f"{CONTRACT}`n` as a reference made from a raw pointer" in raw, raw
    assert "// SAFETY: n: rule read-only" not in raw, raw  # the caller's own `n` is raw: no rule proves it


def test_a_locals_address_is_its_own_proof(code):
    local = code["sn_local"]
    assert "// SAFETY: `&x` is the address of a local, valid while the call runs (the callee's `p`: " \
        "rule read-only)" in local, local
    assert CONTRACT not in local


def test_the_audit_finds_no_comment_naming_another_operations_rule(code):
    text = "\n".join(code.values())
    assert audit(text, names_in([text])) == []
