"""What a function reaches through the functions of SRC it calls: the globals they use (signatures_borrow),
and code the inference cannot see (issue 15), across a call of which no reference parameter may be held.

Rust assumes the memory behind a `&mut` (or a `&`) is touched through nothing else while the function that
received it runs: a reference parameter is protected for the whole call, not only between its uses, so a
write by other means anywhere in the call is undefined behaviour (and rustc keeps `r->a` cached across it).
Code the analysis cannot see may make that write: a callback a caller passed, a function pointer read from a
struct or a table, a function defined outside SRC; C outside SRC may have stored the same pointer in a
global that code writes through (`global = &x; g(&x, cb);`). So a function that calls such code, itself or
through a function of SRC it calls, keeps its pointer parameters raw (a stream handle aside: it covers no
memory). Known code is SRC's own (its accesses are the proofs'), the C library functions listed here,
which run no code of the program and reach its memory only through their arguments, which the proofs read,
and the `static inline` functions of headers outside SRC that provably do no more (inlined.py).
"""

from __future__ import annotations

import re

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import statics
from llmigrate.signatures.contained import ends
from llmigrate.signatures.inlined import known_helper
from llmigrate.signatures.libc import SCALAR_EXTERNS
from llmigrate.signatures.proof import Upgrade, body_of
from llmigrate.signatures.retyped import SORTERS
from llmigrate.signatures.treewalk import node_text, walk

REASON = "held across a call of unknown code (a function pointer, or a function outside SRC)"

# <string.h>, <stdlib.h>, <stdio.h>, <ctype.h>, <time.h>, <stdarg.h>, <assert.h> and a few POSIX functions:
# none calls a function of the program (qsort, bsearch, atexit, signal and the thread starters do, so they
# are not here), and each touches the program's memory only through the pointers it is given (strtok is not
# here: a call with NULL writes into the string an earlier call was given)
_LIBRARY = frozenset("""
strlen strnlen strcmp strncmp strcasecmp strncasecmp strcoll strxfrm strchr strrchr strstr strspn strcspn
strpbrk strcpy strncpy strcat strncat strdup strndup strerror memcmp memchr memcpy memmove
memset bzero
malloc calloc realloc free aligned_alloc posix_memalign atoi atol atoll atof strtol strtoll strtoul
strtoull strtod strtof strtold rand srand random srandom drand48 srand48 abs labs llabs div ldiv getenv
printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf puts fputs putchar fputc putc getchar
fgetc getc ungetc fgets getline fread fwrite fopen fclose fflush feof ferror clearerr fseek ftell rewind
perror remove rename scanf sscanf fscanf
isalpha isdigit isalnum isspace isupper islower isxdigit ispunct isprint isgraph iscntrl toupper tolower
_tolower _toupper
time clock clock_gettime gettimeofday localtime localtime_r gmtime gmtime_r mktime difftime strftime
va_start va_end va_arg va_copy assert __assert_fail
read write close fsync sleep usleep isatty backtrace backtrace_symbols
""".split()) | SCALAR_EXTERNS
_QUIET = _LIBRARY - {"exit", "_Exit", "abort"}  # those run atexit handlers: known only as contained.ends says
# compiler intrinsics (<immintrin.h>): inline functions of their arguments
_INTRINSIC = re.compile(r"_(mm|MM)\w*|__builtin_\w+")
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_KEYWORDS = frozenset("if while for switch return sizeof _Alignof alignof typeof __typeof__ __typeof "
                      "__attribute__ _Static_assert _Generic defined do case".split())
_MEMBER_CALL = re.compile(r"(->|\.)\s*[A-Za-z_]\w*\s*\(")  # `o->f(x)`: through a member
_PAREN_CALL = re.compile(r"(\)|\])\s*\(")  # `(*fp)(x)`, `t[i](x)`; or a cast, `(u8)(x)`
_CAST = re.compile(r"\(([\w\s*]*)\)\s*\(")
_TYPE_WORDS = frozenset("void char short int long signed unsigned float double const volatile struct union "
                        "enum _Bool bool".split())


def globals_reached(fid: str, codebase: Codebase, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """The globals `fid` or a function of SRC it calls (transitively, a comparator qsort calls back too)
    uses, and their static locals that hold pointers or whose address escapes, by their keys (statics.py:
    they persist between calls, as globals do)."""
    if fid not in memo:
        seen, todo, found = {fid}, [fid], set()
        while todo:
            f = todo.pop()
            if f in memo:  # complete: a callee's answer is taken whole instead of walking its callees again
                found |= memo[f]
                continue
            found.update(codebase.functions[f].globals_used)
            found.update(statics.of(codebase.functions[f], codebase))
            called = [*codebase.functions[f].callees, *(_comparators(codebase.functions[f], codebase) or ())]
            todo += [c for c in called if c in codebase.functions and c not in seen and not seen.add(c)]
        memo[fid] = frozenset(found)
    return memo[fid]


def settle(fn: CFunction, codebase: Codebase, memos: tuple[dict, dict], found: dict) -> None:
    """Every proven parameter of `found` (decide's) raw when `fn` reaches unknown code, but a stream handle,
    whose reference covers no memory."""
    if reaches_unknown(fn.id, codebase, memos):
        found.update({i: REASON for i, u in found.items()
                      if isinstance(u, Upgrade) and u.via != "opaque-handle"})


def reaches_unknown(fid: str, codebase: Codebase, memos: tuple[dict, dict]) -> bool:
    """`fid`, or a function of SRC it calls (transitively), calls code the analysis cannot see. `memos`:
    decide's (the answers are kept in the first under ("unknown", fid); the second is contained's)."""
    key = ("unknown", fid)
    if key not in memos[0]:
        seen, todo, found = {fid}, [fid], False
        while todo and not found:
            f = todo.pop()
            if ("unknown", f) in memos[0]:  # complete: a callee's answer covers all it calls, walked once
                found = memos[0][("unknown", f)]
                continue
            fn = codebase.functions[f]
            hidden = _macro_calls(fn.macros_used, codebase)  # what the analysis of calls does not see
            compared = _comparators(fn, codebase)  # the functions of SRC qsort and bsearch call back
            found = fn.indirect_calls or hidden is None or compared is None or \
                any(not _known(c, codebase, memos[1]) for c in fn.external_calls if c not in SORTERS)
            todo += [c for c in [*fn.callees, *(hidden or ()), *(compared or ())] if c in codebase.functions
                     and c not in seen and not seen.add(c)]
        memos[0][key] = found
    return memos[0][key]


def _known(name: str, codebase: Codebase, memo: dict, depth: int = 0) -> bool:
    """A call of `name`, which SRC does not define, runs no code of the program: a listed library
    function, an intrinsic, exit or abort when SRC registers no handler they would run (contained.ends), a
    `static inline` function of a header outside SRC touching only its arguments and const globals
    (inlined.py) or one whose every pointer parameter the rules prove, touching only what they point to
    (hdrinline.py), or a macro of a header outside SRC that calls only such names."""
    if name in _QUIET or _INTRINSIC.fullmatch(name) or \
            name in ends(codebase, memo) or known_helper(name, codebase):
        return True
    from llmigrate.signatures.hdrinline import helper  # it asks this module of its own calls

    if helper(name, codebase) is not None:
        return True
    macro = codebase.outside_macros.get(name)
    return macro is not None and depth < 4 and all(
        c == name or _known(c, codebase, memo, depth + 1) for c in _called(macro.body))


def _macro_calls(names: list[str], codebase: Codebase, depth: int = 0) -> set[str] | None:
    """The functions of SRC that SRC's macros `names` call (and the macros they use, in turn), or None when
    one may call other code: through an expression (`(o)->f()`, `(*fp)(x)`, a cast alike), a parameter of
    the macro, or a name neither SRC, nor a macro, nor a known library function defines."""
    found: set[str] = set()
    for m in (codebase.macros[n] for n in names if n in codebase.macros):
        if depth > 8 or _through(m.body, codebase):
            return None
        for c in _called(m.body):
            inner = _macro_calls([c], codebase, depth + 1) if c in codebase.macros else set()
            if inner is None or c in (m.params or ()) or not (
                    c in codebase.functions or c in codebase.macros or _known(c, codebase, {})):
                return None
            found |= inner | ({c} if c in codebase.functions else set())
    return found


def _called(body: str) -> list[str]:
    """The names a macro's body calls (or uses as function-like macros), keywords aside."""
    return [c for c in _CALLED.findall(body) if c not in _KEYWORDS]


def _comparators(fn: CFunction, codebase: Codebase) -> set[str] | None:
    """The functions of SRC `fn`'s calls of qsort or bsearch pass by name as their comparator, which they
    call back, or None when one passes another (a parameter, an expression: code the inference cannot see)."""
    if not SORTERS.keys() & set(fn.external_calls):
        return set()
    body, found = body_of(fn), set()
    for n in walk(body) if body is not None else ():
        callee = n.child_by_field_name("function") if n.type == "call_expression" else None
        if callee is None or node_text(callee) not in SORTERS:
            continue
        args = [a for a in n.child_by_field_name("arguments").named_children if a.type != "comment"]
        at = SORTERS[node_text(callee)]
        name = node_text(args[at]).lstrip("&").strip() if len(args) > at else ""
        if name not in codebase.functions:
            return None
        found.add(name)
    return found if body is not None else None


def _through(body: str, codebase: Codebase) -> bool:
    """A macro's body calls through an expression: a member, or a parenthesised or indexed expression that
    is no cast (a cast's parentheses hold only type words and `*`)."""
    casts = sum(all(w in _TYPE_WORDS or w in codebase.types or w.endswith("_t")  # `uint8_t`, `size_t`
                    for w in m.group(1).replace("*", " ").split()) for m in _CAST.finditer(body))
    return bool(_MEMBER_CALL.search(body)) or len(_PAREN_CALL.findall(body)) > casts
