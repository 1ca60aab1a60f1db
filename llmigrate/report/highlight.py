"""Syntax highlighting for C, Rust and unified diffs: HTML with <span class> tokens.

Tokens come from the parser (`rust_syntax.tokens`, tree-sitter-rust or tree-sitter-c); everything else is
escaped text.
"""

from __future__ import annotations

import html

from llmigrate import rust_syntax

_CLASSES = {"keyword": "k", "type": "t", "string": "s", "comment": "c", "number": "n", "macro": "m"}


def _span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{html.escape(text)}</span>'


def highlight(code: str, lang: str) -> str:
    """Escaped HTML of `code` ("c" or "rust") with token spans: k keyword, t type, s string, c comment,
    n number, m macro, lifetime or preprocessor directive."""
    parts: list[str] = []
    pos = 0
    for tok in rust_syntax.tokens(code, "rust" if lang == "rust" else "c"):
        if tok.start < pos:
            continue  # inside a token already written
        parts += [html.escape(code[pos:tok.start]), _span(_CLASSES[tok.kind], code[tok.start:tok.end])]
        pos = tok.end
    parts.append(html.escape(code[pos:]))
    return "".join(parts)


def highlight_diff(diff: str) -> str:
    """Escaped HTML of a unified diff, one span per line: added, removed, hunk header."""
    out = []
    for line in diff.splitlines():
        cls = ("dh" if line.startswith(("+++", "---", "@@")) else "da" if line.startswith("+")
               else "dr" if line.startswith("-") else "")
        out.append(_span(cls, line) if cls else html.escape(line))
    return "\n".join(out)
