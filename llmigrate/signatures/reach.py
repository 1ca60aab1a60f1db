"""What a function reaches through the functions of SRC it calls: the globals they use (signatures_borrow),
and code the inference cannot see (issue 15), across a call of which no reference parameter may be held.

Rust assumes the memory behind a `&mut` (or a `&`) is touched through nothing else while the function that
received it runs: a reference parameter is protected for the whole call, not only between its uses, so a
write by other means anywhere in the call is undefined behaviour (and rustc keeps `r->a` cached across it).
Code the analysis cannot see may make that write: a callback a caller passed, a function pointer read from a
struct or a table, a function defined outside SRC; C outside SRC may have stored the same pointer in a
global that code writes through (`global = &x; g(&x, cb);`). So a function that calls such code, itself or
through a function of SRC it calls, keeps its pointer parameters raw (a stream handle aside: it covers no
memory). Known code is SRC's own (its accesses are the proofs') and the C library functions listed here,
which run no code of the program and reach its memory only through their arguments, which the proofs read.
"""

from __future__ import annotations

import re

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.contained import ends
from llmigrate.signatures.libc import SCALAR_EXTERNS
from llmigrate.signatures.proof import Upgrade

REASON = "held across a call of unknown code (a function pointer, or a function outside SRC)"

# <string.h>, <stdlib.h>, <stdio.h>, <ctype.h>, <time.h>, <stdarg.h>, <assert.h> and a few POSIX functions:
# none calls a function of the program (qsort, bsearch, atexit, signal and the thread starters do, so they
# are not here), and each touches the program's memory only through the pointers it is given
_LIBRARY = frozenset("""
strlen strnlen strcmp strncmp strcasecmp strncasecmp strcoll strxfrm strchr strrchr strstr strspn strcspn
strpbrk strtok strtok_r strcpy strncpy strcat strncat strdup strndup strerror memcmp memchr memcpy memmove
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
# compiler intrinsics (<immintrin.h>): inline functions of their arguments
_INTRINSIC = re.compile(r"_(mm|MM)\w*|__builtin_\w+")
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def globals_reached(fid: str, codebase: Codebase, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """The globals `fid` or a function of SRC it calls (transitively) uses."""
    if fid not in memo:
        seen, todo, found = {fid}, [fid], set()
        while todo:
            f = todo.pop()
            if f in memo:  # complete: a callee's answer is taken whole instead of walking its callees again
                found |= memo[f]
                continue
            found.update(codebase.functions[f].globals_used)
            todo += [c for c in codebase.functions[f].callees if c in codebase.functions
                     and c not in seen and not seen.add(c)]
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
            fn = codebase.functions[todo.pop()]
            found = fn.indirect_calls or any(not _known(c, codebase, memos[1]) for c in fn.external_calls)
            todo += [c for c in fn.callees if c in codebase.functions and c not in seen and not seen.add(c)]
        memos[0][key] = found
    return memos[0][key]


def _known(name: str, codebase: Codebase, memo: dict, depth: int = 0) -> bool:
    """A call of `name`, which SRC does not define, runs no code of the program: a listed library
    function, an intrinsic, exit or abort when SRC registers no handler they would run (contained.ends), or
    a macro of a header outside SRC that calls only such names."""
    if name in _LIBRARY - {"exit", "_Exit", "abort"} or _INTRINSIC.fullmatch(name) or \
            name in ends(codebase, memo):
        return True
    macro = codebase.outside_macros.get(name)
    return macro is not None and depth < 4 and all(
        c == name or _known(c, codebase, memo, depth + 1) for c in _CALLED.findall(macro.body))
