"""Out-slots (signatures_outslots): a `T **` parameter the call only stores into conflicts with the other
parameters by its own pointer object alone, which rule disjoint-checked compares at run time; with the
negative cases where what the slot holds is loaded, so it may lead anywhere, and the others stay raw."""

from __future__ import annotations

from helpers.c_snippets import mapped

from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import raw_reasons

ALIAS = "may alias another parameter"
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
        ("&mut i32", "disjoint-checked", ["r#in", "out"])]
    # `out[0]` is an element, not the `*out` rule pointer-slot reads (signatures/slots.py)
    assert raw_reasons(cb.functions["cut"], cb) == {"out": "indexed outside a counted loop"}
    entry = " ".join(ffi_entry(s["cut"]).split())
    assert "llmigrate_overlap(len as usize, core::mem::size_of::<i32>(), out as usize, " \
        "core::mem::size_of::<*mut u8>())" in entry
    assert "llmigrate_overlap(out as usize, core::mem::size_of::<*mut u8>(), r#in as usize" in entry
    assert s["pick"].params[0].proof == "disjoint-checked" and "name" in s["pick"].params[0].disjoint_from
    assert s["put"].params[1].proof == "disjoint-checked"


def test_a_slot_whose_pointer_is_loaded_keeps_the_others_raw(tmp_path):
    cb, s = mapped(tmp_path, STDLIB + "void see(char **out);\n"
                  # realloc reads what the slot holds
                  "void grow(char **slot, size_t *len) { *slot = realloc(*slot, *len + 1); *len += 1; }\n"
                  # follows the stored pointer
                  "void zero(char **slot, int *len) { *len = 0; **slot = 0; }\n"
                  # steps the stored pointer: loads it
                  "void step(char **slot, int *len) { *len = 1; *slot += 1; }\n"
                  # passed on: what the callee does with it is not read here
                  "void pass(char **slot, int *len) { *len = 2; see(slot); }\n"
                  # a later element: not the one object the extent gives
                  "void second(char **slot, int *len) { *len = 4; slot[1] = NULL; }\n"
                  # static and called with its caller's parameters: no C ABI entry compares them, and
                  # nothing proves the call sites apart
                  "static void fill(char **slot, int *len) { *len = 5; *slot = NULL; }\n"
                  "void outer(char **s, int *n) { fill(s, n); }\n")
    for f in ("grow", "zero", "step", "pass", "second", "fill"):
        reasons = raw_reasons(cb.functions[f], cb)
        assert reasons.get("len") == ALIAS, (f, reasons)
        assert all(p.proof != "disjoint-checked" for p in s[f].params), f
