"""Read-only NUL-terminated strings and the C library calls that read them (issue 15).

A `char *` parameter (const or never written through) whose every use reads it as a C string — `s[i]` and
`*s` reads, a pass to a C library function reading a string (strlen, strcmp, atoi, puts, a printf `%s`...) or
to a parameter of SRC proven one — and that is read as a string up to its NUL on every call (a string
function, or a loop whose whole condition tests a read for NUL and that ends only there, scans.py) crosses
the Rust interface as `&CStr` (`Option<&CStr>` where the C tests it for NULL): ffi.rs makes it with
`CStr::from_ptr`, and the body reads `s.to_bytes_with_nul()[i]`, which panics past the NUL where C would
read out of bounds. Written through, stored, returned, stepped (`s++`, `s + 1`) or passed anywhere else, it
stays raw.

A call of such a C library function is a checked operation (soundness.py) when its string arguments are
literals or `&CStr` parameters, its stream is stdout or stderr, and a printf format is a literal whose
conversions match their arguments' C types (cformat.py): it reads nothing else, so a safe fn may make it in
an `unsafe` block whose `// SAFETY:` comment names this rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures import buffered, cprefix, ctype, cwalk, libfns, libresults, strcopies
from llmigrate.signatures.cformat import (
    PRINTF,
    Types,
    call_args,
    conversions,
    literal_text,
    matches,
    printf_strings,
)
from llmigrate.signatures.libc import EXTERN_GLOBALS
from llmigrate.signatures.proof import (
    STD_STREAMS,
    Upgrade,
    _always,
    _null_test,
    _outer,
    address_taken_or_sizeof,
    is_field,
    is_write,
    node_text,
    op,
    up,
    use_kind,
)
from llmigrate.signatures.scans import nul_scan

CSTR = ("cstr", "opt_cstr")
RULE = "c-string"
WHY = ("the C only reads it as a NUL-terminated string, up to its NUL on every call, so a valid caller "
       "passes one, valid for reads until the call returns (NULL, where it tests for it, becomes None); "
       "nothing the call writes may lie in it")
SOME_CALLS = "read as a string, not up to its NUL on every call"
WHYS = {RULE: WHY, cwalk.RULE: cwalk.WHY, cprefix.RULE: cprefix.WHY}  # the rules proving a `&CStr`
CALL_RULE = "checked-libc-call"
CALL_WHY = ("reads only NUL-terminated strings (literals or &CStr) and scalars: a printf format is a "
            "literal whose conversions match their arguments' C types, and its stream is stdout, stderr or a "
            "stream parameter proven valid (rule opaque-handle)")
# allocators and their arity: scalar arguments, no precondition (the pointer they return stays raw until a
# rule proves its uses; realloc and free, which take one, are not here)
ALLOCATORS = {"malloc": 1, "calloc": 2, "aligned_alloc": 2}
ALLOC_WHY = "an allocator of scalar arguments has no precondition; the pointer it returns stays raw"
# C library functions reading arguments (by position) as NUL-terminated strings, and their arity
READERS: dict[str, tuple[tuple[int, ...], int]] = {
    "strlen": ((0,), 1), "strcmp": ((0, 1), 2), "strcoll": ((0, 1), 2), "strspn": ((0, 1), 2),
    "strcspn": ((0, 1), 2), "atoi": ((0,), 1), "atol": ((0,), 1), "atoll": ((0,), 1), "atof": ((0,), 1),
    "puts": ((0,), 1), "fputs": ((0,), 2), "strchr": ((0,), 2), "strrchr": ((0,), 2),
    "strstr": ((0, 1), 2), "strpbrk": ((0, 1), 2), "strtol": ((0,), 3), "strtoul": ((0,), 3),
    "strtoll": ((0,), 3), "strtoull": ((0,), 3), "strtod": ((0,), 2), "strtof": ((0,), 2),
}
# C library functions of a stream and scalars only: (index of the stream, arity); never fclose/freopen,
# which end the stream the caller still holds
HANDLE_CALLS: dict[str, tuple[int, int]] = {
    "fgetc": (0, 1), "getc": (0, 1), "ungetc": (1, 2), "feof": (0, 1), "ferror": (0, 1), "clearerr": (0, 1),
    "rewind": (0, 1), "ftell": (0, 1), "fseek": (0, 3), "fileno": (0, 1),
}
_BOUNDED = {"strncmp": ((0, 1), 3), "strnlen": ((0,), 2)}  # read at most n bytes: no NUL needed
_POINTING = {"strchr", "strrchr", "strstr", "strpbrk"}  # the result points into the string: only tested
_ENDPTR = {"strtol", "strtoul", "strtoll", "strtoull", "strtod", "strtof"}  # argument 1 must be NULL
_NAMED = ("__FILE__", "__func__", "__FUNCTION__", "__PRETTY_FUNCTION__")  # string literals by another name
_CHAR_PTRS = ("*const i8", "*mut i8", "*const u8", "*mut u8")


def is_char_pointer(rust_type: str) -> bool:
    return rust_type in _CHAR_PTRS


def prove(body: Node, name: str, uses: list[Node], callee_convs: Callable[[str, int], str | None],
          stops: set[str], prefix: bool = False) -> Upgrade | None:
    """`Upgrade("cstr")` / `Upgrade("opt_cstr")` when every use of the `char *` parameter `name` reads it as
    a C string and one read runs to its NUL on every call (past the NULL tests that return, and before any
    call of a function in `stops`, which may end the program first); with `prefix`, also one the C may stop
    reading before its NUL (rule c-string-prefix, cprefix.py); else None."""
    evidence, nullable, moves = [], False, []
    for n in uses:
        if (mv := cwalk.move(n)) is not None:  # `s++`, `++s`, `*s++`: cwalk.py's guards below
            moves.append(mv)
            read = cwalk.read_of(mv)
            if read is None and up(mv).type not in ("expression_statement", "comma_expression",
                                                    "for_statement"):
                return None
            if read is not None and (is_write(read) or address_taken_or_sizeof(read)):
                return None
            if read is not None and nul_scan(read, stops) is not None:
                evidence.append(anchor(read))
            continue
        found = _use(n, callee_convs, stops)
        if found is None:
            return None
        if found == "null":
            nullable = True
        elif found is not True:
            evidence.append(anchor(found))
    stmts = [s for s in body.named_children if not _null_exit(s, name)]
    if not evidence or not _always(stmts, evidence, stops):
        read = [anchor(n) for n in uses if not _null_test(n)]  # the prefix rule: some read on every call
        return cprefix.prove(body, name, uses, moves, nullable) if prefix and _always(stmts, read, stops) \
            else None
    if moves:  # walked: never NULL-tested, each move guarded
        walked = not nullable and all(cwalk.guarded(m, name, moves, body) for m in moves)
        return Upgrade("cstr", via=cwalk.RULE) if walked else None
    return Upgrade("opt_cstr" if nullable else "cstr")


def _use(n: Node, callee_convs: Callable[[str, int], str | None],
         stops: set[str]) -> Node | str | bool | None:
    """One use of the parameter: the node that shows it is read up to its NUL whenever it runs (evidence:
    scans.py's loop, or a call reading the string), True for another string read, "null" for a NULL test,
    None for a use no rule covers."""
    p = up(n)
    if p is None:
        return None
    if p.type == "subscript_expression" and is_field(n, p, "argument") or \
            p.type == "pointer_expression" and op(p) == "*":
        if is_write(p) or address_taken_or_sizeof(p) or (q := up(p)) is not None and \
                q.type == "field_expression":
            return None
        return nul_scan(p, stops) or True
    if p.type == "argument_list" and p.parent is not None and p.parent.type == "call_expression":
        return _passed(n, p.parent, callee_convs)
    return "null" if _null_test(n) else None


def blocker(uses: list[Node], callee_convs: Callable[[str, int], str | None]) -> str | None:
    """Why a `char *` parameter stays raw when the use another rule stopped at is a string read this rule
    accepts (a strlen, a strcmp): the first use this rule does not accept (a pass to a raw parameter, a
    write); when it accepts every use, that none reads the string to its NUL on every call (a caller may
    pass a pointer to bytes with no NUL where it is not read so), or None with a move (cwalk.py's)."""
    for n in uses:
        if cwalk.move(n) is None and _use(n, callee_convs, set()) is None:  # evidence or not, a use
            p = up(n)
            call = p.parent if p is not None and p.type == "argument_list" else None
            f = call.child_by_field_name("function") if call is not None else None
            at = next((i for i, a in enumerate(call_args(call)) if a.id == _outer(n).id), None) \
                if f is not None and f.type == "identifier" else None
            return use_kind(n, callee_convs(node_text(f), at) if at is not None else None)
    return None if any(cwalk.move(n) is not None for n in uses) else SOME_CALLS


def _passed(n: Node, call: Node, callee_convs: Callable[[str, int], str | None]) -> Node | bool | None:
    f = call.child_by_field_name("function")
    if f is None or f.type != "identifier":
        return None
    args, name = call_args(call), node_text(f)
    i = next((k for k, a in enumerate(args) if a.id == _outer(n).id), None)
    if i is None:
        return None
    conv = callee_convs(name, i)
    if conv is not None:  # a function of SRC: its own proof
        return n if conv == "cstr" else True if conv == "opt_cstr" else None
    if name in PRINTF:
        read = (printf_strings(call) or {}).get(i)
        return None if read is None else n if read else True
    if name in _BOUNDED:
        return True if i in _BOUNDED[name][0] and len(args) == _BOUNDED[name][1] else None
    if libfns.reads_string(name, i, len(args)):  # strdup, fopen, strcpy's source...
        return n
    if strcopies.reads_within(name, i, call, node_text(n)):  # strncpy's source, memcpy of its strlen + 1
        return True
    if name not in READERS or i not in READERS[name][0] or len(args) != READERS[name][1]:
        return None
    if name in _ENDPTR and not null_constant(args[1]) or name in _POINTING and not _null_test(call):
        return None
    return n


def anchor(n: Node) -> Node:
    """The node whose evaluation `_always` should look for: the `for` statement whose initializer or
    condition evaluates `n` whenever it runs (not behind `&&`, `||` or `?:`), else `n` itself."""
    child = n
    while (p := child.parent) is not None and p.type not in ("compound_statement", "function_definition"):
        if p.type == "for_statement":
            return p if is_field(child, p, "condition") or is_field(child, p, "initializer") else n
        if p.type == "binary_expression" and op(p) in ("&&", "||") and not is_field(child, p, "left") or \
                p.type == "conditional_expression" and not is_field(child, p, "condition"):
            return n
        child = p
    return n


def null_constant(n: Node) -> bool:
    return re.sub(r"[\s()]", "", node_text(n)) in ("NULL", "0", "(void*)0", "void*0")


def _null_exit(stmt: Node, name: str) -> bool:
    """`if (!s) ...` / `if (s == NULL) ...` without an else: the statement runs its branch only for NULL."""
    if stmt.type != "if_statement" or stmt.child_by_field_name("alternative") is not None:
        return False
    cond = re.sub(r"\s", "", node_text(stmt.child_by_field_name("condition")))
    return cond.strip("()") in (f"!{name}", f"{name}==NULL", f"NULL=={name}", f"{name}==0", f"0=={name}")


def checked_call(call: Node, name: str, kind: Callable[[str], str | None], types: Types,
                 handle: Callable[[Node], bool] = lambda n: False) -> bool:
    """A call of the C library function `name` that reads only literals, `&CStr` parameters (`kind` gives a
    name's "param:<conv>") and scalars, writing nothing but stdout, stderr or a `handle` (a stream parameter
    proven valid, rule opaque-handle)."""
    args = call_args(call)

    def string(a: Node) -> bool:  # strlen of an `Option<&CStr>` is its unwrapped length (no C call)
        return string_arg(a, kind, name == "strlen") or libresults.element_string(a, kind)

    def stream(a: Node) -> bool:
        return _stream(a) or handle(a)

    if name in PRINTF:
        return _printf(name, args, string, types, stream)
    if name in ctype.TESTS:  # an argument its C type keeps within glibc's table (rule ctype-domain)
        return ctype.checked(args, types)
    if name in ALLOCATORS:
        return len(args) == ALLOCATORS[name] and all(types.of(a) in ("int", "long") for a in args)
    if name in HANDLE_CALLS:  # a valid stream and scalars
        at, arity = HANDLE_CALLS[name]
        return len(args) == arity and handle(args[at]) and \
            all(types.of(a) in ("int", "long") for j, a in enumerate(args) if j != at)
    if name in ("fputs", "fputc", "putc") and (len(args) != 2 or not stream(args[1])):
        return False
    if name in ("fputc", "putc"):
        return True
    if name == "fflush":
        return len(args) == 1 and (stream(args[0]) or null_constant(args[0]))
    if name == "__assert_fail":  # what glibc's assert expands to: literals and a line number
        return len(args) == 4 and all(string(a) for a in (args[0], args[1], args[3]))
    if name == "assert":  # its operand is scanned as any expression is
        return True
    if name in libfns.TABLE:  # C strings, scalars and buffers of the caller's own, writing no other memory
        lib = libfns.TABLE[name]
        return lib.checked and len(args) == lib.arity and (not lib.buffers or buffered.declared(lib, types)) \
            and all(_library_arg(lib, j, args, string, kind, types) for j in range(len(args)))
    spec = READERS.get(name) or _BOUNDED.get(name)
    if spec is None or len(args) != spec[1] or not all(string(args[i]) for i in spec[0]):
        return False
    return not (name in _ENDPTR and not null_constant(args[1]) or name in _POINTING and not _null_test(call))


def _library_arg(lib: libfns.LibFn, j: int, args: list[Node], string: Callable[[Node], bool],
                 kind: Callable[[str], str | None], types: Types) -> bool:
    """Argument `j` of a call of `lib` is what its contract allows: a C string, a buffer of the caller's own
    (rule local-buffer-call) or NULL where allowed, or a scalar."""
    if j in lib.strings:
        return string(args[j])
    b = lib.buffer(j)
    if b is None:  # of a buffer-taking function, also a header's constant (`CLOCK_MONOTONIC`): the library
        # reads the value it converts to its scalar parameter, never memory through it (the scan checks the
        # expression itself as any other)
        return types.of(args[j]) in ("int", "long") or bool(lib.buffers) and _header_constant(args[j], types)
    return b.null and null_constant(args[j]) or buffered.valid(args[j], b, args, kind, types)


def _header_constant(n: Node, types: Types) -> bool:
    """An identifier SRC declares no variable of (a macro or enumerator of a header)."""
    name = node_text(n) if n.type == "identifier" else ""
    return bool(name) and not types.is_variable(n) and name not in EXTERN_GLOBALS and \
        not any(g.name == name for g in types.codebase.globals.values())


def _printf(name: str, args: list[Node], string: Callable[[Node], bool], types: Types,
            stream: Callable[[Node], bool]) -> bool:
    fmt_at, stream_at = PRINTF[name]
    if name in ("sprintf", "snprintf") or stream_at is not None and not stream(args[stream_at]):
        return False
    fmt = literal_text(args[fmt_at]) if fmt_at < len(args) else None
    convs = conversions(fmt) if fmt is not None else None
    rest = args[fmt_at + 1:]
    if convs is None or len(rest) != len(convs):
        return False
    return all(string(a) if c.wants == "string" else matches(c.wants, types.of(a))
               for c, a in zip(convs, rest, strict=True))


def string_arg(a: Node | None, kind: Callable[[str], str | None], optional: bool = False) -> bool:
    """`a` is a string literal or a parameter proven a C string (`kind` names its conv); `optional`: or an
    `Option<&CStr>` one (unwrapped: None panics where the C would pass NULL on)."""
    kinds = ("param:cstr", "param:opt_cstr") if optional else ("param:cstr",)
    while a is not None and a.type == "parenthesized_expression" and a.named_children:
        a = a.named_children[0]
    name = node_text(a) if a is not None and a.type == "identifier" else None
    return a is not None and a.type in ("string_literal", "concatenated_string") or \
        name is not None and (kind(name) in kinds or name in _NAMED)


def literal_macro(name: str, codebase: Codebase) -> bool:
    """`name` is an object-like macro (SRC's or a header's outside it) spelling a string literal: `DIGITS[i]`
    is then the literal's element, which the compiler and the builtin (a byte string) read bounds-checked."""
    m = codebase.macros.get(name) or codebase.outside_macros.get(name)
    body = m.body.strip() if m is not None and not m.function_like else ""
    while body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    return re.fullmatch(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', body) is not None


def _stream(n: Node | None) -> bool:
    return n is not None and n.type == "identifier" and node_text(n) in STD_STREAMS


def stream_argument(n: Node) -> bool:
    """The identifier `n` (stdout/stderr) is the stream argument of a call of a C library function."""
    p = up(n)
    call = p.parent if p is not None and p.type == "argument_list" else None
    f = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    return f is not None and node_text(f) in ("fprintf", "fputs", "fputc", "putc", "fflush")


def is_checked(name: str) -> bool:
    """`name` is a C library function whose calls this module may prove checked."""
    return name in READERS or name in _BOUNDED or name in PRINTF or name in HANDLE_CALLS or \
        name in ctype.TESTS or name in ALLOCATORS or \
        name in ("fputc", "putc", "fflush", "__assert_fail", "assert") or bool(libfns.why(name))
