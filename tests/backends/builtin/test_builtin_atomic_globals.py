"""Scalar globals as Rust atomics (signatures/atomics.py, backends/builtin/globals_atomic.py): the shape of
the Rust. What it does is compared with gcc's by the behaviour case data/scalar_globals.c, and with a C test
writing the globals in tests/pipeline/test_migrate_atomic_globals.py."""

from __future__ import annotations

from dataclasses import replace

from helpers.builtin_translate import translate_file, unsafe_blocks
from helpers.paths import data_text

from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import SharedTranslation
from llmigrate.signatures.net import names_in, unsound

C = data_text("backends/builtin/behaviour/data/scalar_globals.c")


def test_scalar_globals_are_atomics_and_their_users_safe_fns(tmp_path):
    out = translate_file(tmp_path, "g.c", C)
    assert all(tr.ok for tr, _, _ in out.values()), [tr.reasons for tr, _, _ in out.values()]
    code = {fid: tr.code[fid] for fid, (tr, _, _) in out.items()}
    shared = get_backend("builtin", Config()).translate_shared(out["sg_inc"][2].codebase).code
    atomic = "core::sync::atomic::"
    for line in (f"#[no_mangle]\npub static sg_total: {atomic}AtomicU32 = {atomic}AtomicU32::new(4294967290",
                 f"pub static sg_count: {atomic}AtomicI32 = {atomic}AtomicI32::new(0i32);",
                 f"pub static sg_scale: {atomic}AtomicU64 = {atomic}AtomicU64::new(f64::to_bits(1.5));",
                 f"pub static sg_ratio: {atomic}AtomicU32 = {atomic}AtomicU32::new(f32::to_bits(-0.25));",
                 f"pub static sg_flag: {atomic}AtomicBool = {atomic}AtomicBool::new(false);",
                 f"pub static sg_mode: {atomic}AtomicU32 = {atomic}AtomicU32::new(5u32);",
                 f"pub static sg_small: {atomic}AtomicU8 = {atomic}AtomicU8::new(250u8);"):
        assert line in shared, line
    assert "pub static mut sg_where: *mut i32 = " in shared  # a pointer global stays `static mut`
    assert "(&raw const sg_count) as *mut i32" in shared  # the atomic's bytes, as the C's `&sg_count`
    for fid in ("sg_inc", "sg_wrap", "sg_narrow", "sg_value", "sg_ops", "sg_grow", "sg_shrink", "sg_set_flag",
                "sg_switch", "sg_step", "sg_tick", "sg_more"):
        assert f"pub fn {fid}(" in code[fid] and "unsafe" not in code[fid], code[fid]
    relaxed = "core::sync::atomic::Ordering::Relaxed"
    assert f"f64::from_bits(crate::shared::sg_scale.load({relaxed}))" in code["sg_grow"]
    # ++, -- and += of the same integer type: one fetch_add/fetch_sub, wrapping like the translation's `+`
    assert f"crate::shared::sg_total.fetch_add(d, {relaxed});" in code["sg_wrap"]
    assert f"let old: i64 = crate::shared::sg_big.fetch_sub(1, {relaxed});" in code["sg_step"]
    # else a load, C's operation in its computation type, a store: `sg_small += d` computes in int
    assert f"sg_small.store((crate::shared::sg_small.load({relaxed}) as i32)" in code["sg_narrow"]
    assert "static sg_tick__n: core::sync::atomic::AtomicI32 = " in code["sg_tick"]  # a static local
    # through a pointer: the address is safe to take, the dereference is not, and sg_where is a `static mut`
    through = code["sg_through"]
    assert "pub unsafe fn sg_through(" in through and "crate::shared::sg_count.as_ptr()" in through
    assert all("as_ptr" not in b for b in unsafe_blocks(through)), through
    texts = [shared, *code.values()]
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_a_safe_fn_never_touches_a_global_shared_rs_keeps_static_mut(tmp_path):
    """A shared module that keeps a scalar global `static mut` (a model's, told otherwise): a function the
    signatures made safe for that global fails with the reason rather than wrap the access (never unsound).
    A global whose initializer is an address stays C (`static mut`), and its users unsafe fns."""
    c = ("#include <stdint.h>\nint base[2];\nintptr_t where = (intptr_t)&base[1];\nint count;\n"
         "int is_set(void) { return where != 0; }\nint get(void) { return count; }\n")
    out = translate_file(tmp_path, "k.c", c)
    assert out["is_set"][1].unsafe and out["is_set"][0].ok  # `where` stays C: extern `static mut`
    _, sig, req = out["get"]
    assert not sig.unsafe
    atomic = "pub static count: core::sync::atomic::AtomicI32 = core::sync::atomic::AtomicI32::new(0i32);"
    assert atomic in req.shared.code
    shared = SharedTranslation(req.shared.code.replace(atomic, "pub static mut count: i32 = 0i32;"),
                               names=req.shared.names, origin="model")
    tr = get_backend("builtin", Config()).translate_unit(replace(req, shared=shared))
    assert tr.reasons == ["k.c:6: static: 'count' is a `static mut`, which the safe fn the signatures made "
                          "of this function cannot touch"], tr.reasons
