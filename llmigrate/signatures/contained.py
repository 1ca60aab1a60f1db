"""Whether a function touches memory only through its parameters' own objects (whole-codebase inference).

A struct with pointer members may, in general, point back into itself (a buffer whose `data` points at its
inline storage, a list node whose `next` is itself). Holding `&mut S` while writing through such a member is
undefined behaviour in Rust, so the borrow proof keeps such a parameter raw, unless the function never
follows a pointer it loaded from memory: then the only accesses during the call are through the parameters
themselves (whose mutual aliasing signatures_borrow checks) and through globals (checked separately), and
what the loaded pointers might point at does not matter. Callees are covered by their own proofs: a
parameter passed on keeps its borrow only if the callee's parameter was proven too, and a pointer loaded
from memory may not be passed to any callee.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.freshwrites import DEST_WRITERS, FreshMemory, stripped
from llmigrate.signatures.kinds import array_typed, fields, is_pointer, member_type
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.proof import STD_STREAMS, body_of, node_text, occurrences, op, walk
from llmigrate.signatures.statics import escaping

_DEREFS = {"subscript_expression", "field_expression", "pointer_expression"}


@per_codebase
def pointer_fields(codebase: Codebase) -> set[str]:
    """Names of struct/union members that hold a data or function pointer anywhere, a typedef of one spelled
    out (by name: conservative)."""
    spelled = ((f.name, member_type(f.type, codebase)) for t in codebase.types.values() for f in fields(t))
    return {name for name, ftype in spelled if "*" in ftype.split("[")[0] or "(" in ftype}


@per_codebase
def non_array_fields(codebase: Codebase) -> set[str]:
    """Names of struct/union members declared as no array somewhere: `x->m` of such a name may load a
    pointer (another struct's array of that name says nothing of `x`'s), so it is no plain place here."""
    named = {f.name for t in codebase.types.values() for f in fields(t) if not array_typed(f.type, codebase)}
    # an untagged record member's own members, which analysis does not keep: read from its source
    return named | {m for t in codebase.types.values() if any("{...}" in f.type for f in t.fields)
                    for m in re.findall(r"(\w+)\s*[;,]", t.source)}


@per_codebase
def pointer_typedefs(codebase: Codebase) -> set[str]:
    """Typedef names of pointer or function pointer types: a local declared with one is a local pointer."""
    return {name for name, t in codebase.types.items() if t.kind == "typedef" and
            ("*" in (t.target or "") or "(" in (t.target or ""))}


def self_contained(fn: CFunction, body: Node, codebase: Codebase, array_fields: set[str]) -> bool:
    """`fn` declares no local pointer (nor through a typedef), dereferences only plain names (or array
    members of them), takes no address but of a plain name, calls nothing through a pointer and passes no
    loaded pointer to a callee."""
    if fn.indirect_calls or opaque_macros(fn, codebase):
        return False
    loaded, array_fields = pointer_fields(codebase), array_fields - non_array_fields(codebase)
    for n in walk(body):
        if n.type == "pointer_declarator" or n.type == "abstract_pointer_declarator" or \
                n.type == "type_identifier" and node_text(n) in pointer_typedefs(codebase):
            return False  # a local pointer (or a cast to one) may hold anything
        if n.type in _DEREFS and _is_deref(n) and not _plain(n.child_by_field_name("argument"), array_fields):
            return False
        if n.type == "pointer_expression" and op(n) == "&" and not _plain(n.child_by_field_name("argument"),
                                                                          set()):
            return False
        if n.type == "argument_list" and any(_loads(a, loaded) for a in n.named_children):
            return False
    return True


def opaque_macros(fn: CFunction, codebase: Codebase) -> bool:
    """A macro `fn` uses may hide an access these rules must see: its body assigns, increments, calls,
    dereferences (`*`, `->`, `[`) or names a global."""
    return any(m in codebase.macros and hides_access(codebase.macros[m].body, codebase)
               for m in fn.macros_used)


def hides_access(body: str, codebase: Codebase) -> bool:
    """A macro body that may assign, step, call, dereference or name a global."""
    if re.search(r"->|\[|\+\+|--|(?<![=!<>])=(?!=)|\b[A-Za-z_]\w*\s*\(", body):
        return True
    if any(ch == "*" and not re.search(r"[\w)\]]\s*$", body[:i]) for i, ch in enumerate(body)):
        return True  # a unary `*`: nothing that ends an operand before it
    return any(re.search(rf"\b{re.escape(g)}\b", body) for g in codebase.globals)


def _is_deref(n: Node) -> bool:
    if n.type == "pointer_expression":
        return op(n) == "*"
    return n.type == "subscript_expression" or op(n) == "->"


def _plain(n: Node | None, array_fields: set[str]) -> bool:
    """A name, or an array member (`x->arr`, `x.arr`) of a plain name, through parentheses."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is None:
        return False
    if n.type == "identifier":
        return True
    field = n.child_by_field_name("field") if n.type == "field_expression" else None
    return field is not None and node_text(field) in array_fields and \
        _plain(n.child_by_field_name("argument"), array_fields)


def _loads(arg: Node, loaded: set[str]) -> bool:
    """The argument may evaluate to a pointer loaded from memory: a pointer member or `*e`."""
    for n in walk(arg):
        if n.type == "field_expression" and node_text(n.child_by_field_name("field")) in loaded:
            return True
        if n.type == "pointer_expression" and op(n) == "*":
            return True
    return False


# C library functions that write no memory the caller can see (printf is not one: `%n` writes)
_PURE = {"strlen", "strnlen", "strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp", "strchr", "strrchr",
         "strstr", "strspn", "strcspn", "memchr", "abs", "labs", "llabs", "fabs", "fabsf", "sqrt", "sqrtf",
         "pow", "powf", "floor", "ceil", "round", "exp", "log", "log2", "log10", "sin", "cos", "tan", "atan2",
         "fmin", "fmax", "isalpha", "isdigit", "isalnum", "isspace", "isupper", "islower", "isxdigit",
         "ispunct", "isprint", "toupper", "tolower", "atoi", "atol", "atoll", "atof", "__builtin_expect",
         "assert", "__assert_fail"}


# C library functions that write only a standard stream (stdout, stderr): its state and buffer are the C
# library's memory, no object of the program (a buffer handed over by setvbuf has indeterminate contents
# while the stream uses it, C11 7.21.5.6, and SRC handing one over, or redirecting a stream, disqualifies
# them all). By name: argument index of the stream (None: stdout) and of the format (None: none), as printf
# writes through an argument for `%n`: it counts only with a literal format free of it.
_STD_WRITERS: dict[str, tuple[int | None, int | None]] = {
    "printf": (None, 0), "puts": (None, None), "putchar": (None, None),
    "fprintf": (0, 1), "fputs": (1, None), "fputc": (1, None), "putc": (1, None)}
_PERCENT_N = re.compile(r"%[-+ #0-9.*']*(hh|h|ll|l|j|z|t|L|q)?n")
_REDIRECTS = {"setvbuf", "setbuf", "setbuffer", "setlinebuf", "freopen", "fmemopen", "open_memstream"}
# C library functions that end the program: exit flushes the streams (the C library's memory, no object of
# the program, where no buffer was handed over: see _REDIRECTS) and runs the handlers atexit registered;
# abort raises SIGABRT. They write no memory of the program unless SRC registers a handler that may.
_ENDS = {"exit", "_Exit", "abort"}
_HANDLERS = {"atexit", "on_exit", "at_quick_exit", "signal", "sigaction", "sigset", "bsd_signal"}


def ends(codebase: Codebase, memo: dict) -> set[str]:
    """The C library functions ending the program that write no memory of it (_ENDS), when SRC registers no
    exit or signal handler (nor redirects a stream's buffer), else none."""
    if ("ends",) not in memo:
        memo[("ends",)] = not any((_HANDLERS | _REDIRECTS) & set(f.external_calls)
                                  for f in codebase.functions.values())
    return _ENDS if memo[("ends",)] else set()


def quiet_calls(fn: CFunction, body: Node, codebase: Codebase, memo: dict) -> set[str]:
    """The standard-stream writers among `fn`'s C library calls when each of its calls of them writes no
    memory of the program (to stdout or stderr by name, a format a string literal without `%n`), else none."""
    if ("streams",) not in memo:
        memo[("streams",)] = not any(_REDIRECTS & set(f.external_calls) or
                                     re.search(r"\b(stdout|stderr)\s*=[^=]", f.source)
                                     for f in codebase.functions.values())
    if not memo[("streams",)] or not _STD_WRITERS.keys() & set(fn.external_calls):
        return set()
    for n in walk(body):
        callee = n.child_by_field_name("function") if n.type == "call_expression" else None
        if callee is not None and node_text(callee) in _STD_WRITERS and not _quiet(n, node_text(callee)):
            return set()
    return set(_STD_WRITERS)


def _quiet(call: Node, name: str) -> bool:
    """The call of the standard-stream writer `name` names its stream and has a literal format without %n."""
    stream, fmt = _STD_WRITERS[name]
    args = call.child_by_field_name("arguments")
    args = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if stream is not None and (len(args) <= stream or node_text(args[stream]) not in STD_STREAMS):
        return False
    text = _literal(args[fmt]) if fmt is not None and len(args) > fmt else None
    return fmt is None or text is not None and not _PERCENT_N.search(text)


def _literal(n: Node) -> str | None:
    """The characters of a string literal, its pieces joined (`"%" "n"` is `%n`); None for anything else
    (a macro among the pieces may add any conversion)."""
    parts = n.named_children if n.type == "concatenated_string" else [n]
    if any(p.type != "string_literal" for p in parts):
        return None
    return "".join(node_text(p).split('"', 1)[1].rsplit('"', 1)[0] for p in parts)


def read_only(fid: str, codebase: Codebase, memo: dict) -> bool:
    """`fid` writes no memory but its own locals while it runs: no assignment through a pointer, to an
    array element or to a global, and only read-only functions of SRC, pure C library functions or quiet
    standard-stream writers (quiet_calls) called.
    While such a function runs nothing is written, so its shared references may overlap anything. Calls
    that recurse are read-only when no function they reach writes anything itself (the greatest fixpoint:
    a cycle of functions that write nothing writes nothing)."""
    if fid not in memo:
        memo.update(_read_only_all(codebase, memo))
    return memo[fid]


def _read_only_all(codebase: Codebase, memo: dict) -> dict[str, bool]:
    """Every function's read-only answer in one pass: those that reach, through calls, a function whose own
    body writes are not read-only (a walk up the callers from each writer)."""
    callers: dict[str, set[str]] = {}
    for fid, fn in codebase.functions.items():
        for c in fn.callees:
            callers.setdefault(c, set()).add(fid)
    todo = [f for f in codebase.functions if not _writes_nothing(f, codebase, memo)]
    writes = set(todo)
    while todo:
        for caller in callers.get(todo.pop(), ()):
            if caller not in writes:
                writes.add(caller)
                todo.append(caller)
    return {f: f not in writes for f in codebase.functions}


def _writes_nothing(fid: str, codebase: Codebase, memo: dict) -> bool:
    """`fid`'s own body writes only its locals and calls no unknown code (its SRC callees aside)."""
    key = ("own", fid)
    if key not in memo:
        fn = codebase.functions[fid]
        body = body_of(fn)
        memo[key] = body is not None and not fn.indirect_calls and not opaque_macros(fn, codebase) and \
            set(fn.external_calls) <= _PURE | ends(codebase, memo) | quiet_calls(fn, body, codebase, memo) \
            and \
            _writes_locals_only(body, _globals(fn, body, codebase))
    return memo[key]


def _globals(fn: CFunction, body: Node, codebase: Codebase) -> set[str]:
    """The globals `fn` uses and its static locals whose address may leave it: a write to one writes
    memory a caller's pointer may reach (`static int c; c++; return &c;`), not a local of this call."""
    return set(fn.globals_used) | escaping(body, codebase)


def static_local(body: Node) -> bool:
    """The body declares a `static` local: it outlives the call, so its address may come back as a parameter
    (it is a global the analysis does not list)."""
    return any(n.type == "storage_class_specifier" and node_text(n) == "static" for n in walk(body))


def _writes_locals_only(body: Node, globals_: set[str]) -> bool:
    return all(_local_target(t, globals_) for t in _targets(body))


def _targets(body: Node):
    """The places `body` assigns or increments."""
    for n in walk(body):
        target = n.child_by_field_name("left") if n.type == "assignment_expression" else \
            n.child_by_field_name("argument") if n.type == "update_expression" else None
        if target is not None:
            yield target


_FRESH = {"malloc", "calloc"}  # C library functions that write only memory they allocate


def writes_params_only(fn: CFunction, body: Node, codebase: Codebase, memo: dict[str, bool]) -> bool:
    """`fn` writes only its locals, its pointer parameters' own pointees (through `*p`, `p->f`, `p[i]` of a
    parameter never reassigned) and memory the call allocated (signatures_freshwrites): nothing through a
    pointer loaded from memory, another local pointer or a global, and it calls only read-only functions of
    SRC, pure C library functions, quiet standard-stream writers (quiet_calls), allocators and C library
    functions writing only through a first argument pointing into such memory. What it writes then lies in a
    parameter's pointee (whose overlaps
    signatures_borrow checks), never unseen in a shared view's struct, whatever that struct's own pointers
    lead to."""
    allowed = _PURE | _FRESH | ends(codebase, memo) | quiet_calls(fn, body, codebase, memo)
    if fn.indirect_calls or opaque_macros(fn, codebase) or \
            not set(fn.external_calls) <= allowed | DEST_WRITERS or \
            not all(read_only(c, codebase, memo) for c in fn.callees if c in codebase.functions):
        return False
    # pointer parameters only: a struct passed by value is a local copy, but the pointers it holds lead
    # anywhere (`v.data[0] = x` writes no parameter's pointee)
    params = {p.name for p in fn.params if p.name and is_pointer(p.type, codebase) and
              _never_assigned(body, p.name)}
    arrays = {node_text(d.child_by_field_name("declarator")) for d in walk(body)
              if d.type == "array_declarator"}  # local arrays: `buf[i] = x` writes a local
    globals_ = _globals(fn, body, codebase)
    # memory the call allocated: no parameter's pointee lies there (signatures_freshwrites)
    fresh = FreshMemory(fn, body, codebase, params, globals_)
    if not set(fn.external_calls) - allowed <= fresh.calls():
        return False
    return all(_local_target(t, globals_) or _param_target(t, params | (arrays - globals_)) or fresh.target(t)
               for t in _targets(body))


def _never_assigned(body: Node, name: str) -> bool:
    uses = occurrences(body, name)
    return uses is not None and not any(_local_target(t, set()) and node_text(stripped(t)) == name
                                        for t in _targets(body))


def _param_target(n: Node, bases: set[str]) -> bool:
    """`*p`, `p->f`, `p[i]` (with any `.` members of them) for `p` one of `bases`."""
    n = stripped(n)
    if n.type == "pointer_expression" and op(n) == "*" or n.type == "subscript_expression" or \
            n.type == "field_expression" and op(n) == "->":
        base = stripped(n.child_by_field_name("argument"))
        return base.type == "identifier" and node_text(base) in bases
    return False


def _local_target(n: Node, globals_: set[str]) -> bool:
    """An assignment target that is a local (or a member of a local struct), not reached through a pointer."""
    while n.type == "parenthesized_expression" and n.named_children or \
            n.type == "field_expression" and op(n) == ".":
        n = n.named_children[0] if n.type == "parenthesized_expression" else n.child_by_field_name("argument")
    return n.type == "identifier" and node_text(n) not in globals_
