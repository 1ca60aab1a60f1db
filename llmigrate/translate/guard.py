"""The laziness guard: reject a unit's incomplete Rust, so the driver can ask again with the reason.

Models asked for large translations drop code, leave `todo!()` or "rest of the implementation" comments, or
change the signature they were given. Every check here raises `RejectOutput` with a reason written for the
model, because the reason goes verbatim into the next prompt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from llmigrate import rust_syntax
from llmigrate.core import CFunction, RejectOutput, UnitRequest
from llmigrate.rust_syntax import Item

# A C body shorter than this many statements is never called "suspiciously short": small functions have
# idiomatic one-expression translations.
MIN_C_STATEMENTS = 8
# The Rust must have at least this fraction of the C's statements (iterator chains shrink code, but not 3x).
MIN_STATEMENT_RATIO = 0.34

_PLACEHOLDER_COMMENTS = [
    r"rest of (the )?(implementation|code|function|logic|body)",
    r"remaining (code|logic|implementation|cases)",
    r"(implementation|code|logic) (omitted|elided|goes here|here)",
    r"\bomitted for brevity\b",
    r"\bsimilar(ly)? to (the )?(above|c|original)\b",
    r"\bsame as (the )?(above|before|c|original)\b",
    r"\b(fill|filled) in\b",
    r"\bTODO\b",
    r"^\W*\.\.\.\W*$",
    r"\bplaceholder\b",
]
# Rust's primitive types: a model "translating" a C typedef such as `u8` must not shadow one.
_PRIMITIVES = {"u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
               "f32", "f64", "bool", "char", "str"}


def split_items(text: str) -> list[Item]:
    """Split Rust text into top-level items (each with the comments and attributes before it)."""
    return rust_syntax.items(text)


def fn_header(item_text: str) -> str:
    """The declaration of a `fn` item up to its body, whitespace-normalised for comparison."""
    header = rust_syntax.fn_header(item_text)
    return normalise(header if header is not None else rust_syntax.blank(item_text, literals=False))


def normalise(decl: str) -> str:
    """Collapse whitespace and drop it around punctuation, so `-> u32` and `->u32` compare equal."""
    s = re.sub(r"\s+", " ", decl).strip()
    s = re.sub(r"\s*([^\w\s])\s*", r"\1", s)
    return s.replace(",)", ")")


# `mut` before a parameter's name: a binding the body assigns to, as C assigns to its parameters; the
# signature's types, which the C ABI entry and the callers rely on, are unchanged (`&mut T` is a type).
_MUT_PARAM = re.compile(r"(?<=[(,])mut (?=r#\w+:|\w+:)")


def _without_mut_params(header: str) -> str:
    return _MUT_PARAM.sub("", header)


_AT_LINE = re.compile(r"\(line \d+\)|\bline \d+: ")


def fixed_nothing(before: str, after: str) -> bool:
    """Whether the rejection `after` of a re-asked reply still names every problem the rejection `before`
    named, locations aside: the feedback changed nothing, and a third ask rarely does better."""
    def problems(reason: str) -> set[str]:
        return {p.strip(" ()") for p in _AT_LINE.sub("", reason).split(";")}
    return problems(before) <= problems(after)


def bare(name: str) -> str:
    return name.removeprefix("r#")


def check(request: UnitRequest, code: dict[str, str]) -> None:
    """Raise RejectOutput naming the first problem with `code` (function id -> Rust) for this unit."""
    if not any(text.strip() for text in code.values()):
        raise RejectOutput("the reply contained no Rust code: answer with the complete function in one "
                           "```rust block")
    cb = request.codebase
    shared_names = set(request.shared.names.values())
    for fid in request.unit.functions:
        sig = request.signatures[fid]
        text = code.get(fid, "")
        items = split_items(text)
        fns = [it for it in items if it.kind == "fn" and it.name and bare(it.name) == bare(sig.body_name)]
        if not fns:
            raise RejectOutput(f"the function `{sig.body_name}` is missing: write it with exactly the "
                               f"declaration `{sig.decl()}`")
        # one item is the whole text: its header is read from the parse items() made, not a parse of its own
        header = fn_header(text if len(items) == 1 else fns[0].text)
        if _without_mut_params(header) != normalise(sig.decl()):
            raise RejectOutput(f"`{sig.body_name}` has a different signature than required: use exactly "
                               f"`{sig.decl()}` (got `{header}`)")
        _check_items(items, shared_names)
        fn = cb.functions.get(fid)
        if fn is not None:
            _check_lazy(fn, text, request)
            _check_calls(fn, text, request)
            _check_length(fn, text, items)
    for fid in request.unit.functions:  # last, so that the more specific reasons above come first
        _check_parses(f"the Rust of `{request.signatures[fid].rust_name}`", code.get(fid, ""))


def _check_parses(what: str, rust: str) -> None:
    errors = rust_syntax.parse_errors(rust)
    if errors:
        where = "; ".join(f"line {line}: {message}" for line, message in errors[:3])
        habits = "".join(f"; {hint}" for hint in c_habits(rust))
        raise RejectOutput(f"{what} does not parse ({where}){habits}: answer with complete, "
                           "syntactically valid Rust")


# C written as Rust, as small models do. A parse error's position alone did not help: given "line 19:
# cannot parse `t`", a 1.5B model sent its brace-less `if` back unchanged.
_C_HABITS = (
    (re.compile(r"\bdo\s*\{"), "Rust has no `do { } while`: write `loop { ...; if !(cond) { break; } }`"),
    (re.compile(r"\((?:[ui](?:8|16|32|64|128|size)|f32|f64|unsigned|int|long|char)\b[^():]*\)\s*[\w(]"),
     "a C cast such as `(u32)x` is `x as u32` in Rust"),
    (re.compile(r"\w\s*(?:\+\+|--)|(?:\+\+|--)\s*\w"), "Rust has no `++`/`--`: write `x += 1`"),
)
_BARE_CONTROL = re.compile(r"^\s*(?:\}\s*else\s+)?(?:if|while|for)\b[^{]*$")


def c_habits(rust: str) -> list[str]:
    """What in `rust` is C syntax Rust lacks, each said once with its first line: hints for the model."""
    lines = rust_syntax.blank(rust).split("\n")
    hints = []
    for pattern, hint in _C_HABITS:
        row = next((i for i, ln in enumerate(lines) if pattern.search(ln)), None)
        if row is not None:
            hints.append(f"{hint} (line {row + 1})")
    row = next((i for i, ln in enumerate(lines) if _bare_body(ln, lines[i + 1:])), None)
    if row is not None:
        hints.append(f"Rust's `if`/`while`/`for` need braces around the body, even one statement "
                     f"(line {row + 1})")
    return hints


def _bare_body(line: str, after: list[str]) -> bool:
    """A control statement whose body is the next line's statement, without braces."""
    following = next((ln for ln in after if ln.strip()), "")
    return bool(_BARE_CONTROL.match(line)) and "{" not in following and following.rstrip().endswith(";")


def check_shared(code: str) -> None:
    """Reject a shared module that does not parse, holds placeholders, or shadows a Rust primitive."""
    _check_parses("the shared module", code)
    if re.search(r"\b(todo|unimplemented)!\s*[(\[{]", rust_syntax.blank(code)):
        raise RejectOutput("the shared module uses `todo!()`: give every item its real definition")
    for text in rust_syntax.comments(code):
        if any(re.search(pat, text.strip(), re.I) for pat in _PLACEHOLDER_COMMENTS):
            raise RejectOutput(f"the comment `{text.strip()[:60]}` marks a placeholder in the shared module: "
                               "give every item its real definition")
    for it in split_items(code):
        if it.kind in {"struct", "enum", "union", "type"} and it.name in _PRIMITIVES:
            raise RejectOutput(f"do not define `{it.name}`: it is a Rust primitive type; use it as it is")


def _check_items(items: list[Item], shared_names: set[str]) -> None:
    for it in items:
        if re.search(r"#\[\s*(unsafe\s*\(\s*)?no_mangle", it.text):
            raise RejectOutput("do not write #[no_mangle] or extern \"C\" entry points: llmigrate generates "
                               "the exported C ABI functions itself")
        if it.kind in {"struct", "enum", "union", "type", "const", "static"} and it.name in shared_names:
            raise RejectOutput(f"do not redefine `{it.name}`: it already exists in crate::shared (in scope "
                               f"through `use crate::shared::*`)")


def _c_text(fn: CFunction, request: UnitRequest) -> str:
    """The C file of `fn` (its definition when the file cannot be read): a comment the Rust carries over
    from around the function (the one above it) is the C author's, not a placeholder."""
    text = _file_text(fn, request)
    return fn.source if text is None else text


def _file_text(fn: CFunction, request: UnitRequest) -> str | None:
    try:
        return (Path(request.codebase.root) / fn.file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _check_lazy(fn: CFunction, rust: str, request: UnitRequest) -> None:
    code = _blank(rust)
    m = re.search(r"\b(todo|unimplemented)!\s*[(\[{]", code)
    if m:
        raise RejectOutput(f"`{m.group(1)}!()` stands in for logic: translate the whole body of `{fn.name}`")
    if re.search(r"\bunreachable!\s*[(\[{]", code) and not re.search(
            r"\b(switch|BUG|BUG_ON|abort|panic|unreachable|__builtin_unreachable|assert)\b", fn.source):
        raise RejectOutput(f"`unreachable!()` stands in for logic the C of `{fn.name}` has: translate it")
    if re.search(r"(?<![.])\.\.\.(?![.=])", code):
        raise RejectOutput(f"`...` is a placeholder, not Rust: translate the whole body of `{fn.name}`")
    suspects = [(text, pat) for text in rust_syntax.comments(rust) for pat in _PLACEHOLDER_COMMENTS
                if re.search(pat, text.strip(), re.I)]
    if not suspects:
        return
    # the C file is read and parsed only now: doing it for every unit cost more than translating the unit
    c_comments = " ".join(rust_syntax.comments(_c_text(fn, request), "c"))
    for text, pat in suspects:
        if not re.search(pat, c_comments, re.I):
            raise RejectOutput(f"the comment `{text.strip()[:60]}` marks omitted code: translate every "
                               f"statement of `{fn.name}`")


def _check_calls(fn: CFunction, rust: str, request: UnitRequest) -> None:
    code = _blank(rust)
    c_calls = _compiled_source(fn, request)
    for callee in fn.callees:
        sig = request.signatures.get(callee)
        callee_fn = request.codebase.functions.get(callee)
        names = {bare(sig.rust_name)} if sig else set()
        names |= {callee_fn.name} if callee_fn else {callee.rsplit(":", 1)[-1]}
        if not any(re.search(rf"\b{re.escape(n)}\b", code) for n in names) \
                and not _only_asserted(names, fn.source, c_calls):
            path = sig.path if sig else callee
            raise RejectOutput(f"the C of `{fn.name}` calls `{callee}` but the Rust never calls `{path}`: "
                               f"keep every call")


def _compiled_source(fn: CFunction, request: UnitRequest) -> str:
    """The function's C without its assertions when NDEBUG is defined (C11 7.2: `assert` then expands to
    nothing, so a call inside one is not made and a faithful translation has none)."""
    config = request.codebase.config
    ndebug = "NDEBUG" in (d.split("=")[0] for d in config.defines) or "-DNDEBUG" in config.cflags \
        or _defines_ndebug(fn, request)
    return _without_calls_of("assert", fn.source) if ndebug else fn.source


_NDEBUG = re.compile(r"^\s*#\s*define\s+NDEBUG\b", re.M)
# [the Codebase (held, so that its id is not reused), {C file: whether it defines NDEBUG}]: read once per file
# of a run, not once per unit (each unit read and searched its whole file again).
_NDEBUG_FILES: list = [None, {}]


def _defines_ndebug(fn: CFunction, request: UnitRequest) -> bool:
    if _NDEBUG_FILES[0] is not request.codebase:
        _NDEBUG_FILES[:] = [request.codebase, {}]
    known: dict[str, bool] = _NDEBUG_FILES[1]
    found = known.get(fn.file)
    if found is None:
        text = _file_text(fn, request)
        if text is None:  # the definition stands in for the file (_c_text): its answer is not the file's
            return _NDEBUG.search(fn.source) is not None
        found = known[fn.file] = _NDEBUG.search(text) is not None
    return found


def _only_asserted(names: set[str], source: str, compiled: str) -> bool:
    """Every call of these names is inside an assertion that NDEBUG removes."""
    def named(text: str) -> bool:
        return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)
    return named(source) and not named(compiled)


def _without_calls_of(name: str, source: str) -> str:
    """`source` with every `name(...)` (balanced parentheses) blanked."""
    out, i = [], 0
    for m in re.finditer(rf"\b{name}\s*\(", source):
        if m.start() < i:
            continue
        depth, j = 0, m.end() - 1
        while j < len(source):
            depth += {"(": 1, ")": -1}.get(source[j], 0)
            if depth == 0:
                break
            j += 1
        out.append(source[i:m.start()])
        i = j + 1
    return "".join(out) + source[i:]


def statement_count(code: str) -> int:
    """Statements in a C or Rust function body (comments and literals blank): semicolons (not in `for`
    headers) plus control constructs."""
    n = code.count(";") - 2 * len(re.findall(r"\bfor\s*\(", code))
    n += len(re.findall(r"\b(if|while|for|loop|switch|match|case|do)\b|=>", code))
    return max(n, 0)


def _check_length(fn: CFunction, rust: str, items: list[Item]) -> None:
    c_n = statement_count(_body(fn.source, "c"))
    if c_n < MIN_C_STATEMENTS:
        return
    # Helpers (`<name>__*`) count too; +1 per function for its tail expression, which has no semicolon.
    rust_n = sum(statement_count(code) + 1 for code in _fn_bodies(rust, items))
    if rust_n < c_n * MIN_STATEMENT_RATIO:
        raise RejectOutput(f"the Rust of `{fn.name}` has about {rust_n} statements for the C's {c_n}: it "
                           f"looks incomplete; translate every statement")


def _fn_bodies(rust: str, items: list[Item]) -> list[str]:
    """The blank bodies (`_body`) of the fn items of `rust`, cut from the blank of the whole text when it
    parses (items are consecutive slices of it): blanking each item's text parsed it again."""
    if rust_syntax.parse(rust).root.has_error:
        return [_body(it.text, "rust") for it in items if it.kind == "fn"]
    whole, bodies, at = _blank(rust), [], 0
    for it in items:
        at = rust.index(it.text, at)
        if it.kind == "fn":
            code = whole[at:at + len(it.text)]
            bodies.append(code[max(code.find("{"), 0):])
        at += len(it.text)
    return bodies


# The guard blanks a unit's Rust for several checks (placeholders, calls, length): once per text.
_blank = lru_cache(maxsize=8)(rust_syntax.blank)


def _body(definition: str, lang: str) -> str:
    """A function definition from its opening brace on, comments and literals blank."""
    code = _blank(definition) if lang == "rust" else rust_syntax.blank(definition, lang)
    return code[max(code.find("{"), 0):]
