"""Parameters the signature mapper proved references or slices: their uses in safe Rust, and arguments for
callees taking references or slices."""

from __future__ import annotations

import clang.cindex as ci
from clang.cindex import TypeKind as TK

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.align import misaligned
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop, walk
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import paren
from llmigrate.backends.builtin.cursors import (
    is_cast,
    is_local_place,
    is_null_constant,
    only_child,
    side_effects,
    strip,
)
from llmigrate.backends.builtin.dispatch import place, value
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.core import RustParam
from llmigrate.reintegrate.unaligned import copied
from llmigrate.report.safety import CONTRACT
from llmigrate.signatures.aliases import ADMISSIBLE as ALIASED
from llmigrate.signatures.borrow import RULES
from llmigrate.signatures.copyout import RULE as COPIED
from llmigrate.signatures.cstr import CSTR as CSTRS
from llmigrate.signatures.mapper import CSTR
from llmigrate.signatures.zeroterm import TO_ZERO, scan_count

K = ci.CursorKind
REFS = ("ref", "mut_ref", "opt_ref", "opt_mut")  # convs whose uses go through a reference


def own_param(c: ci.Cursor, ctx: FnCtx) -> tuple[str, str] | None:
    """(Rust name, conv) of the borrowed parameter `c` denotes (through parentheses and implicit
    conversions), or None."""
    s = c
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
        ch = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if len(ch) != 1 or s.kind == K.UNEXPOSED_EXPR and s.type.get_canonical().kind != \
                ch[0].type.get_canonical().kind or \
                s.kind == K.CSTYLE_CAST_EXPR and _void_param(ch[0], ctx) is None:
            return None
        s = ch[0]
    if s.kind != K.DECL_REF_EXPR or s.referenced is None or \
            s.referenced.kind not in (K.PARM_DECL, K.VAR_DECL):
        return None  # a local only when it stands for a `void *` parameter its uses type (view_alias)
    found = ctx.borrowed.get(s.referenced.hash)
    return (ctx.local(s.referenced), found[0]) if found is not None else None


def _void_param(c: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The borrowed `void *` parameter `c` denotes (through parentheses and implicit conversions), or None:
    one its uses type (signatures.voids), whose every cast is to the type of its reference."""
    s = c
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR) and \
            len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = ch[0]
    d = s.referenced if s.kind == K.DECL_REF_EXPR else None
    if d is None or d.kind != K.PARM_DECL or d.hash not in ctx.borrowed:
        return None
    return d if d.type.get_canonical().get_pointee().kind == TK.VOID else None


def view_alias(init: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The borrowed parameter a local is initialised from, which the local stands for: a `void *` one
    (`const T *x = a;`, or `= (T *)a`: signatures.voids proved that its only use), or a typed one of the
    local's own type (`T *q = p;`: signatures.aliases did, rule local-alias); else None."""
    s = init
    while s.kind == K.CSTYLE_CAST_EXPR and len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = ch[0]
    return _void_param(s, ctx) or _typed_param(init, ctx)


def _typed_param(init: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The borrowed typed pointer parameter `init` is, unconverted, when its proof can go through a local
    (a reference or slice, not a walked string's or stepped slice's offset, which the builtin keys by the
    parameter): the proofs let a borrowed parameter initialise a local only as aliases.py's only use."""
    s = init
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR) and \
            len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1 and \
            ch[0].type.get_canonical() == init.type.get_canonical():
        s = ch[0]
    d = s.referenced if s.kind == K.DECL_REF_EXPR else None
    if d is None or d.kind != K.PARM_DECL or d.hash in ctx.steps or d.hash in ctx.handles or \
            ctx.borrowed.get(d.hash, ("",))[0] not in ALIASED:
        return None
    return d if d.type.get_canonical().get_pointee().kind != TK.VOID else None


def stepped(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """`p[at]` for the operand `p++` of `*p++`, p a slice the rule stepped-count proved (its C steps over
    the first n elements, one per turn), the index local `at` advancing as C's pointer did (after the
    statement when dispatch.py postponed the step); else None."""
    s = strip(c)
    at = step_index(only_child(s), ctx) if s.kind == K.UNARY_OPERATOR and unop(s) == "post++" else None
    if at is None:
        return None
    name = ctx.local(strip(only_child(s)).referenced)
    return f"{name}[{at}]" if s.hash in ctx.postponed else f"{name}[{{ let i = {at}; {at} += 1; i }}]"


def step_index(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """The index local of the stepped slice parameter `c` denotes, or None."""
    d = strip(c)
    return ctx.steps.get(d.referenced.hash) if d.kind == K.DECL_REF_EXPR and d.referenced is not None \
        else None


def borrowed(c: ci.Cursor, ctx: FnCtx, convs: tuple[str, ...]) -> str | None:
    """The reference behind the borrowed parameter `c` denotes, when its conv is one of `convs`; else None."""
    own = own_param(c, ctx)
    return reference(*own) if own is not None and own[1] in convs else None


def reference(name: str, conv: str) -> str:
    """The reference a borrowed parameter's dereference goes through: an `Option` is unwrapped, so that a
    dereference of NULL, undefined in C, panics."""
    return {"opt_ref": f"{name}.unwrap()", "opt_mut": f"{name}.as_deref_mut().unwrap()"}.get(conv, name)


def as_pointer(name: str, rust_type: str, c_type: str, at: str | None = None) -> str:
    """The raw pointer (of the body's C type `c_type`) behind a reference or slice parameter; `at`: the
    offset local of a walked `&CStr` (rule c-string-cursor), its tail from there (past its NUL panics)."""
    if rust_type in (CSTR, f"Option<{CSTR}>"):  # a `&CStr` or `Option<&CStr>` (signatures_cstr): NULL is None
        raw = f"{name}[{at}..].as_ptr()" if at is not None else f"{name}.as_ptr()" if rust_type == CSTR else \
            f"{name}.map_or(core::ptr::null(), core::ffi::CStr::as_ptr)"
        return raw if c_type == "*const i8" else f"({raw} as {c_type})"
    if rust_type.startswith("Option<&mut "):  # compared, or one object memcpy/memset write (copies.py):
        # a pointer made from the unique reference, so the library may write through it; NULL is None
        raw = f"{name}.as_deref_mut().map_or(core::ptr::null_mut(), core::ptr::from_mut)"
    elif rust_type.startswith("Option<"):  # compared or read as one object: NULL is None
        raw = f"{name}.as_deref().map_or(core::ptr::null(), core::ptr::from_ref)"
    elif rust_type.startswith("&mut ["):
        raw = f"{name}.as_mut_ptr()"
    elif rust_type.startswith("&["):
        raw = f"{name}.as_ptr()"
    else:
        raw = f"(&raw {'mut' if rust_type.startswith('&mut ') else 'const'} *{name})"
    return raw if _natural(rust_type) == c_type else f"({raw} as {c_type})"  # none to its own type (clippy)


def _natural(rust_type: str) -> str:
    """The raw pointer type a reference or slice type's pointer has: `*mut u8` of `&mut [u8]`, `*const T`
    of `Option<&T>`."""
    inner = rust_type[len("Option<"):-1] if rust_type.startswith("Option<") else rust_type
    mutable = inner.startswith("&mut ")
    target = inner.removeprefix("&mut ").removeprefix("&").strip()
    target = target[1:-1] if target.startswith("[") and target.endswith("]") else target
    return f"*{'mut' if mutable else 'const'} {target}"


def argument(args: list[ci.Cursor], params: list[RustParam], i: int, ctx: FnCtx) -> str:
    """Argument `i` for a callee whose parameter `i` is a reference or slice."""
    p, a = params[i], args[i]
    mutable = p.conv in ("mut_ref", "slice_mut", "opt_mut")
    if p.conv in ("opt_ref", "opt_mut"):
        return _optional(a, p, ctx, _local_address(args, i, p, ctx))
    if p.conv in ("ref", "mut_ref"):
        mine = None if p.view else borrowed(a, ctx, ("mut_ref", "opt_mut") if mutable else REFS)
        if mine is not None:  # a shared reference is passed as it is; a mutable one is reborrowed
            shared = (own_param(a, ctx) or ("", ""))[1] in ("ref", "opt_ref")
            return mine if shared else f"&{'mut ' if mutable else ''}*{mine}"
        local = _local_address(args, i, p, ctx)
        if local is not None:
            return local
        ctx.unsafe = True  # a raw pointer the callee's proof says is dereferenced: C would too
        ctx.proofs.append(lent_proof(a, p, ctx))
        return f"&{'mut ' if mutable else ''}*{value(a, ctx, p.view or p.abi_type)}"
    if p.len_param and p.len_param.isdigit():  # an array parameter's declared size
        return _sized(a, p, ctx, mutable)
    own = None if p.view else own_param(a, ctx)
    if own is not None and own[1] in (("slice_mut",) if mutable else ("slice", "slice_mut")):
        # its own slice passed on (to the function itself, with no larger a count: signatures/flow.py)
        return own[0]  # reborrowed (or a `&mut` made shared) as the callee's parameter type says
    if p.len_param == TO_ZERO:
        return _to_zero(a, p, ctx)
    n = next((j for j, q in enumerate(params) if q.name == p.len_param), None)
    if n is None:
        raise Unsupported("call", f"the slice parameter '{p.name}' has no length parameter")
    if side_effects(args[n]):
        raise Unsupported("call", f"the length of the slice argument '{p.name}' has side effects", a)
    ctx.unsafe = True
    ctx.proofs.append(lent_proof(a, p, ctx, "a slice"))
    ptr, length = value(a, ctx, p.view or p.abi_type), value(args[n], ctx, params[n].abi_type)
    empty = "&mut []" if mutable else "&[]"
    make = "core::slice::from_raw_parts_mut" if mutable else "core::slice::from_raw_parts"
    tmp = ctx.fresh("s")
    count = length if params[n].abi_type == "usize" else f"{length} as usize"  # no cast to its own type
    return (f"{{ let {tmp} = {ptr}; if {tmp}.is_null() || ({length} as i128) <= 0 {{ {empty} }} "
            f"else {{ {make}({tmp}, {count}) }} }}")


def _to_zero(a: ci.Cursor, p: RustParam, ctx: FnCtx) -> str:
    """The argument for a callee's slice up to its zero element (rule zero-terminated) from a raw pointer:
    the elements up to that zero, which the callee's C reads on every call (C would too)."""
    ctx.unsafe = True
    ctx.proofs.append(lent_proof(a, p, ctx, "a slice"))
    tmp = ctx.fresh("s")
    return (f"{{ let {tmp} = {value(a, ctx, p.abi_type)}; if {tmp}.is_null() {{ &[] }} "
            f"else {{ core::slice::from_raw_parts({tmp}, {scan_count(tmp)}) }} }}")


def _sized(a: ci.Cursor, p: RustParam, ctx: FnCtx, mutable: bool) -> str:
    """The argument for a callee's slice as long as its array parameter's declared size: a borrowed slice
    passed on when at least that long (else a panic, where C would read past it), else the raw pointer."""
    own = own_param(a, ctx)
    if own is not None and own[1] in (("slice_mut",) if mutable else ("slice", "slice_mut")):
        return f"&{'mut ' if mutable else ''}{own[0]}[..{p.len_param}]"
    ctx.unsafe = True
    ctx.proofs.append(lent_proof(a, p, ctx, "a slice"))
    tmp, empty = ctx.fresh("s"), "&mut []" if mutable else "&[]"
    make = "core::slice::from_raw_parts_mut" if mutable else "core::slice::from_raw_parts"
    return (f"{{ let {tmp} = {value(a, ctx, p.abi_type)}; if {tmp}.is_null() {{ {empty} }} "
            f"else {{ {make}({tmp}, {p.len_param}) }} }}")


def unaligned_slice(args: list[ci.Cursor], params: list[RustParam], ctx: FnCtx) -> bool:
    """A slice parameter of wide integers is given a pointer not known to be aligned for them (align.py):
    a slice over it would be undefined, so the call goes through the callee's C ABI entry, which copies the
    elements of an unaligned pointer (reintegrate.unaligned)."""
    return any(copied(p) and borrowed(a, ctx, ("slice", "slice_mut")) is None
               and misaligned(a, ctx.sources, ctx.addressed, ctx.loose)
               for a, p in zip(args, params, strict=True))


def entry_guarded(params: list[RustParam]) -> bool:
    """The callee's C ABI entry guards some reference: checks it for overlap, or passes it a copy."""
    return any(p.proof in ("disjoint-checked", COPIED) for p in params)


def held_apart(args: list[ci.Cursor], params: list[RustParam], ctx: FnCtx, lent: set[int]) -> bool:
    """Every argument for a `disjoint-checked` parameter, and for those it is checked against (any pointer
    beside a `copied-out` one, signatures_copyout), is a
    reference the caller holds (a borrowed parameter of its own, a local's address, an element of its slice
    it lends, `lent` (builtin/elements.py), or NULL for an `Option`), no borrowed parameter passed twice:
    the borrow checker proves them apart. Else the call goes through the callee's C ABI entry, which checks
    them at run time (reintegrate.overlap)."""
    names = {p.name for p in params if p.proof == "disjoint-checked"}
    names |= {q for p in params if p.proof == "disjoint-checked" for q in p.disjoint_from}
    if any(p.proof == COPIED for p in params):  # what may overlap a copied-out one is unknown: any pointer
        names |= {p.name for p in params if p.abi_type.startswith("*")}
    for i, (a, p) in enumerate(zip(args, params, strict=True)):
        if p.name not in names or p.conv in ("opt_ref", "opt_mut", "opt_cstr") and is_null_constant(a) or \
                i in lent:
            continue
        if p.conv in CSTRS:  # a literal (static memory) or a `&CStr` the caller holds
            if own_param(a, ctx) is None and not is_string_literal(a):
                return False
            continue
        if p.conv not in REFS or not is_upgraded(p):
            return False  # a slice argument is made from its pointer and length
        mutable = p.conv in ("mut_ref", "opt_mut")
        if borrowed(a, ctx, ("mut_ref", "opt_mut") if mutable else REFS) is None and \
                _local_address(args, i, p, ctx) is None:
            return False
    own = [found[0] for a in args if (found := own_param(a, ctx)) is not None]
    return len(own) == len(set(own))


def is_string_literal(c: ci.Cursor) -> bool:
    """`c` is a string literal (through parentheses and its decay to a pointer)."""
    s = strip(c)
    while s.kind == K.UNEXPOSED_EXPR and len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = strip(ch[0])
    return s.kind == K.STRING_LITERAL


def option_test(c: ci.Cursor, ctx: FnCtx, present: bool) -> str | None:
    """`p.is_some()` (or `is_none()`) when `c` is an `Option` parameter, for C's NULL tests; else None."""
    own = own_param(c, ctx)
    if own is None or own[1] not in ("opt_ref", "opt_mut", "opt_cstr"):
        return None
    return f"{own[0]}.{'is_some' if present else 'is_none'}()"


def _optional(a: ci.Cursor, p: RustParam, ctx: FnCtx, local: str | None) -> str:
    """The argument for a callee's `Option<&T>` / `Option<&mut T>` parameter: None for NULL, a reborrow of
    a borrowed parameter, `Some(&mut x)` for a local, else the raw pointer checked for NULL."""
    mutable = p.conv == "opt_mut"
    if is_null_constant(a):
        return "None"
    if local is not None:
        return f"Some({local})"
    own = None if p.view else own_param(a, ctx)  # a view's pointer (signatures.voids) is cast first
    if own is not None and (own[1] in ("mut_ref", "opt_mut") or not mutable):
        name, conv = own
        if conv == "opt_ref" or (conv == "ref" and not mutable):  # a shared view is Copy: passed as it is
            return name if conv == "opt_ref" else f"Some({name})"
        if conv == "opt_mut":
            return f"{name}.as_deref_mut()" if mutable else f"{name}.as_deref()"
        return f"Some(&{'mut ' if mutable else ''}*{name})"
    ctx.unsafe = True  # the C pointer passed on: NULL becomes None
    ctx.proofs.append(lent_proof(a, p, ctx))
    return f"{paren(value(a, ctx, p.view or p.abi_type))}.{'as_mut' if mutable else 'as_ref'}()"


def _local_address(args: list[ci.Cursor], i: int, p: RustParam, ctx: FnCtx) -> str | None:
    """`&x` of a local object of the callee's pointee type as `&mut x` (safe; `&x` where C converts it to a
    `const T *`), when no other argument mentions `x` (Rust would refuse to read it while it is mutably
    borrowed); else None. So is `&p->f` of a borrowed parameter `p` (`lent_member`), converted to a
    `const T *` or not (a shared borrow)."""
    s, mutable = strip(args[i]), p.conv in ("mut_ref", "opt_mut")
    if not mutable and s.kind == K.UNEXPOSED_EXPR and is_cast(s) and (k := strip(only_child(s))).kind == \
            K.UNARY_OPERATOR and unop(k) == "&" and (lent_member(only_child(k), ctx, REFS) is not None or
                                                    is_local_place(only_child(k))):
        s = k  # `T *` to `const T *` (the pointee's type is checked below: a qualifier only)
    if s.kind != K.UNARY_OPERATOR or unop(s) != "&":
        return None
    x = only_child(s)
    pointee = p.rust_type.removeprefix("Option<").removesuffix(">") if p.conv in REFS[2:] else p.rust_type
    lent = lent_member(x, ctx, ("mut_ref", "opt_mut") if mutable else REFS)  # `&p->f`: only `p` matters
    if not (is_local_place(x) or lent) or \
            bt.rust_type(x.type) != pointee.removeprefix("&mut ").removeprefix("&"):
        return None
    names = {t.spelling for t in x.get_tokens() if t.kind == ci.TokenKind.IDENTIFIER}
    if any(not _apart(a, lent, ctx) if lent is not None else names & {t.spelling for t in a.get_tokens()}
           for j, a in enumerate(args) if j != i):
        return None
    return f"&{'mut ' if mutable else ''}{place(x, ctx)}"


def lent_member(x: ci.Cursor, ctx: FnCtx, convs: tuple[str, ...]) -> ci.Cursor | None:
    """The member access `p->f` that `x` is (or goes through `.` members from: `p->f.g`, or is an element
    of, `p->a[i]` of an array member of more than one element: signatures/members.py), `p` a borrowed
    parameter whose conv is in `convs`; else None."""
    s = strip(x)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR:
        base = strip([k for k in kids(s) if k.kind in EXPR_KINDS][0])
        s = strip(only_child(base)) if base.kind == K.UNEXPOSED_EXPR else base  # the array's decay
        if s.type.get_canonical().kind != TK.CONSTANTARRAY or s.type.get_canonical().element_count < 2:
            return None
    base = []
    while s.kind == K.MEMBER_REF_EXPR and (base := [k for k in kids(s) if k.kind in EXPR_KINDS]) and \
            base[0].type.get_canonical().kind != TK.POINTER:
        s = strip(base[0])
    if s.kind != K.MEMBER_REF_EXPR or not base or borrowed(base[0], ctx, convs) is None:
        return None
    return s if strip(base[0]).kind == K.DECL_REF_EXPR else None


def _apart(arg: ci.Cursor, member: ci.Cursor, ctx: FnCtx) -> bool:
    """`arg` names the parameter `p` of `member` (`p->f`) nowhere or, `p` a plain reference (an Option's
    unwrap borrows all of it), only as `p->g` of another member: places the borrow checker holds apart
    from `&mut p.f` (signatures/members.py)."""
    p = strip([k for k in kids(member) if k.kind in EXPR_KINDS][0]).referenced
    uses = [k for k in walk(arg) if k.kind == K.DECL_REF_EXPR and k.referenced is not None and
            k.referenced.hash == p.hash]
    if not uses:
        return True
    if ctx.borrowed.get(p.hash, ("",))[0] not in ("ref", "mut_ref"):
        return False
    others = [k for k in walk(arg) if k.kind == K.MEMBER_REF_EXPR and k.referenced is not None and
              k.referenced.hash != member.referenced.hash and _arrow_of(k, p)]
    return len(others) == len(uses)


def _arrow_of(k: ci.Cursor, p: ci.Cursor) -> bool:
    """The member access `k` is `p->g`, straight through the pointer `p` names."""
    b = [c for c in kids(k) if c.kind in EXPR_KINDS]
    o = strip(b[0]) if b and b[0].type.get_canonical().kind == TK.POINTER else None
    return o is not None and o.kind == K.DECL_REF_EXPR and o.referenced is not None and \
        o.referenced.hash == p.hash


def lent_proof(a: ci.Cursor, p: RustParam, ctx: FnCtx, made: str = "a reference") -> str:
    """Why the reference (`made`) made from the raw pointer `a` for the callee's parameter `p` is sound: a
    local's address is valid while it lives; else in an unsafe fn the caller's contract, whose `# Safety`
    doc names the argument (signatures/soundness.py), the callee's rule only saying what the reference is
    used for: `p`'s rule, named as the pointer, would read as a proof of the caller's own `p` (issue 15)."""
    s = strip(a)
    s = strip(only_child(s)) if s.kind == K.UNEXPOSED_EXPR and is_cast(s) else s  # `T *` to `const T *`
    use = f"(the callee's `{p.name}`: rule {p.proof})"
    if s.kind == K.UNARY_OPERATOR and unop(s) == "&" and is_local_place(only_child(s)):
        # soundness.py lets a local's address be lent: no contract of the caller's
        return f"`{c_text(a)}` is the address of a local, valid while the call runs {use}"
    if ctx.safe_fn:
        return f"{p.name}: rule {p.proof}: {RULES.get(p.proof, 'proven by the signature mapper')}"
    return (f"{CONTRACT}: it passes `{c_text(a)}` as {made} made from a raw pointer, valid as the "
            f"function's `# Safety` requires {use}")


def c_text(c: ci.Cursor) -> str:
    """The C of an expression, its tokens spaced only between words (`n->kid[0]`), at most 60 characters."""
    out = ""
    for t in c.get_tokens():
        out += (" " if out and (out[-1].isalnum() or out[-1] == "_") and
                (t.spelling[0].isalnum() or t.spelling[0] == "_") else "") + t.spelling
    return out if len(out) <= 60 else out[:57] + "..."


def is_upgraded(p: RustParam) -> bool:
    """The parameter crosses the Rust interface as a reference or slice."""
    return p.conv in (*REFS, "slice", "slice_mut", *CSTRS) and not bt.is_ptr(p.rust_type)
