"""Blank attribute-like macros (`__init`, `__pure`, `__attribute__((...))`, ...) so tree-sitter sees plain C.

Kernel-style C puts macros that expand to nothing (or to attributes) between the storage class, the type and
the name; tree-sitter-c, which does not preprocess, then loses the whole definition. We replace them with
spaces, keeping every newline, so byte offsets and line numbers of the parsed text match the file exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Object-like macros of kernel code that expand to attributes, section names or nothing.
BUILTIN_WORDS = frozenset("""
__always_inline __pure __attribute_const__ __init __exit __initdata __initconst __exitdata __devinit
__devexit __devinitdata __read_mostly __ro_after_init __must_check __cold __hot noinline __noinline
__maybe_unused __always_unused __used __weak __visible notrace __sched asmlinkage __user __kernel __iomem
__rcu __percpu __force __bitwise __nocast __safe __packed __noreturn __noclone __flatten __deprecated
__latent_entropy __randomize_layout __cacheline_aligned __cacheline_aligned_in_smp ____cacheline_aligned
____cacheline_aligned_in_smp __init_or_module __ref __refdata __meminit __meminitdata __cpuinit noinstr
__nocfi __no_kcsan __no_sanitize_address __noinline_for_stack noinline_for_stack __fastpath __malloc
__nonstring __designated_init __no_randomize_layout __inline __inline__ __extension__ __restrict
__restrict__ __signed__ __attribute_used__ __irq_entry __kprobes __lockfunc __page_aligned_data
__page_aligned_bss __must_be_array fallthrough
""".split())

# Function-like macros dropped together with their parenthesised arguments (EXPORT_SYMBOL(f) marks f as
# exported; it must not count as taking f's address).
BUILTIN_CALLS = frozenset("""
__attribute__ __attribute __aligned __section __printf __scanf __alloc_size __assume_aligned __counted_by
__cleanup __free __acquires __releases __must_hold __diagnose_as __cond_acquires __no_sanitize __weak_alias
__declspec __aligned_largest __packed_aligned __native_word __alias __copy __guarded_by __pt_guarded_by
EXPORT_SYMBOL EXPORT_SYMBOL_GPL EXPORT_SYMBOL_NS EXPORT_SYMBOL_NS_GPL EXPORT_SYMBOL_GPL_FUTURE
""".split())

# Words meaning `inline` once blanked (tree-sitter knows `inline` and `__inline__` itself).
INLINE_WORDS = frozenset({"inline", "__inline", "__inline__", "__always_inline"})

_DEFINE = re.compile(
    rb"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?((?:[^\n]*\\\r?\n)*[^\n]*)", re.M)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_WORD = re.compile(r"[A-Za-z_]\w*")


@dataclass(frozen=True)
class Define:
    """One `#define` as found by a quick scan (before parsing): enough to tell attribute macros apart."""

    name: str
    function_like: bool
    body: str


@dataclass(frozen=True)
class Skips:
    """The code of one file that the preprocessor skips with SRC's flags (see analyze_preproc)."""

    lines: frozenset[int]  # 1-based lines no translation unit compiles (directive lines excluded)
    ranges: tuple[tuple[int, int], ...]  # (line of the directive that starts skipping, line that ends it)

    def blank(self, data: bytes, keep: bool = False) -> bytes:
        """`data` with the skipped lines and every conditional directive blanked: the code one configuration
        compiles, whose braces balance even where each branch opens its own `if (...) {`. With `keep`,
        the skipped lines alone."""
        if not keep:
            data = _blank_branches(data, lambda line, branch: False, directives=True)
        out = bytearray(data)
        pos = 0
        for number, line in enumerate(data.splitlines(keepends=True), 1):
            if (number in self.lines) != keep:
                out[pos:pos + len(line)] = _spaces(line)
            pos += len(line)
        return bytes(out)

    def removed_by(self, file: str, lines: list[str], line: int) -> str:
        """"file:line: #if ..." for the innermost skipped range holding `line` (the `#if` of an `#else`)."""
        inside = [r for r in self.ranges if r[0] < line < r[1]]
        if not inside:
            return f"{file}:{line}: skipped by the preprocessor"
        start = _branch(lines, max(inside)[0], line)
        text = _directive(lines, start)
        if re.match(r"#\s*el", text):
            opening = _opening(lines, start)
            if opening is not None:
                return f"{file}:{start}: {text} (of {_directive(lines, opening)} at line {opening})"
        return f"{file}:{start}: {text}"


def _directive(lines: list[str], number: int) -> str:
    return " ".join(COMMENT.sub(" ", lines[number - 1] if number <= len(lines) else "").split())


def _branch(lines: list[str], start: int, line: int) -> int:
    """The line of the `#if`, `#elif` or `#else` whose branch holds `line`, from the directive on `start`."""
    depth, found = 0, start
    for n in range(start + 1, line):
        m = _CONDITIONAL.match(lines[n - 1].encode("utf-8", "replace"))
        word = m.group(1) if m is not None else b""
        if word.startswith(b"if"):
            depth += 1
        elif word == b"endif":
            depth -= 1
        elif word and depth == 0:
            found = n
    return found


def _opening(lines: list[str], number: int) -> int | None:
    """The line of the `#if`/`#ifdef`/`#ifndef` that the `#else`/`#elif` on line `number` belongs to."""
    depth = 0
    for n in range(number - 1, 0, -1):
        m = _CONDITIONAL.match(lines[n - 1].encode("utf-8", "replace"))
        if m is None:
            continue
        word = m.group(1)
        if word == b"endif":
            depth += 1
        elif word.startswith(b"if"):
            if depth == 0:
                return n
            depth -= 1
    return None


@dataclass(frozen=True)
class Blanks:
    """What to blank in every file of one codebase, and which blanked words mean `inline`."""

    words: frozenset[str]
    calls: frozenset[str]
    inline: frozenset[str]

    def pattern(self) -> re.Pattern[bytes]:
        """One regular expression for every name, as a prefix tree (5x faster than a flat alternation)."""
        return re.compile(rb"\b" + _trie(self.words | self.calls).encode() + rb"\b")


def _trie(words: Iterable[str]) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        group = "(?:" + "|".join(alts) + ")"
        return group + "?" if "" in node else group

    return build(root)


def scan_defines(data: bytes) -> list[Define]:
    """Every `#define` of a file, found by a regular expression (cheap enough to run before parsing)."""
    out = []
    for m in _DEFINE.finditer(data):
        body = m.group(3).replace(b"\\\r\n", b"\n").replace(b"\\\n", b"\n")
        out.append(Define(m.group(1).decode("latin-1"), m.group(2) is not None,
                          body.decode("utf-8", "replace")))
    return out


def find_blanks(defines: Iterable[Define], extra: Iterable[str] = ()) -> Blanks:
    """The built-in lists, plus the code's own macros whose every definition is empty or attribute-like."""
    words, calls, inline = set(BUILTIN_WORDS) | set(extra), set(BUILTIN_CALLS), set(INLINE_WORDS)
    by_name: dict[str, list[Define]] = {}
    for d in defines:
        by_name.setdefault(d.name, []).append(d)
    changed = True
    while changed:  # macros may be built from other attribute macros: iterate to a fixpoint
        changed = False
        for name, defs in by_name.items():
            if name in words or name in calls:
                continue
            verdicts = [_attribute_like(d.body, words, calls) for d in defs]
            if all(v is not None for v in verdicts):
                (calls if all(d.function_like for d in defs) else words).add(name)
                if any(verdicts):
                    inline.add(name)
                changed = True
    return Blanks(frozenset(words), frozenset(calls), frozenset(inline))


def _attribute_like(body: str, words: set[str], calls: set[str]) -> bool | None:
    """None when `body` is real code; otherwise whether it contains an `inline`."""
    text = _strip_calls(COMMENT.sub(" ", body), calls)
    if text is None:
        return None
    tokens = text.split()
    if not all(_WORD.fullmatch(t) and (t in words or t in INLINE_WORDS) for t in tokens):
        return None
    return any(t in INLINE_WORDS for t in tokens)


def _strip_calls(text: str, calls: set[str]) -> str | None:
    """Remove `name(...)` for attribute calls; None if parentheses do not balance."""
    out, pos = [], 0
    for m in _WORD.finditer(text):
        if m.start() < pos or m.group() not in calls:
            continue
        end = _after_parens(text, m.end())
        if end is None:
            return None
        out.append(text[pos:m.start()])
        pos = end
    return "".join(out) + text[pos:]


def _after_parens(text: str, i: int) -> int | None:
    """Index just past the balanced `( ... )` after position i (and blanks); None if there is none."""
    n = len(text)
    while i < n and text[i] in " \t\r\n":
        i += 1
    if i >= n or text[i] != "(":
        return None
    depth = 0
    for j in range(i, n):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


# `#ifdef __cplusplus ... #endif` without nested conditionals: C++ only (`extern "C" {`), which tree-sitter-c
# cannot parse; a C compiler never sees it either.
_CPLUSPLUS = re.compile(
    rb"^[ \t]*#[ \t]*if(?:def[ \t]+__cplusplus|[ \t]+defined[ \t]*\(?[ \t]*__cplusplus[ \t]*\)?)[ \t]*(?://[^\n]*)?\n"
    rb"(?:(?![ \t]*#[ \t]*(?:if|el|endif))[^\n]*\n)*?[ \t]*#[ \t]*endif[^\n]*", re.M)


def _spaces(data: bytes) -> bytes:
    return bytes(32 if b != 10 else 10 for b in data)


def _in_directive(data: bytes, pos: int) -> bool:
    """Whether pos is on a preprocessor line (or a continuation of one): `#define __init` stays as written."""
    start = data.rfind(b"\n", 0, pos) + 1
    while data[start:pos].lstrip()[:1] != b"#":
        if start < 2 or data[start - 2:start] != b"\\\n":
            return False
        start = data.rfind(b"\n", 0, start - 2) + 1
    return True


def blank(data: bytes, blanks: Blanks, pattern: re.Pattern[bytes], skips: Skips | None = None) -> bytes:
    """`data` with attribute-like macros (and their arguments), the code the preprocessor skips (`skips`; when
    unknown, `#if 0` code) and C++-only blocks replaced by spaces."""
    live = without_if0(data) if skips is None else skips.blank(data)
    out: bytearray | None = None if live is data else bytearray(live)
    data = live
    if b"__cplusplus" in data:
        for m in _CPLUSPLUS.finditer(data):
            out = out if out is not None else bytearray(data)
            out[m.start():m.end()] = _spaces(m.group())
    for m in pattern.finditer(data):
        start, end = m.start(), m.end()
        if _in_directive(data, start):
            continue
        if m.group().decode("latin-1") in blanks.calls:
            window = data[end:end + 4096].decode("latin-1")  # attribute arguments are short
            stop = _after_parens(window, 0)
            if stop is None:
                continue  # a function-like macro named without arguments is not expanded
            end += stop
        if out is None:
            out = bytearray(data)
        out[start:end] = _spaces(data[start:end])
    return data if out is None else bytes(out)


_CONDITIONAL = re.compile(rb"[ \t]*#[ \t]*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b")
_IF0 = re.compile(rb"^[ \t]*#[ \t]*if[ \t]+0[ \t]*(?:$|/[/*])", re.M)


def first_branches(data: bytes) -> bytes:
    """`data` as if every `#if` took its first branch: the other branches and all conditional directives
    blanked. For files whose braces only balance per configuration (`#ifdef A` / `if (x) {` / `#else` /
    `if (y) {` / `#endif`), which tree-sitter cannot parse with all branches at once."""
    return _blank_branches(data, lambda line, branch: branch > 0, directives=True)


def without_if0(data: bytes) -> bytes:
    """`data` with the code under `#if 0` blanked (an `#else` after it stays): no configuration builds it."""
    if not _IF0.search(data):
        return data
    return _blank_branches(data, lambda line, branch: branch == 0 and _IF0.match(line) is not None,
                           directives=False)


def _blank_branches(data: bytes, skip: Callable[[bytes, int], bool], directives: bool) -> bytes:
    """Blank the branches of preprocessor conditionals for which skip(directive line, branch index) holds,
    and, if `directives`, the conditional directives themselves."""
    out = bytearray(data)
    stack: list[list] = []  # per open conditional: [branch index, skipping this branch]
    pos, in_directive, conditional = 0, False, False
    for line in data.splitlines(keepends=True):
        m = None if in_directive else _CONDITIONAL.match(line)
        if m is not None:
            word = m.group(1)
            if word.startswith(b"if"):
                stack.append([0, skip(line, 0)])
            elif word == b"endif":
                if stack:
                    stack.pop()
            elif stack:
                stack[-1][0] += 1
                stack[-1][1] = skip(line, stack[-1][0])
        if (directives and (m is not None or (in_directive and conditional))) \
                or (m is None and not (in_directive and conditional) and any(s for _, s in stack)):
            out[pos:pos + len(line)] = _spaces(line)
        if not in_directive:
            conditional = m is not None
        in_directive = line.rstrip(b"\r\n").endswith(b"\\")
        pos += len(line)
    return bytes(out)
