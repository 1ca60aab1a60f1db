"""A function's body with SRC's macros expanded, as the preprocessor sees it, for the borrow proofs.

tree-sitter reads the C as written: a macro invoked as a statement without its semicolon (`PREAMBLE(len)`)
breaks the parse, and a parameter named in a macro's arguments or body is a use no rule can see. Where that
keeps a pointer raw, the proofs run on the body with the macros of SRC expanded instead: each function-like
macro invocation (and each object-like macro mentioning one of the function's parameters) is replaced by
its body with the arguments put in for its parameters, as C's preprocessor does, repeatedly, up to a bound;
an object-like macro holding statements (`SIPROUND` ending in `while (0)`) is expanded too, constants not.

Only definitions known to be the one the compiler used are expanded: a macro defined once in SRC (code the
preprocessor skips aside: `#else` branches, whose lines are blank in the body too), never undefined, whose
body neither stringifies nor pastes (`#`, `##`) nor names itself. Anything else (an
invocation whose arguments do not match, a macro from outside SRC) leaves the function as it was: raw.
"""

from __future__ import annotations

import re
from pathlib import Path

from tree_sitter import Node

from llmigrate.core import CFunction, CMacro, Codebase
from llmigrate.signatures.proof import body_only

# string and character literals, comments and numbers (skipped), identifiers
_LEXEME = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*|'
                     r'\.?\d(?:[eEpP][+-]|[\w.])*|[A-Za-z_]\w*', re.S)
_ROUNDS = 16  # nested expansions deeper than this are left unexpanded (the function stays raw)
_DEFINES: list = [None, {}]  # [the codebase (held, so its id is not reused), its _definitions]
# [(the codebase, held so its id is not reused; what expanded_source gave, by what of a function it reads)]:
# one tuple, read once, so that a thread never pairs one codebase with another's answers
_EXPANDED: list = [(None, {})]
_STRINGIFY = re.compile(r'("(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\')|#\s*([A-Za-z_]\w*)')
_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*(?:define|undef)[ \t]+([A-Za-z_]\w*)", re.M)


def expanded_source(fn: CFunction, codebase: Codebase) -> str | None:
    """`fn.source` with SRC's macros expanded (see the module's docstring), or None when a macro it uses
    cannot be expanded faithfully; memoised per codebase (the rules reading a body ask for it each: members,
    makers, follows, owned)."""
    key = (fn.file, fn.start_line, fn.source, tuple(p.name for p in fn.params), tuple(fn.macros_used))
    held, memo = _EXPANDED[0]
    if held is not codebase:
        held, memo = _EXPANDED[0] = (codebase, {})
    if key not in memo:
        memo[key] = _expanded(fn, codebase)
    return memo[key]


def _expanded(fn: CFunction, codebase: Codebase) -> str | None:
    params = {p.name for p in fn.params if p.name}
    text = _active(fn.source, codebase.skipped.get(fn.file, frozenset()), fn.start_line)
    for _ in range(_ROUNDS):
        step = _expand_once(text, fn, codebase, params)
        if step is None or step == text:
            return step
        text = step
    return None


def expanded_body(fn: CFunction, codebase: Codebase) -> Node | None:
    """The parsed body of `fn` with SRC's macros expanded, or None (see expanded_source)."""
    text = expanded_source(fn, codebase)
    return None if text is None else body_only(text, fn.signature)


def expanded_parsed(fn: CFunction, codebase: Codebase) -> tuple[Node | None, int]:
    """As proof.parsed_body, with SRC's macros expanded: the body and the line of the source it starts on
    (an expansion is spelled on the line of its invocation), or (None, 0)."""
    text = expanded_source(fn, codebase)
    body = body_only(text, fn.signature) if text is not None else None
    return (body, text[:text.find("{", max(len(fn.signature) - 1, 0))].count("\n")) if body else (None, 0)


def _expand_once(text: str, fn: CFunction, codebase: Codebase, params: set[str]) -> str | None:
    out, pos = [], 0
    for m in _LEXEME.finditer(text):
        word = m.group()
        if word not in codebase.macros:
            continue
        macro = _definition(word, fn, codebase)
        if macro is None:
            return None
        if not (macro.function_like or _mentions(macro.body, params) or re.search(r"[;{]", macro.body)):
            continue  # a constant, which no proof needs to see through
        end, body = m.end(), _clean(macro.body)
        if macro.function_like:
            call = _arguments(text, m.end())
            if call is None:
                continue  # the name alone, not an invocation
            args, end = call
            body = _substitute(body, macro, args)
            if body is None:
                return None
        out += [text[pos:m.start()], f" {body} "]
        pos = end
    return "".join(out) + text[pos:]


def _mentions(body: str, names: set[str]) -> bool:
    return any(m.group() in names for m in _LEXEME.finditer(body))


def _clean(body: str) -> str:
    """The macro body on one line, its comments blank."""
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", body.replace("\\\n", " "), flags=re.S).replace("\n", " ")


def _definition(name: str, fn: CFunction, codebase: Codebase) -> CMacro | None:
    """The definition of macro `name` every use in `fn` sees, when it is known and expands without `##` or
    naming itself: SRC's only one, or else the only one of `fn`'s own .c file, before `fn`, when no header
    of SRC defines it and nothing undefines it."""
    per_file = _definitions(codebase).get(name, {})
    macro = codebase.macros[name]
    if sum(per_file.values()) != 1 or \
            not macro.file.endswith(".h") and (macro.file != fn.file or macro.line >= fn.start_line):
        if any(f.endswith(".h") or n != 1 for f, n in per_file.items()):
            return None
        macro = _file_macro(name, fn, codebase)
        if macro is None:
            return None
    code = re.sub(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', '""', _clean(macro.body))
    if "##" in code or re.search(rf"\b{re.escape(name)}\b", code) or not macro.function_like and "#" in code:
        return None
    return macro


def _definitions(codebase: Codebase) -> dict[str, dict[str, int]]:
    """Macro name -> file of SRC -> how many `#define`s and `#undef`s of it that file holds (by name: asked
    per macro a function uses, a scan over every file's counts grew with the codebase)."""
    if _DEFINES[0] is not codebase:
        counts: dict[str, dict[str, int]] = {}
        for rel in codebase.files:
            for name in _DIRECTIVE.findall(_text(codebase, rel)):
                per_file = counts.setdefault(name, {})
                per_file[rel] = per_file.get(rel, 0) + 1
        _DEFINES[:] = [codebase, counts]
    return _DEFINES[1]


def _text(codebase: Codebase, rel: str) -> str:
    """The file's text with the lines the preprocessor skips blank (a `#define` of an `#else` the compiler
    never reads is not a definition it uses)."""
    try:
        text = (Path(codebase.root) / rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return _active(text, codebase.skipped.get(rel, frozenset()), 1)


def _active(text: str, skipped: frozenset[int], first: int) -> str:
    """`text`, whose first line is line `first` of its file, with the `skipped` lines blank."""
    if not skipped:
        return text
    lines = text.split("\n")
    return "\n".join("" if first + k in skipped else line for k, line in enumerate(lines))


def redefined_mentions(fn: CFunction, codebase: Codebase, name: str) -> bool:
    """A macro `fn` uses that SRC defines more than once (Codebase.macros holds one of them) mentions `name`
    in any of its definitions."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    counts = _definitions(codebase)
    return any(sum(counts.get(macro, {}).values()) > 1 and
               any(word.search(d.group(3)) for rel in codebase.files
                   for d in _define(macro).finditer(_text(codebase, rel)))
               for macro in fn.macros_used)


def _define(name: str) -> re.Pattern[str]:
    """`#define NAME(params) body` (body up to its last continued line)."""
    return re.compile(rf"^[ \t]*#[ \t]*define[ \t]+{re.escape(name)}(\(([^)]*)\))?((?:\\\n|[^\n])*)", re.M)


def _file_macro(name: str, fn: CFunction, codebase: Codebase) -> CMacro | None:
    """Macro `name` as `fn`'s own file defines it, before `fn`."""
    text = _text(codebase, fn.file)
    m = _define(name).search(text)
    if m is None or text[:m.start()].count("\n") + 1 >= fn.start_line:
        return None
    params = [p.strip() for p in m.group(2).split(",") if p.strip()] if m.group(1) else None
    return CMacro(name, fn.file, text[:m.start()].count("\n") + 1, params, m.group(3).strip())


def _arguments(text: str, start: int) -> tuple[list[str], int] | None:
    """The arguments of an invocation whose name ends at `start` (split at top-level commas), and where
    its `)` ends; None when no `(` follows."""
    i = start
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    if i >= len(text) or text[i] != "(":
        return None
    depth, args, begin, i = 0, [], i + 1, i
    while i < len(text):
        c = text[i]
        if c in "\"'":
            m = re.compile(rf"{c}(?:\\.|[^{c}\\\n])*{c}").match(text, i)
            i = m.end() if m else i + 1
            continue
        if text.startswith(("/*", "//"), i):
            m = re.compile(r"/\*.*?\*/|//[^\n]*", re.S).match(text, i)
            i = m.end() if m else len(text)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 1 and c == ")":
                args.append(text[begin:i])
                return args, i + 1
            depth -= 1
        elif c == "," and depth == 1:
            args.append(text[begin:i])
            begin = i + 1
        i += 1
    return None


def stringized(macro: CMacro) -> str:
    """The body with each `#param` a string literal (`""`, what `#x` makes of any argument, a literal whose
    text no rule reads), so that it parses as C; a body that pastes (`##`) is left as it is."""
    if "##" in macro.body or not macro.params:
        return macro.body
    params = set(macro.params) | {"__VA_ARGS__"}
    return _STRINGIFY.sub(lambda m: m.group(1) or ('""' if m.group(2) in params else m.group()), macro.body)


def _substitute(body: str, macro: CMacro, args: list[str]) -> str | None:
    """The body with each parameter replaced by its argument (`__VA_ARGS__` by the rest); None when the
    arguments do not match the parameters."""
    names = list(macro.params or [])
    variadic = bool(names) and names[-1] == "..."
    fixed = names[:-1] if variadic else names
    if len(args) == 1 and not args[0].strip() and not fixed:
        args = []
    if len(args) < len(fixed) or (len(args) > len(fixed) and not variadic):
        return None
    values = {name: args[i].strip() for i, name in enumerate(fixed)}
    if variadic:
        values["__VA_ARGS__"] = ",".join(args[len(fixed):]).strip()
    # `#x` makes a string of the argument's spelling: a literal, whose text no proof reads
    body = _STRINGIFY.sub(lambda m: m.group(1) or ('""' if m.group(2) in values else m.group()), body)
    return _LEXEME.sub(lambda m: values.get(m.group(), m.group()), body)
