"""Text parsed by tree-sitter (Rust, or C), cached per text: the tree, its nodes by type, a walk.

rust_syntax reads Rust through this, and the builtin's passes over each function's Rust ask it for the nodes
of a type; the cache is what lets a pass, and the guard after it, read a text another pass parsed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import tree_sitter_c
import tree_sitter_rust
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

COMMENTS = {"rust": ("line_comment", "block_comment"), "c": ("comment",)}
LITERALS = {"rust": ("string_literal", "raw_string_literal", "char_literal"),
            "c": ("string_literal", "char_literal")}
# The node types asked for most (the builtin's passes, blank, comments), all found by one query in one pass
# over a tree: compiling a query costs about 1.4 ms whatever it asks (a dozen per process made one per
# type), running it on a function's tree about 0.05 ms for one type and 0.07 ms for all of these.
_INDEXED = {"rust": ("identifier", "function_item", "let_declaration", "block", "if_expression", "label",
                     "parenthesized_expression", "unary_expression", "binary_expression",
                     "assignment_expression", "compound_assignment_expr", "reference_expression",
                     "token_tree", "empty_statement", "expression_statement", "field_initializer",
                     "unsafe_block", *COMMENTS["rust"], *LITERALS["rust"]),
            "c": (*COMMENTS["c"], *LITERALS["c"])}
# Nodes read as one token: their children (quotes, escapes, doc markers) are not tokens of their own.
ATOMIC = frozenset({"line_comment", "block_comment", "comment", "string_literal", "raw_string_literal",
                     "char_literal", "system_lib_string", "lifetime", "label"})


@cache
def _language(lang: str) -> Language:
    return Language(tree_sitter_rust.language() if lang == "rust" else tree_sitter_c.language())


@cache
def _query(lang: str, source: str) -> Query:
    return Query(_language(lang), source)


@dataclass(frozen=True)
class Source:
    """A parsed text: the tree, and the str offset of every byte when the text is not ASCII."""

    text: str
    lang: str
    root: Node
    chars: tuple[int, ...] | None
    tree: Tree | None = field(default=None, compare=False, repr=False)  # what an edit parses again from
    # type -> its nodes in document order (`of_type`)
    _by_type: dict[str, list[Node]] = field(default_factory=dict, compare=False, repr=False)
    # the indexed types' nodes as the query engine found them, once asked (sorted per type when asked)
    _found: list[dict[str, list[Node]]] = field(default_factory=list, compare=False, repr=False)

    def at(self, byte: int) -> int:
        """The str offset of a byte offset."""
        return byte if self.chars is None else self.chars[byte]

    def span(self, node: Node) -> tuple[int, int]:
        return self.at(node.start_byte), self.at(node.end_byte)

    def cut(self, node: Node) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def of_type(self, kind: str) -> list[Node]:
        """The nodes of type `kind` in document order (an enclosing node before those it holds), as
        `walk(root)` meets them for a type never inside the nodes it does not enter (an identifier is, in a
        lifetime); found by tree-sitter's query engine instead of a walk in Python (the builtin's passes
        over each function's Rust)."""
        found = self._by_type.get(kind)
        if found is None:
            found = self._by_type[kind] = sorted(self._captured(kind), key=_document_order)
        return found

    def _captured(self, kind: str) -> list[Node]:
        """The nodes of type `kind` as the query engine finds them: an indexed type's with all the others."""
        if kind not in _INDEXED[self.lang]:
            return QueryCursor(_query(self.lang, f"({kind}) @node")).captures(self.root).get("node", [])
        if not self._found:
            query = _query(self.lang, " ".join(f"({k}) @{k}" for k in _INDEXED[self.lang]))
            self._found.append(QueryCursor(query).captures(self.root))
        return self._found[0].get(kind, [])

    def of_types(self, kinds: tuple[str, ...]) -> list[Node]:
        """The nodes of any of `kinds`, in document order (of two with the same span, either first)."""
        return sorted((n for kind in kinds for n in self.of_type(kind)), key=_document_order)


def _document_order(node: Node) -> tuple[int, int]:
    return node.start_byte, -node.end_byte


def parse(text: str, lang: str = "rust") -> Source:
    """`text` parsed as Rust (or C); never fails: what does not parse becomes ERROR and MISSING nodes."""
    return parsed(text, lang)  # one cache key per text and language, however the caller spells `lang`


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


class _Parses:
    """The recent parses by text and language (as `functools.lru_cache` kept them), into which `edited`
    also puts the parse of an edited text, for the next pass asking for that text to find it."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize, self.hits, self.misses = maxsize, 0, 0
        self._kept: OrderedDict[tuple[str, str], Source] = OrderedDict()
        self._lock = threading.Lock()  # the translate workers' threads share it

    def __call__(self, text: str, lang: str) -> Source:
        found = self._get((text, lang))
        if found is not None:
            return found
        self.misses += 1
        return self.put(_fresh(text, lang))

    def _get(self, key: tuple[str, str]) -> Source | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                self.hits += 1
            return found

    def put(self, src: Source) -> Source:
        with self._lock:
            self._kept[(src.text, src.lang)] = src
            self._kept.move_to_end((src.text, src.lang))
            while len(self._kept) > self.maxsize:
                self._kept.popitem(last=False)
        return src

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self.hits, self.misses, self.maxsize, len(self._kept))

    def cache_clear(self) -> None:
        with self._lock:
            self._kept.clear()


parsed = _Parses(maxsize=32)


def _fresh(text: str, lang: str, old: Tree | None = None) -> Source:
    data = text.encode("utf-8")
    # A parser per call: parsers are not shared between the translate workers' threads.
    parser = Parser(_language(lang))
    tree = parser.parse(data) if old is None else parser.parse(data, old)
    chars = None
    if len(data) != len(text):
        offsets = [i for i, ch in enumerate(text) for _ in range(len(ch.encode("utf-8")))]
        chars = (*offsets, len(text))
    return Source(text, lang, tree.root_node, chars, tree)


def edited(src: Source, steps: list[tuple[int, int, str]]) -> Source:
    """`src`'s text after `steps` (each replaces the span (start, end) of the text the steps before it left
    by a string), parsed again from `src`'s tree: tree-sitter re-reads only around the edits (a pass
    removing a few parentheses from a function paid a whole parse each round, the builtin's largest cost
    per function), and the tree is the one a fresh parse of the new text gives. Kept in the cache for the
    next pass to find."""
    ascii_ = src.chars is None and src.text.isascii() and all(new.isascii() for _, _, new in steps)
    old = src.tree.copy() if src.tree is not None and ascii_ else None  # `src`'s own nodes stay as they are
    text = src.text
    for start, end, new in steps:
        if old is not None:  # ASCII: str offsets are tree-sitter's byte offsets
            at = _point(text, start)
            old.edit(start, end, start + len(new), at, _point(text, end), _moved(at, new))
        text = text[:start] + new + text[end:]
    found = parsed._get((text, src.lang))
    if found is not None:
        return found
    parsed.misses += 1
    again = _fresh(text, src.lang, old)
    if old is not None and again.root.has_error:  # error recovery may differ from a fresh parse's: no risk
        again = _fresh(text, src.lang)
    return parsed.put(again)


def _point(text: str, offset: int) -> tuple[int, int]:
    """The (row, column) of an offset into ASCII text."""
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


def _moved(start: tuple[int, int], new: str) -> tuple[int, int]:
    """The point where `new` ends, inserted at `start`."""
    rows = new.count("\n")
    return (start[0] + rows, len(new) - new.rfind("\n") - 1) if rows else (start[0], start[1] + len(new))


def walk(node: Node) -> Iterator[Node]:
    """`node` and its descendants in document order; comments, literals and lifetimes are not entered."""
    cursor = node.walk()  # a tree cursor: no list of children built per node (twice as fast)
    while True:
        n = cursor.node
        yield n
        if n.type not in ATOMIC and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():  # back at `node`, the cursor's root
                return
