"""C library functions by what they do with each pointer argument (issue 15), the one table the proofs and
the soundness scan consult for them beyond cstr.py's readers and copies.py's whole-object copies.

A pointer parameter passed to one of these is proven as its uses elsewhere allow: an argument the function
only reads as a NUL-terminated string, up to its NUL, is evidence for rule c-string (cstr.py), exactly as a
`strlen` is; an argument it writes through (`strcpy`'s destination, to an extent no argument bounds) proves
nothing, so the pointer stays raw. A call is checked (a safe fn may make it, in an `unsafe` block naming rule
checked-libc-call) only when the function writes no memory of the program and its result is a scalar or a
pointer the caller owns anew, its string arguments are literals or `&CStr` parameters and its others scalars:
then a valid C string is its only precondition. A function given a buffer (`Buffer`) within an extent its
contract fixes (`write(fd, buf, n)` reads n bytes of buf) is checked the same way when each buffer is the
caller's own local of at least that extent (rule local-buffer-call, buffered.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Buffer:
    """A pointer argument the function reads or writes only within the extent its contract fixes."""

    at: int  # its position
    count: int | None = None  # the argument giving the extent in bytes (`pointers`: in `void *` elements);
    # None: the extent is one object of type `object` ("" with neither: only NULL may be passed)
    object: str = ""
    pointers: bool = False
    null: bool = False  # NULL is allowed (the function then touches nothing there)
    writes: bool = False  # written: its elements must take any bits (integers, raw pointers)


@dataclass(frozen=True)
class LibFn:
    """What a C library function does with its arguments (by position)."""

    arity: int
    strings: tuple[int, ...]  # read as NUL-terminated strings, up to their NUL, and not written
    writes: tuple[int, ...] = ()  # written through, to an extent no argument bounds
    result: str = "scalar"  # "scalar" | "fresh" (a new allocation or stream, raw) | "inside" (into memory
    # the library keeps: the environment)
    why: str = ""  # why a checked call is valid, for its `// SAFETY:` line
    buffers: tuple[Buffer, ...] = ()
    header: str = ""  # the system header declaring it: a buffer call is checked only under its prototype
    at_most: int | None = None  # its (scalar) result never exceeds this argument
    elements: int | None = None  # the result is NULL or an array of as many pointers to NUL-terminated
    # strings as this argument says, in one allocation the caller owns (rule library-result, libresults.py)


    def buffer(self, index: int) -> Buffer | None:
        return next((b for b in self.buffers if b.at == index), None)

    @property
    def checked(self) -> bool:
        """A call with C strings and scalars for arguments has no other precondition."""
        return not self.writes and self.result in ("scalar", "fresh")


_FRESH = "returns a new allocation (raw) and writes no memory of the program"
_FILES = "acts on the file system and writes no memory of the program"
_ONE = "writes one object of the type it is given, no other memory"
TABLE: dict[str, LibFn] = {
    "strdup": LibFn(1, (0,), result="fresh", why=_FRESH),
    "fopen": LibFn(2, (0, 1), result="fresh", why="opens a new stream (raw) and writes no memory of the "
                                                  "program"),
    "remove": LibFn(1, (0,), why=_FILES),
    "rename": LibFn(2, (0, 1), why=_FILES),
    "perror": LibFn(1, (0,), why="writes to stderr only"),
    "strcpy": LibFn(2, (1,), writes=(0,)),
    "strcat": LibFn(2, (1,), writes=(0,)),
    "getenv": LibFn(1, (0,), result="inside"),
    "write": LibFn(3, (), why="reads its count of bytes from the buffer and writes to a file descriptor only",
                   buffers=(Buffer(1, count=2),), header="unistd.h"),
    "read": LibFn(3, (), why="writes at most its count of bytes into the buffer and no other memory",
                  buffers=(Buffer(1, count=2, writes=True),), header="unistd.h"),
    "backtrace": LibFn(2, (), why="writes at most its count of return addresses into the array, nothing else",
                       buffers=(Buffer(0, count=1, pointers=True, writes=True),), header="execinfo.h",
                       at_most=1),
    "backtrace_symbols": LibFn(2, (), result="fresh", why="reads its count of return addresses from the "
                               "array and returns a new allocation, writing no memory of the program",
                               buffers=(Buffer(0, count=1, pointers=True),), header="execinfo.h", elements=1),
    "clock_gettime": LibFn(2, (), why=_ONE, buffers=(Buffer(1, object="struct timespec", writes=True),),
                           header="time.h"),
    "gettimeofday": LibFn(2, (), why=_ONE + " (its time zone is NULL)", header="sys/time.h", buffers=(
        Buffer(0, object="struct timeval", null=True, writes=True), Buffer(1, null=True))),
    "time": LibFn(1, (), why=_ONE + ", or none for NULL",
                  buffers=(Buffer(0, object="time_t", null=True, writes=True),), header="time.h"),
}
BUFFER_RULE = "local-buffer-call"
# functions that may end the life of the object a pointer argument points to (handed on as its owner): a
# raw reason of their own beside "passed to a function outside SRC", since no account of what the call
# reads or writes could make such a pointer a reference
FREES = frozenset({"free", "realloc"})
FREED = "freed or reallocated (passed to free or realloc)"


def reads_string(name: str, index: int, arity: int) -> bool:
    """A call of `name` with `arity` arguments reads argument `index` as a string up to its NUL, and only
    reads it."""
    spec = TABLE.get(name)
    return spec is not None and spec.arity == arity and index in spec.strings


def why(name: str) -> str:
    """Why a checked call of `name` is valid beyond its C strings (its `// SAFETY:` line), or ""."""
    spec = TABLE.get(name)
    return spec.why if spec is not None and spec.checked else ""
