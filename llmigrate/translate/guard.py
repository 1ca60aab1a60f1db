"""The laziness guard: reject a unit's incomplete Rust, so the driver can ask again with the reason.

Models asked for large translations drop code, leave `todo!()` or "rest of the implementation" comments, or
change the signature they were given. Every check here raises `RejectOutput` with a reason written for the
model, because the reason goes verbatim into the next prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter_rust
from tree_sitter import Language, Node, Parser

from llmigrate.core import CFunction, RejectOutput, UnitRequest

# A C body shorter than this many statements is never called "suspiciously short": small functions have
# idiomatic one-expression translations.
MIN_C_STATEMENTS = 8
# The Rust must have at least this fraction of the C's statements (iterator chains shrink code, but not 3x).
MIN_STATEMENT_RATIO = 0.34

_ITEM_HEAD = re.compile(
    r"^\s*(?:#!?\[[^\]]*\]\s*)*(?:pub(?:\s*\([^)]*\))?\s+)?"
    r"(?:(?:const|async|unsafe|extern\s*(?:\"[^\"]*\")?)\s+)*"
    r"(?P<kind>fn|struct|enum|union|type|const|static|trait|impl|mod|use|macro_rules!)"
    r"\s*(?:mut\s+)?(?P<name>r#\w+|\w+)?")
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
_RUST = Language(tree_sitter_rust.language())


@dataclass
class RustItem:
    """One top-level item of Rust text, with the comments and attributes that precede it."""

    text: str
    kind: str | None  # "fn", "struct", ... or None when unrecognised
    name: str | None


_SPECIAL = re.compile(r"//|/\*|[\"']")


def mask(text: str, strings: bool = True, found: list[str] | None = None) -> str:
    """`text` with comments (and, if `strings`, string/char literal contents) blanked, offsets preserved.

    The comments' text is appended to `found` when given.
    """
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        m = _SPECIAL.search(text, i)  # next comment or quote; a per-character loop cost ~1 ms/unit
        if m is None:
            break
        i = m.start()
        c = text[i]
        if text.startswith("//", i) or text.startswith("/*", i):
            j = text.find("\n", i) if text[i + 1] == "/" else _block_comment_end(text, i)
            j = n if j < 0 else j
            if found is not None:
                found.append(text[i + 2:j].removesuffix("*/"))
            out[i:j] = [ch if ch == "\n" else " " for ch in text[i:j]]
            i = j
        elif c == '"' or (c == "'" and _is_char_literal(text, i)):
            j = _literal_end(text, i)
            if strings:
                out[i + 1:j - 1] = [ch if ch == "\n" else " " for ch in text[i + 1:j - 1]]
            i = j
        else:
            i += 1
    return "".join(out)


def _block_comment_end(text: str, i: int) -> int:
    depth, j = 0, i  # Rust block comments nest; in C the inner "/*" is harmless either way
    while j < len(text):
        if text.startswith("/*", j):
            depth, j = depth + 1, j + 2
        elif text.startswith("*/", j):
            depth, j = depth - 1, j + 2
            if depth == 0:
                return j
        else:
            j += 1
    return len(text)


def _is_char_literal(text: str, i: int) -> bool:
    # 'a' and '\n' are literals; 'a (a lifetime) is not.
    return text.startswith("\\", i + 1) or text.startswith("'", i + 2)


def _literal_end(text: str, i: int) -> int:
    quote, j = text[i], i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return min(j + 1, len(text))


def comments(text: str) -> list[str]:
    """The text of every comment in `text` (C or Rust)."""
    found: list[str] = []
    mask(text, found=found)
    return found


def split_items(text: str) -> list[RustItem]:
    """Split Rust text into top-level items by bracket depth (comments and literals ignored)."""
    code = mask(text)
    items, depth, start = [], 0, 0
    for i, ch in enumerate(code):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
            if depth == 0 and ch == "}" and not _continues(code, i + 1):
                items.append(_item(text, code, start, i + 1))
                start = i + 1
        elif ch == ";" and depth == 0:
            items.append(_item(text, code, start, i + 1))
            start = i + 1
    if text[start:].strip():
        items.append(_item(text, code, start, len(text)))
    return [it for it in items if it.text.strip()]


def _continues(code: str, i: int) -> bool:
    # `struct S { .. }` ends at its brace, but `const X: T = T { .. };` and `} else {` do not.
    rest = code[i:].lstrip()
    return rest.startswith((";", "else", ".", "as ", ")", ","))


def _item(text: str, code: str, start: int, end: int) -> RustItem:
    m = _ITEM_HEAD.match(code[start:end])
    if not m:
        return RustItem(text[start:end].strip("\n"), None, None)
    return RustItem(text[start:end].strip("\n"), m["kind"], m["name"])


def fn_header(item_text: str) -> str:
    """The declaration of a `fn` item up to its body, whitespace-normalised for comparison."""
    code = mask(item_text, strings=False)
    code = re.sub(r"^\s*(#!?\[[^\]]*\]\s*)*", "", code)
    depth = 0
    for i, ch in enumerate(code):
        if ch in "([<" or (ch == "{" and depth > 0):
            depth += 1
        elif ch in ")]>" and not code.startswith("->", i - 1):
            depth -= 1
        elif ch in "{;" and depth == 0:
            return normalise(code[:i])
    return normalise(code)


def normalise(decl: str) -> str:
    """Collapse whitespace and drop it around punctuation, so `-> u32` and `->u32` compare equal."""
    s = re.sub(r"\s+", " ", decl).strip()
    s = re.sub(r"\s*([^\w\s])\s*", r"\1", s)
    return s.replace(",)", ")")


def bare(name: str) -> str:
    return name.removeprefix("r#")


def parse_errors(text: str) -> list[str]:
    """Where `text` fails to parse as Rust items ("line N: ..."), at most three; empty when it parses.

    Kept tiny and local so that it can later defer to the crate-wide Rust syntax helper.
    """
    tree = Parser(_RUST).parse(text.encode("utf-8"))  # a Parser per call: units are checked on threads
    if not tree.root_node.has_error:
        return []
    lines = text.splitlines()
    found = _unclosed(text, lines)
    stack = [tree.root_node]
    while stack and len(found) < 3:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(_describe(node, lines))
            continue
        stack.extend(reversed(node.children))
    return found


def _unclosed(text: str, lines: list[str]) -> list[str]:
    """The innermost `{` never closed (tree-sitter blames such a reply on its first line)."""
    opened: list[int] = []
    for i, ch in enumerate(mask(text)):
        if ch == "{":
            opened.append(i)
        elif ch == "}" and opened:
            opened.pop()
    if not opened:
        return []
    row = text.count("\n", 0, opened[-1])
    return [f"line {row + 1}: this `{{` is never closed: `{lines[row].strip()[:80]}`"]


def _describe(node: Node, lines: list[str]) -> str:
    row = node.start_point.row
    line = lines[row].strip() if row < len(lines) else ""
    what = f"missing `{node.type}`" if node.is_missing else "cannot parse"
    return f"line {row + 1}: {what} near `{line[:80]}`"


def check_parses(text: str, what: str) -> None:
    """Reject Rust that does not parse, naming the line, so the model can fix that line."""
    errors = parse_errors(text)
    if errors:
        raise RejectOutput(f"{what} is not valid Rust syntax ({'; '.join(errors)}): answer with complete, "
                           "balanced Rust items (no C constructs such as `do { } while`)")


def check_shared(code: str) -> None:
    """Reject a shared module that does not parse, holds placeholders, or shadows a Rust primitive."""
    check_parses(code, "the shared module")
    if re.search(r"\b(todo|unimplemented)!\s*[(\[{]", mask(code)):
        raise RejectOutput("the shared module uses `todo!()`: give every item its real definition")
    for text in comments(code):
        if any(re.search(pat, text.strip(), re.I) for pat in _PLACEHOLDER_COMMENTS):
            raise RejectOutput(f"the comment `{text.strip()[:60]}` marks a placeholder in the shared module: "
                               "give every item its real definition")
    for it in split_items(code):
        if it.kind in {"struct", "enum", "union", "type"} and it.name in _PRIMITIVES:
            raise RejectOutput(f"do not define `{it.name}`: it is a Rust primitive type; use it as it is")


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
        check_parses(text, f"the Rust of `{sig.rust_name}`")
        items = split_items(text)
        fns = [it for it in items if it.kind == "fn" and it.name and bare(it.name) == bare(sig.rust_name)]
        if not fns:
            raise RejectOutput(f"the function `{sig.rust_name}` is missing: write it with exactly the "
                               f"declaration `{sig.decl()}`")
        if fn_header(fns[0].text) != normalise(sig.decl()):
            raise RejectOutput(f"`{sig.rust_name}` has a different signature than required: use exactly "
                               f"`{sig.decl()}` (got `{fn_header(fns[0].text)}`)")
        _check_items(items, shared_names)
        fn = cb.functions.get(fid)
        if fn is not None:
            _check_lazy(fn, text)
            _check_calls(fn, text, request)
            _check_length(fn, items)


def _check_items(items: list[RustItem], shared_names: set[str]) -> None:
    for it in items:
        if re.search(r"#\[\s*(unsafe\s*\(\s*)?no_mangle", it.text):
            raise RejectOutput("do not write #[no_mangle] or extern \"C\" entry points: llmigrate generates "
                               "the exported C ABI functions itself")
        if it.kind in {"struct", "enum", "union", "type", "const", "static"} and it.name in shared_names:
            raise RejectOutput(f"do not redefine `{it.name}`: it already exists in crate::shared (in scope "
                               f"through `use crate::shared::*`)")


def _check_lazy(fn: CFunction, rust: str) -> None:
    code = mask(rust)
    m = re.search(r"\b(todo|unimplemented)!\s*[(\[{]", code)
    if m:
        raise RejectOutput(f"`{m.group(1)}!()` stands in for logic: translate the whole body of `{fn.name}`")
    if re.search(r"\bunreachable!\s*[(\[{]", code) and not re.search(
            r"\b(switch|BUG|BUG_ON|abort|panic|unreachable|__builtin_unreachable|assert)\b", fn.source):
        raise RejectOutput(f"`unreachable!()` stands in for logic the C of `{fn.name}` has: translate it")
    if re.search(r"(?<![.])\.\.\.(?![.=])", code):
        raise RejectOutput(f"`...` is a placeholder, not Rust: translate the whole body of `{fn.name}`")
    c_comments = " ".join(comments(fn.source))
    for text in comments(rust):
        for pat in _PLACEHOLDER_COMMENTS:
            if re.search(pat, text.strip(), re.I) and not re.search(pat, c_comments, re.I):
                raise RejectOutput(f"the comment `{text.strip()[:60]}` marks omitted code: translate every "
                                   f"statement of `{fn.name}`")


def _check_calls(fn: CFunction, rust: str, request: UnitRequest) -> None:
    code = mask(rust)
    for callee in fn.callees:
        sig = request.signatures.get(callee)
        callee_fn = request.codebase.functions.get(callee)
        names = {bare(sig.rust_name)} if sig else set()
        names |= {callee_fn.name} if callee_fn else {callee.rsplit(":", 1)[-1]}
        if not any(re.search(rf"\b{re.escape(n)}\b", code) for n in names):
            path = sig.path if sig else callee
            raise RejectOutput(f"the C of `{fn.name}` calls `{callee}` but the Rust never calls `{path}`: "
                               f"keep every call")


def statement_count(body: str) -> int:
    """Statements in a C or Rust function body: semicolons (not in `for` headers) plus control constructs."""
    code = mask(body)
    n = code.count(";") - 2 * len(re.findall(r"\bfor\s*\(", code))
    n += len(re.findall(r"\b(if|while|for|loop|switch|match|case|do)\b|=>", code))
    return max(n, 0)


def _check_length(fn: CFunction, items: list[RustItem]) -> None:
    c_n = statement_count(_body(fn.source))
    # Helpers (`<name>__*`) count too; +1 per function for its tail expression, which has no semicolon.
    rust_n = sum(statement_count(_body(it.text)) + 1 for it in items if it.kind == "fn")
    if c_n >= MIN_C_STATEMENTS and rust_n < c_n * MIN_STATEMENT_RATIO:
        raise RejectOutput(f"the Rust of `{fn.name}` has about {rust_n} statements for the C's {c_n}: it "
                           f"looks incomplete; translate every statement")


def _body(definition: str) -> str:
    """A function definition from its opening brace on (comments before it ignored)."""
    return definition[max(mask(definition).find("{"), 0):]
