"""Out-slots (signatures_outslots): a `T **` parameter the call only stores into conflicts with the other
parameters by its own pointer object alone, which rule disjoint-checked compares at run time; with the
negative cases where what the slot holds is loaded, so it may lead anywhere, and the others stay raw."""

from __future__ import annotations

from helpers.c_snippets import mapped

from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import raw_reasons

ALIAS = "may alias another parameter"
HELD = "held across a call of unknown code (a function pointer, or a function outside SRC)"
STDLIB = "#include <stdlib.h>\n"


def test_a_slot_only_stored_into_is_compared_by_its_own_pointer(tmp_path):
    cb, s = mapped(tmp_path, STDLIB +
                   "void cut(const unsigned char *in, int n, unsigned char **out, int *len)\n"
                  "{ *len = 0; for (int i = 0; i < n; i++) *len += in[i]; if (out) out[0] = NULL; }\n"
                  # `const char **`: that const is the string's, the slot itself is written, so the two
                  # pointers to const are no pair of read-only views
                  "void pick(const char *t, int n, const char **name, int *hits)\n"
                  "{ *hits = 0; for (int i = 0; i < n; i++) *hits += t[i] == 'a'; *name = \"a\"; }\n"
                  # bodies.proof_body expands a macro holding a pointer parameter: its store counts
                  "#define PUT(p, v) (*(p) = (v))\n"
                  "void put(char **slot, int *len) { *len = 3; PUT(slot, NULL); }\n")
    assert [(p.rust_type, p.proof, p.disjoint_from) for p in s["cut"].params] == [
        ("&[u8]", "disjoint-checked", ["out", "len"]), ("i32", "", []), ("*mut *mut u8", "", []),
        ("&mut i32", "disjoint-checked", ["r#in"])]  # an `int` is no `unsigned char *` object (C's types)
    # `out[0]` is an element, not the `*out` rule pointer-slot reads (signatures/slots.py)
    assert raw_reasons(cb.functions["cut"], cb) == {"out": "indexed outside a counted loop"}
    entry = " ".join(ffi_entry(s["cut"]).split())
    assert "llmigrate_overlap(len as usize, core::mem::size_of::<i32>(), out as usize" not in entry
    assert "llmigrate_overlap(out as usize, core::mem::size_of::<*mut u8>(), r#in as usize" in entry
    assert s["pick"].params[0].proof == "disjoint-checked" and "name" in s["pick"].params[0].disjoint_from
    # the slot a reference of its own (rule pointer-slot), apart from the `int` by C's types
    assert [p.proof for p in s["put"].params] == ["pointer-slot", "deref-on-every-call"]


def test_a_slot_whose_pointer_is_loaded_keeps_the_others_raw(tmp_path):
    cb, s = mapped(tmp_path, STDLIB + "void see(char **out);\n"
                  # realloc reads what the slot holds
                  "void grow(char **slot, size_t *len) { *slot = realloc(*slot, *len + 1); *len += 1; }\n"
                  # follows the stored pointer
                  "void zero(char **slot, int *len) { *len = 0; **slot = 0; }\n"
                  # passed on: what the callee does with it is not read here
                  "void pass(char **slot, int *len) { *len = 2; see(slot); }\n")
    # (`*slot += 1`, `slot[1] = NULL` or `*slot = NULL` follow nothing, and a `char *` object is no `int`
    # by C's types: those leave `len` a reference, signatures/slots.py)
    for f in ("grow", "zero", "pass"):
        reasons = raw_reasons(cb.functions[f], cb)
        # `see` may keep `slot` and write `len` through what it holds later: the unknown call decides first
        assert reasons.get("len") == (ALIAS if f != "pass" else HELD), (f, reasons)
        assert all(p.proof != "disjoint-checked" for p in s[f].params), f
