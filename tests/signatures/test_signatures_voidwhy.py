"""Why a `void *` parameter no view types stays raw (signatures/voidwhy.py): the reason names the first use
that stops it after the bucket, so the opaque pointers (stored, handed to a callback) that must stay raw
are told from byte buffers a rule might prove. The parameter stays raw either way."""

from __future__ import annotations

from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures import voidwhy
from llmigrate.signatures.mapper import map_all, raw_reasons

VOIDWHY = DATA / "signatures" / "voidwhy"
VOID = voidwhy.VOID


def test_the_reason_names_the_use_that_keeps_a_void_pointer_raw():
    cb = analyze_dir(VOIDWHY)
    why = {f: raw_reasons(cb.functions[f], cb) for f in (
        "slot_put", "remember", "apply", "slot_cmp", "global_order", "put_both", "slot_same", "address_of")}
    assert why["slot_put"]["data"] == why["remember"]["p"] == f"{VOID}: stored"  # a member, a global
    callback = f"{VOID}: {voidwhy.CALLBACK}"  # a parameter, a member, a global function pointer
    assert why["apply"] == {"a": callback, "ctx": callback}
    assert why["slot_cmp"]["key"] == why["global_order"]["a"] == callback
    assert why["put_both"]["data"] == f"{VOID}: passed to a callee whose parameter stays raw"
    assert why["slot_same"]["key"] == f"{VOID}: {voidwhy.COUNTED}"  # `s->len`
    assert why["address_of"]["p"] == f"{VOID}: cast"  # to an integer


def test_a_void_pointer_the_reasons_name_stays_raw():
    cb = analyze_dir(VOIDWHY)
    s = map_all(cb)
    for f in ("slot_put", "remember", "apply", "slot_cmp", "global_order", "put_both", "slot_same"):
        assert s[f].unsafe, f
        assert all(p.abi_type == p.rust_type for p in s[f].params if "c_void" in p.abi_type), f
