"""Which pointer parameters of a function become references or slices (the proofs are signatures_proof's).

Besides each parameter's own uses, a borrow must not alias anything the function can reach another way:
Rust assumes a `&mut` (and the memory behind a `&`) is touched through nothing else while the call runs. So a
parameter stays raw when another pointer parameter may reach the same memory (C's aliasing rules: same scalar
width, a containing struct, char/void alias anything), when its own struct can point back into itself, and
when the function or a callee uses a global; a struct's pointers count through members the call may follow.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import (
    aliases,
    callsites,
    copies,
    copylast,
    counted,
    cprefix,
    cstr,
    cursorslice,
    defaults,
    dims,
    elementat,
    elements,
    extents,
    flow,
    memberbytes,
    memberfills,
    outslots,
    reach,
    reaches,
    slots,
    untouched,
    voidbytes,
    voids,
    voidwhy,
    zeroterm,
)
from llmigrate.signatures.bodies import mentioned, proof_body, whole_function
from llmigrate.signatures.checked import Checked, checkable, disjoint_checked
from llmigrate.signatures.contained import read_only, self_contained, static_local, writes_params_only
from llmigrate.signatures.follows import unfollowed as unfollowed_members
from llmigrate.signatures.kinds import (
    declared_size,
    element,
    is_pointer,
    is_stream,
    spell_params,
    unborrowable,
)
from llmigrate.signatures.loops import count_params, evaluated, prove_slice, prove_stepped
from llmigrate.signatures.members import Arrays
from llmigrate.signatures.overlaps import (
    checked_globals,
    conflicts,
    global_aliased,
    owned_relied,
    self_aliased,
)
from llmigrate.signatures.owned import owned_members
from llmigrate.signatures.proof import (
    Upgrade,
    array_fields,
    handle_or_reason,
    in_macro_call,
    macro_mentions,
    occurrences,
    ref_or_reason,
    writes_through,
)
from llmigrate.signatures.stops import may_stop

_INDEXED = "indexed outside a counted loop"
_OUTSIDE = "passed to a function outside SRC"
_VIEWS = ("ref", "opt_ref", *cstr.CSTR)  # convs of a pointer the function never writes through
# When a dict (bench/aliased_params.py sets one), decide() notes here, by (function id, parameter index),
# what kept a parameter "may alias another parameter": the others it may overlap, and the run-time check's
# fate. A survey's window into the proof; nothing reads it back.
NOTES: dict[tuple[str, int], dict] | None = None
# Each rule a borrow rests on, and why a reference or slice made from a C pointer under it is sound: what
# `// SAFETY:` comments say where one is made (ffi.rs, a backend's call sites).
RULES = {
    "deref-on-every-call": "the C dereferences it on every call, so a valid caller passes a valid pointer; "
                           "nothing else the call reaches may alias it",
    "null-checked": "the C only dereferences or NULL-tests it, and NULL becomes None; nothing else the call "
                    "reaches may alias it",
    "counted-loop": "the C only indexes it below its count, and NULL or a count <= 0 is empty; nothing else "
                    "the call reaches may alias it",
    "read-only": "the C only reads through it (NULL, where it tests for it, becomes None) and writes no "
                 "memory of the program while it runs (at most a standard stream's, the C library's own), so "
                 "a shared view may overlap anything",
    "shared-view": "the C never writes through it (NULL, where it tests for it, becomes None) and nothing "
                   "the call writes may lie in its pointee, so a shared view may overlap other shared views",
    "declared-size": "the C only indexes it below the constant size its array parameter declares, which a "
                     "valid caller passes as it passes a count (NULL is empty); nothing else the call "
                     "reaches may alias it",
    "opaque-handle": "the C only passes the stream on to functions and NULL-tests it, never reading or "
                     "writing through it itself; FILE is a zero-sized opaque type (each ffi.rs entry taking "
                     "one asserts it), so the reference covers no memory and the C library may use the "
                     "stream by any other pointer (stdout, another thread) meanwhile; NULL is None, which "
                     "panics where the C passes it on untested",
    "owned-buffer": "the C dereferences it (NULL, where it tests for it, becomes None); the pointers its "
                    "struct (or another parameter's, where they might lead to it) holds only ever hold "
                    "buffers fresh from an allocator or string literals, or pointers into those (copies of "
                    "such members, arithmetic within them, strchr's results), never inside it, and a pointer "
                    "into them is never made a pointer to other than scalars (no struct is ever made there); "
                    "nothing else the call reaches may alias it, but other shared views where it is one",
    "unfollowed-members": "the C dereferences it (NULL, where it tests for it, becomes None); the members "
                          "of its struct (or another parameter's) that may lead into its memory are never "
                          "followed while the call runs: neither the function nor a function of SRC it calls "
                          "dereferences, passes on, stores or returns their values, and every other "
                          "pointer it holds is named (a parameter, a global, a member it follows, what those "
                          "lead to, memory an allocator made during the call, or what a function of SRC "
                          "returns of those), so nothing reaches its memory by them (those it follows only "
                          "hold fresh buffers where rule owned-buffer says so); nothing else the call "
                          "reaches may alias it",
    "stepped-count": "the C only reads or writes `*p++`, once per turn of a loop `while (n--)` that runs n "
                     "times, n its count, so it touches the first n elements at most (NULL or a count <= 0 "
                     "is empty); nothing else the call reaches may alias it",
    "index-range": "the C only indexes it (or copies a window of it into a scalar, each end an index) at "
                   "positions a range analysis of the whole function proves within [0, count) on every path "
                   "that reaches them (loop conditions, guards, assignments; C's integer types; the count, "
                   "of elements that exist, at most PTRDIFF_MAX), and NULL or a count <= 0 is empty; nothing "
                   "else the call reaches may alias it",
    "last-element": "as rule index-range, but for its last element `p[count - 1]`, read where the count is "
                    "not known positive: a caller passing a count <= 0 has no last element (C reads before "
                    "the array), there the slice is empty and the Rust index panics",
    "disjoint-call-sites": "as its conv's rule, but another parameter may share its bytes by their types: "
                           "the function is static and its address never taken, so SRC's calls by name "
                           "are all its calls, and each passes the two pointers into distinct objects (a "
                           "caller's distinct locals, a local beside a value from before that call, or two "
                           "parameters of a caller that is such a function too and that every call of "
                           "passes into distinct objects in turn)",
    "disjoint-checked": "as its conv's rule, but another parameter (or a global the call uses, of a fixed "
                        "extent) may overlap it: the C ABI entry checks that their bytes do not overlap "
                        "before making references, and runs the original C (csrc/) when they do, so that "
                        "case never reaches the Rust, nor does a test of it",
    untouched.RULE: untouched.WHY, **cstr.WHYS, zeroterm.RULE: zeroterm.WHY, reaches.RULE: reaches.WHY,
    counted.RULE: counted.WHY, counted.CONSTANT: counted.CONSTANT_WHY, copylast.RULE: copylast.WHY,
    aliases.RULE: aliases.WHY, defaults.RULE: defaults.WHY, voidbytes.RULE: voidbytes.WHY,
    elements.RULE: elements.WHY, cursorslice.RULE: cursorslice.WHY, elementat.RULE: elementat.WHY,
    memberbytes.RULE: memberbytes.WHY, memberfills.RULE: memberfills.WHY, slots.RULE: slots.WHY,
}


def rule(up: Upgrade) -> str:
    """The name of the rule (a key of RULES) that proved `up`."""
    if up.conv in cstr.CSTR:
        return up.via or cstr.RULE
    if up.via in (voidbytes.RULE, zeroterm.RULE, cursorslice.RULE, memberbytes.RULE, slots.RULE):
        return up.via  # its WHY holds for a read-only one too
    if up.read_only:
        return "read-only"
    if up.via is not None:
        return up.via
    return {"opt_ref": "null-checked", "opt_mut": "null-checked", "slice": "counted-loop",
            "slice_mut": "counted-loop"}.get(up.conv, "deref-on-every-call")

def upgrades(fn: CFunction, codebase: Codebase, callee_convs: Callable[[str, int], str | None],
             memos: tuple[dict, dict]) -> dict[int, Upgrade]:
    """Parameter index -> its proven reference/slice form; parameters not listed stay raw."""
    found = decide(fn, codebase, callee_convs, memos)
    return {i: u for i, u in found.items() if isinstance(u, Upgrade)}


def decide(fn: CFunction, codebase: Codebase, callee_convs: Callable[[str, int], str | None],
           memos: tuple[dict, dict]) -> dict[int, Upgrade | str]:
    """Parameter index -> its proven form, or why it stays raw (the rule that failed), for each pointer.
    `memos`: per codebase, the globals each function reaches and whether it is read-only."""
    pointers = [i for i, p in enumerate(fn.params) if is_pointer(p.type, codebase)]
    # a `void *` read as the `T *` it becomes, a local standing for a parameter read as that parameter, a
    # typedef of a pointer read as the pointer it names (its Rust type is that pointer's already)
    fn, viewed = spell_params(defaults.typed(fn, codebase), codebase), voids.views(fn, codebase)
    why = whole_function(fn)
    body, expanded = (None, False) if why else proof_body(fn, codebase, pointers)
    if body is None or static_local(body):
        return {i: why or ("the body does not parse" if body is None else "a static local outlives the call")
                for i in pointers}
    ro = read_only(fn.id, codebase, memos[1])
    found: dict[int, Upgrade | str] = {i: _one(fn, i, body, codebase, callee_convs, ro, expanded)
                                       for i in pointers}
    for i, v in viewed.items():
        if isinstance(u := found[i], Upgrade) and not voids.admissible(u.conv, u.via, v, codebase):
            found[i] = f"pointee is void; as the pointer it is cast to, only rule {rule(u)} proves it"
    names = reach.globals_reached(fn.id, codebase, memos[0])
    views = {i for i, u in found.items() if isinstance(u, Upgrade) and u.conv in _VIEWS}
    # a view of a struct that may point into itself is sound while nothing but parameters is written
    contained = self_contained(fn, body, codebase, array_fields(codebase))
    own = views and not contained and writes_params_only(fn, body, codebase, memos[1])
    checked: Checked = {}  # may-alias parameters a run-time check could free
    held: dict[int, Upgrade] = {}  # may-alias parameters' proofs from their own uses
    # what a parameter's stored pointers lead to matters only if the call may follow them: not when the
    # function follows no loaded pointer and calls no function of SRC (which might)
    follows = not contained or any(c in codebase.functions for c in fn.callees)
    unfollowed = unfollowed_members(fn.id, codebase, memos[1])  # members the call never follows
    owned = owned_members(codebase)
    # parameters whose own uses the C ABI entry can bound, whether or not they stay raw for what else may
    # reach them (signatures_extents)
    stored = outslots.out_slots(fn, body, codebase)  # `T **` parameters only stored into: own bytes only
    aliased = partial(self_aliased, stored=stored)  # what such a slot holds is never followed
    bounded = extents.bounded(found, set(viewed), fn, body, codebase, stored)
    # raw by their own uses and never touched (values stored only where nothing follows them)
    raw = [j for j in pointers if not isinstance(found[j], Upgrade)]
    still = frozenset() if follows else untouched.partners(fn, body, codebase, raw, frozenset(
        fn.params[j].name for j in bounded))
    quiet = (still, untouched.unnamed(fn, body, codebase, pointers, raw))
    for i, u in found.items():
        if isinstance(u, Upgrade) and (u.read_only or u.via == "opaque-handle"):
            continue  # a view nothing writes meanwhile; a reference that covers no memory
        separated: set[int] = set()  # parameters every call passes pointers into other objects
        ignored: set[int] = set()  # parameters the call touches no memory through (signatures_untouched)
        if isinstance(u, Upgrade):  # what its proof takes of owned members: its C ABI entry states it
            u.owned = owned_relied(i, fn, codebase, views, follows, unfollowed, owned, own and i in views,
                                   contained)
        if isinstance(u, Upgrade) and not contained and not (own and i in views) and \
                aliased(i, fn, codebase, owned | unfollowed):
            found[i] = "its pointee's pointers may lead back into it"
        elif isinstance(u, Upgrade) and (against := _unseparated(
                fn, i, _touched(conflicts(i, fn, codebase, views, follows, unfollowed, own and i in views,
                                          owned, stored), quiet, ignored), codebase, memos[1], separated)):
            found[i], held[i] = "may alias another parameter", u
            _note(fn, i, against=against, conv=u.conv, void=i in viewed, bounded=set(bounded),
                  glob=global_aliased(i, fn, codebase, names))
            if all(against.values()) and i not in viewed and \
                    (globs := checked_globals(i, fn, codebase, names)) is not None and \
                    (contained or (own and i in views) or not aliased(i, fn, codebase, owned)):
                checked[i] = (u, set(against), globs)
        elif isinstance(u, Upgrade) and global_aliased(i, fn, codebase, names):
            found[i] = "may alias a global the function or a callee uses"
            if i not in viewed and (globs := checked_globals(i, fn, codebase, names)) is not None and \
                    (contained or (own and i in views) or not aliased(i, fn, codebase, owned)):
                checked[i] = (u, set(), globs)
        elif isinstance(u, Upgrade) and unfollowed and (
                not contained and not (own and i in views) and aliased(i, fn, codebase, owned)
                or _unseparated(fn, i, _touched(conflicts(i, fn, codebase, views, follows, guarded=own and
                                                          i in views, owned=owned, slots=stored),
                                                quiet, ignored), codebase, memos[1], separated)):
            u.via = "unfollowed-members"  # proven only because the call follows none of the doubtful pointers
        elif isinstance(u, Upgrade) and (not contained and not (own and i in views) and aliased(
                i, fn, codebase, frozenset()) or any(j != i for j, _ in u.owned)):
            u.via = "owned-buffer"  # proven only because its (or another's) struct's pointers own buffers
        if isinstance(found[i], Upgrade) and own and i in views and u.via is None:
            u.via = "shared-view"  # proven as a view nothing the call writes may lie in (writes_params_only)
        if isinstance(found[i], Upgrade) and separated:
            u.via = "disjoint-call-sites"  # proven only because every call passes it another object
        if isinstance(found[i], Upgrade) and ignored:  # proven only because the others are never touched
            found[i] = "may alias another parameter" if u.via is not None else found[i]
            u.via = untouched.RULE if u.via is None else u.via
    aliases.settle(fn, codebase, found)  # first: what a check below sizes a partner by is its final form
    defaults.settle(fn, codebase, found)
    for i, v in viewed.items():  # counted bytes proven by another rule's help (call sites): that rule's
        if v.count and isinstance(found[i], Upgrade) and found[i].via != voidbytes.RULE:  # WHY is not theirs
            found[i] = "may alias another parameter"
    for i in checked:
        _note(fn, i, checkable=checkable(fn, codebase, names), copied=i in aliases.aliased(fn, codebase))
    if checked and checkable(fn, codebase, names):  # after the above: a partner's extent is its final form
        copied = aliases.aliased(fn, codebase)  # the builtin cannot carry an overlap check through a local
        disjoint_checked(found, {i: c for i, c in checked.items() if i not in copied}, bounded, rule)
    for i, u in held.items():  # a scalar the C writes last: its entry passes a copy (signatures_copyout)
        if found[i] == "may alias another parameter" and i not in viewed and u.conv in copylast.CONVS and \
                checkable(fn, codebase, names) and copylast.copied(fn, i, body, codebase, memos[1]):
            found[i] = Upgrade(u.conv, u.len_param, via=copylast.RULE, beneath=rule(u))
    reach.settle(fn, codebase, memos, found)  # last: no proof above holds across an unknown call
    return found


def _note(fn: CFunction, i: int, **facts) -> None:
    if NOTES is not None:
        NOTES.setdefault((fn.id, i), {}).update(facts)


def _unseparated(fn: CFunction, i: int, against: dict[int, bool], codebase: Codebase, memo: dict,
                 separated: set[int]) -> dict[int, bool]:
    """`against` (conflicts) but the parameters whose own bytes alone may overlap `i`'s and that every
    call passes pointers into other objects (signatures_callsites), which are added to `separated`."""
    separated |= callsites.apart(fn, i, {j for j, own in against.items() if own}, codebase, memo)
    return {j: own for j, own in against.items() if j not in separated}


def _touched(against: dict[int, bool], quiet: tuple[frozenset[int], frozenset[int]],
             ignored: set[int]) -> dict[int, bool]:
    """`against` but the parameters the body never names (`quiet[1]`), or nothing when the call touches no
    memory through the rest (`quiet[0]`, then added to `ignored`: its rule says so)."""
    against = {j: own for j, own in against.items() if j not in quiet[1]}
    if against and set(against) <= quiet[0]:
        ignored |= set(against)
        return {}
    return against


def _one(fn: CFunction, i: int, body, codebase: Codebase, callee_convs: Callable[[str, int], str | None],
         ro: bool, expanded: bool = False) -> Upgrade | str:
    """Parameter `i`'s proven form from its own uses, or why it stays raw; in a read-only function (`ro`) a
    pointer only read is a shared reference whatever else may point at its memory; `expanded`: `body` has
    SRC's macros expanded, so none hides a use of it."""
    p = fn.params[i]
    elem = element(p.type, codebase) or slots.element(p.type, codebase)
    stream = elem is None and is_stream(p.type, codebase)
    if not p.name:
        return "unused"  # whatever its pointee, nothing is asked of it: the C ABI's raw pointer stays
    macro = not expanded and mentioned(fn, codebase, p.name)
    uses = None if macro else occurrences(body, p.name)
    if uses == []:
        return "unused"
    if elem is None and not stream:  # a `void *`'s reason names the use that stops it (voidwhy.py)
        return voidwhy.reason(fn, p.name, p.type, uses, body, codebase, callee_convs) or \
            unborrowable(p.type, codebase)
    if macro:
        return "a macro mentions it"
    if uses is None:
        return "the name is declared again"
    if any(in_macro_call(u, codebase) for u in uses):
        return "a macro mentions it"
    if elem is not None and slots.is_slot(p.type, codebase):  # a `T **` dereferenced once (pointer-slot)
        return slots.prove(fn, body, uses, elem[1], Arrays(array_fields(codebase), elem[0], codebase, ()),
                           callee_convs, may_stop(codebase), copies.uses(fn, body, codebase), ro, codebase)
    if stream or (cur := cursorslice.upgrade(fn, p, body, codebase, ro)) is not None:
        return handle_or_reason(uses) if stream else cur  # a byte cursor (rule byte-cursor)
    view = voids.views(fn, codebase).get(i)
    if view is not None and view.count:  # a `void *` only counted C library calls use (voidbytes.py)
        return Upgrade("slice" if elem[1] else "slice_mut", view.count, read_only=ro and elem[1],
                       via=voidbytes.RULE)
    fields, stops, copied = Arrays(array_fields(codebase), elem[0], codebase, memberbytes.views(
        fn, p, body, codebase), memberfills.places(fn, p, body, codebase)), may_stop(codebase), \
        copies.uses(fn, body, codebase)  # members.py
    read = {k: v for k, v in copied.items() if v == "read"}  # a view is a copy's source only
    shared = ref_or_reason(body, uses, True, fields, callee_convs, stops, read) if ro else None
    if shared in ("ref", "opt_ref"):
        return Upgrade(shared, read_only=True, via=memberbytes.RULE if fields.views else None)
    if not elem[1] and not writes_through(uses, fields, copied):
        viewed = ref_or_reason(body, uses, True, fields, callee_convs, stops, read)  # written nowhere: `&T`
        if viewed in ("ref", "opt_ref"):
            return Upgrade(viewed, via="shared-view")
    conv = ref_or_reason(body, uses, elem[1], fields, callee_convs, stops, copied)
    if conv in ("ref", "mut_ref", "opt_ref", "opt_mut"):
        return Upgrade(conv, via=memberbytes.RULE if fields.views else memberfills.via(fields))
    from llmigrate.signatures.mapper import c_type_to_rust

    size = declared_size(p.type, codebase)
    uses = evaluated(body, uses) or uses  # the rules below read elements; `sizeof *p` reads none
    ints, signed = count_params(fn, codebase, p.name)
    n = prove_slice(body, uses, ints, size, lambda text: dims.value(text, codebase), signed,
                    lambda name: dims.table_range(fn, name, codebase))
    if n is not None and size is not None and n == str(size):
        return Upgrade("slice" if elem[1] else "slice_mut", n, via="declared-size")
    if n is not None and not macro_mentions(fn, codebase, n):
        return Upgrade("slice" if elem[1] else "slice_mut", n)
    up = counted.slice(fn, body, p, uses, (ints, signed), elem, codebase)
    if isinstance(up, Upgrade):
        return up
    some_paths = up  # a constant count copied on some paths only: why it stays raw, if no count bounds it
    lends = elements.lends(callee_convs, elem[1])
    n = flow.prove_param(fn, body, p.name, uses, codebase, lends)
    if n is not None and not macro_mentions(fn, codebase, n):
        return Upgrade("slice" if elem[1] else "slice_mut", n, via="index-range")
    n = flow.prove_param(fn, body, p.name, uses, codebase, lends, last=True) if flow.last_read(uses, ints) \
        else None
    if n is not None and not macro_mentions(fn, codebase, n):
        return Upgrade("slice" if elem[1] else "slice_mut", n, via="last-element")
    n = prove_stepped(body, uses, ints, signed)
    if n is not None and not macro_mentions(fn, codebase, n):
        return Upgrade("slice" if elem[1] else "slice_mut", n, via="stepped-count")
    rust = c_type_to_rust(p.type, codebase)
    string = cstr.prove(body, p.name, uses, callee_convs, stops, cprefix.allowed(fn, p.name, codebase)) \
        if cstr.is_char_pointer(rust) else \
        zeroterm.prove(body, uses, stops) if zeroterm.is_wide_integer_pointer(rust) else None
    if string is not None:
        string.read_only = ro
        return string
    if size is None and (n := reaches.prove_param(fn, body, uses, codebase, (ints, signed), stops)):
        return Upgrade("slice" if elem[1] else "slice_mut", n, via=reaches.RULE)  # no count: a constant
    # the analysis again only where it may say more: two elements lent at once, or lent where all else holds
    plain = [u for u in uses if elements.lent(u) is None]
    if len(uses) - len(plain) > 1 and \
            flow.prove_param(fn, body, p.name, uses, codebase, lends, apart=False) is not None:
        return elements.MAYBE_SAME
    if conv == _OUTSIDE and cstr.is_char_pointer(c_type_to_rust(p.type, codebase)):
        conv = cstr.blocker(uses, callee_convs) or conv  # a strlen it stopped at is no obstacle
    if conv == _INDEXED and (one := elementat.prove(fn, body, uses, ints, elem[1], fields, stops, codebase)):
        return one  # one element `p[k]` (rule element-at; its SAFETY names it, so no read-only shortcut)
    if conv == _INDEXED and (held := elements.held(uses, lends)) and \
            (not plain or flow.prove_param(fn, body, p.name, plain, codebase) is not None):
        return held
    if some_paths or conv != _INDEXED:
        return some_paths or conv
    return flow.blocker(uses, lambda plain: any(n is not None for n in (
        prove_slice(body, plain, ints, size, lambda text: dims.value(text, codebase), signed),
        flow.prove_param(fn, body, p.name, plain, codebase)))) or conv
