"""One C function definition as Rust: the fixed signature, parameters as mutable locals, the body, helpers."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import bytecursors
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.align import loose_params, sources
from llmigrate.backends.builtin.borrows import is_upgraded
from llmigrate.backends.builtin.cfront import forget, kids
from llmigrate.backends.builtin.comments import before, file_text
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, closing, coerce, needs_unsafe
from llmigrate.backends.builtin.cursors import mutated
from llmigrate.backends.builtin.deadsteps import dead_steps
from llmigrate.backends.builtin.decls import aliased
from llmigrate.backends.builtin.dispatch import indent
from llmigrate.backends.builtin.inits import zero
from llmigrate.backends.builtin.lets import defer_lets
from llmigrate.backends.builtin.libslices import watch
from llmigrate.backends.builtin.options import if_let, moved_last
from llmigrate.backends.builtin.stmts import block
from llmigrate.backends.builtin.tails import tail_values
from llmigrate.backends.builtin.tidy import tidy
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unmuted import unmuted
from llmigrate.backends.builtin.unsafety import guarded_lines, unsafe_expr
from llmigrate.core import VA_PARAM, Codebase, RustParam, RustSignature
from llmigrate.rust_syntax import parse
from llmigrate.signatures.mapper import value_names
from llmigrate.signatures.safety import safety_doc

K = ci.CursorKind


def translate_function(cursor: ci.Cursor, sig: RustSignature, codebase: Codebase, file: str,
                       signatures: dict[str, RustSignature],
                       shared_names: dict[str, str] | None = None,
                       immutable: frozenset[str] = frozenset(),
                       atomics: dict[str, str] | None = None) -> str:
    """Rust text of `cursor` (a FUNCTION_DECL definition) with exactly `sig.decl()`, plus its helpers.

    `immutable`: paths of shared.rs's plain `static`s (C const data), which are read without `unsafe`;
    `atomics`: paths of its atomic statics (scalar globals, globals_atomic.py), loaded and stored safely.
    Raises Unsupported for anything it cannot translate faithfully.
    """
    forget()  # the children memo of the previous function
    ctx = FnCtx(codebase=codebase, file=file, fn_name=sig.rust_name, ret=sig.ret, signatures=signatures,
                ret_type=cursor.result_type, shared_names=shared_names or {},
                # a local cannot shadow shared.rs's statics and constants
                used=set(value_names(codebase)), immutable=set(immutable), atomics=dict(atomics or {}),
                safe=not sig.unsafe)
    if sig.variadic:  # the body its C shim calls with the va_list (varargs.py)
        if not file.endswith(".c"):
            raise Unsupported("variadic function", "defined in a header: its C shim (va_shim.py) replaces "
                              "a definition in a C file", cursor)
        ctx.used.add(VA_PARAM)
    ctx.safe_fn = not sig.unsafe
    params = list(cursor.get_arguments())
    body = next((k for k in kids(cursor) if k.kind == K.COMPOUND_STMT), None)
    if body is None:
        raise Unsupported("function", "no body", cursor)
    (ctx.mutated, ctx.addressed), ctx.sources = mutated(body), sources(body)
    watch(cursor.spelling, ctx)
    if len(params) != len(sig.params):
        raise Unsupported("signature", f"clang sees {len(params)} parameters, the signature "
                          f"{len(sig.params)}",
                          cursor)
    for p, rp in zip(params, sig.params, strict=True):
        if is_upgraded(rp):  # proven a reference/slice: used as one (see borrows.py), never reassigned
            ctx.borrowed[p.hash] = (rp.conv, rp.rust_type)
            if rp.proof == "opaque-handle":
                ctx.handles.add(p.hash)
            if rp.at:  # `p[k]` is the element the reference stands for (rule element-at)
                ctx.at[p.hash] = rp.at
            if rp.proof == "byte-count":  # memset/memcmp of it may be slice operations (bytecalls.py)
                ctx.counts[p.hash] = rp.len_param
            if {"stepped-count", "byte-cursor"} & {rp.proof, rp.beneath} or rp.conv == "cstr" and \
                    p.hash in ctx.mutated:
                # the index C's pointer moves by: a stepped slice's (also one checked for overlap at run
                # time, rule disjoint-checked), a walked string's offset (c-string-cursor), a byte cursor's
                ctx.steps[p.hash] = ctx.fresh(f"{rp.name}_at")
                bytecursors.register(p, rp.proof, rp.beneath or "", ctx)
            ctx.names[p.hash] = rp.name  # the signature's name (`n_` when `n` is a static of shared.rs)
            ctx.used.add(rp.name)
    ctx.loose = loose_params(cursor, [p for p in params if p.hash not in ctx.borrowed])
    lines = [ln for p, rp in zip(params, sig.params, strict=True)
             for ln in (_rebind(rp, p.hash in ctx.mutated) if p.hash in ctx.borrowed and
                        not aliased(p, body, ctx) else [] if p.hash in ctx.borrowed else
                        _param(p, rp.name, rp.rust_type, ctx))]
    # a byte cursor parameter copied into a local cursor (`const u8 *p = input;`) never moves itself
    lines += [f"{'let' if ctx.mutated is not None and h not in ctx.mutated else 'let mut'} {at}: usize = 0;"
              for h, at in ctx.steps.items()]
    lines += block(body, ctx)
    if ctx.ret != "()" and not (lines and lines[-1].startswith("return")) and not _returns(body):
        # C: falling off the end of a non-void function leaves the value unspecified; 0 is one such value.
        lines += guarded_lines(ctx, lambda: [f"return {_fall_off(sig, cursor, ctx)};"])
    lines = _tail(lines)
    if ctx.unsafe:  # set by code outside every guard: no smaller block is known for it
        lines = ["unsafe {", *indent(lines), "}"]
    head = [*before(file_text(cursor.extent.start.file.name), cursor.extent.start.offset)]
    head += [*safety_doc(sig, abi=True), f"#[export_name = \"{sig.va_symbol}\"]"] if sig.variadic else \
        safety_doc(sig)
    text = "\n".join([*head, f"{sig.decl()} {{", *indent(lines), "}"])
    once = tidy(if_let(tail_values(defer_lets("\n\n".join([text, *ctx.helpers]) + "\n"))))
    again = tail_values(once)  # tidy's flattened blocks may leave a return before the fall-off value
    # last: what may change `x` is final (a dead last step of it gone)
    return unmuted(dead_steps(moved_last(once if again == once else tidy(again))))


def _returns(c: ci.Cursor) -> bool:
    """The statement never completes normally: it returns on every path (an if/else whose arms all do)."""
    if c.kind == K.RETURN_STMT:
        return True
    if c.kind == K.COMPOUND_STMT:
        ch = [k for k in kids(c) if k.kind != K.NULL_STMT]
        goto = any(k.kind == K.LABEL_STMT for k in ch)  # a state machine (flow.py), not these statements
        return bool(ch) and not goto and _returns(ch[-1])
    ch = kids(c)
    return c.kind == K.IF_STMT and len(ch) == 3 and _returns(ch[1]) and _returns(ch[2])


def _tail(lines: list[str]) -> list[str]:
    """A final `return x;` as the tail expression `x` (Rust's idiom; clippy's needless_return)."""
    last = lines[-1] if lines else ""
    if last == "return;":
        return lines[:-1]
    value = last[len("return "):-1]
    if last.startswith("return ") and last.endswith(";") and _tail_safe(value):
        return [*lines[:-1], value]
    return lines


def _tail_safe(value: str) -> bool:
    """Whether `value` reads the same as a block's tail: one that starts with a block (`unsafe { .. } as
    u8`) would end at that block as a statement."""
    if not value.startswith(("unsafe {", "{", "if ", "match ", "loop ", "while ", "'")):
        return True
    if value.startswith(("if ", "match ")):  # safe when the `if`/`else` chain or `match` is all of it
        body = parse(f"fn f() {{\n{value}\n}}\n").root.named_children[0].child_by_field_name("body")
        kids = body.named_children if body is not None and not body.has_error else []
        e = kids[0].named_children[0] if len(kids) == 1 and kids[0].type == "expression_statement" else None
        return e is not None and len(kids[0].named_children) == 1 and e.end_byte == kids[0].end_byte and \
            (e.type == "match_expression" or e.type == "if_expression" and
             e.child_by_field_name("alternative") is not None)
    brace = value.find("{")
    return value.startswith(("unsafe {", "{")) and closing(value, brace) == len(value) - 1


def _fall_off(sig: RustSignature, cursor: ci.Cursor, ctx: FnCtx) -> str:
    return bt.zero_value(sig.ret) if bt.is_scalar(sig.ret) else zero(cursor.result_type, ctx)


def _rebind(rp: RustParam, assigned: bool) -> list[str]:
    """An `Option<&mut T>` parameter is reborrowed (`as_deref_mut`) through a mutable binding, as is an
    `Option<&T>` one given a NULL default (defaults.py)."""
    return [f"let mut {rp.name} = {rp.name};"] if rp.conv == "opt_mut" or rp.conv == "opt_ref" and assigned \
        else []


def _param(p: ci.Cursor, name: str, sig_type: str, ctx: FnCtx) -> list[str]:
    """Rebind a parameter as a mutable local of the type the body expects (C parameters are assignable)."""
    ctx.names[p.hash] = name
    ctx.used.add(name)
    mine = bt.param_type(p.type)
    let = ctx.let(p, mine)
    if sig_type.startswith("&") and bt.is_ptr(mine):  # a slice or reference in a safer signature
        return [f"{let} {name}: {mine} = {_borrowed_pointer(name, sig_type)} as {mine};"]
    if bt.same_type(mine, sig_type) or not bt.is_scalar(mine):
        return [] if let == "let" else [f"let mut {name} = {name};"]
    e = E(name, sig_type)
    return [f"{let} {name}: {mine} = {unsafe_expr(coerce(e, mine), needs_unsafe(e, mine))};"]


def _borrowed_pointer(name: str, sig_type: str) -> str:
    """The raw pointer behind a `&[T]` / `&mut [T]` / `&T` / `&mut T` parameter (the body works on C's
    pointer; the safer signature only constrains what callers pass)."""
    if sig_type.startswith("&mut ["):
        return f"{name}.as_mut_ptr()"
    if sig_type.startswith("&["):
        return f"{name}.as_ptr()"
    if sig_type.startswith("&mut "):
        return f"({name} as *mut {sig_type[5:]})"
    return f"({name} as *const {sig_type[1:]})"
