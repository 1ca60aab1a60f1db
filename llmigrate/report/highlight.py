"""A small syntax highlighter for C, Rust and unified diffs: HTML with <span class> tokens, no dependencies.

It recognises comments, strings, character literals, numbers, keywords, types and macros (Rust `name!`,
C preprocessor lines); everything else is escaped text. Good enough to read code, not a parser.
"""

from __future__ import annotations

import html
import re

C_KEYWORDS = frozenset("""auto break case const continue default do else enum extern for goto if inline
register restrict return sizeof static struct switch typedef union volatile while
_Bool bool true false NULL""".split())
C_TYPES = frozenset("""void char short int long float double signed unsigned size_t ssize_t u8 u16 u32 u64
s8 s16 s32 s64 uint8_t uint16_t uint32_t uint64_t int8_t int16_t int32_t int64_t""".split())
RUST_KEYWORDS = frozenset("""as break const continue crate else enum extern false fn for if impl in let loop
match mod move mut pub ref return self Self static struct super trait true type unsafe use where
while dyn""".split())
RUST_TYPES = frozenset("""i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str Option
Some None Result Ok Err Vec""".split())

_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>b?"(?:\\.|[^"\\])*"?)
  | (?P<char>b?'(?:\\.|[^'\\\n])')
  | (?P<lifetime>'[A-Za-z_]\w*)
  | (?P<number>\b(?:0[xX][0-9A-Fa-f_]+|0[bB][01_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)[A-Za-z0-9_]*)
  | (?P<pre>^[ \t]*\#[ \t]*\w+)
  | (?P<word>[A-Za-z_]\w*!?)
""", re.VERBOSE | re.DOTALL | re.MULTILINE)


def _span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{html.escape(text)}</span>'


def highlight(code: str, lang: str) -> str:
    """Escaped HTML of `code` ("c" or "rust") with token spans: k keyword, t type, s string, c comment,
    n number, m macro/preprocessor."""
    keywords, types = (RUST_KEYWORDS, RUST_TYPES) if lang == "rust" else (C_KEYWORDS, C_TYPES)
    parts: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(code):
        parts.append(html.escape(code[pos:m.start()]))
        pos = m.end()
        kind, text = m.lastgroup, m.group()
        if kind == "comment":
            parts.append(_span("c", text))
        elif kind in ("string", "char"):
            parts.append(_span("s", text))
        elif kind == "number":
            parts.append(_span("n", text))
        elif kind in ("pre", "lifetime"):
            parts.append(_span("m", text))
        elif text.endswith("!") and lang == "rust":
            parts.append(_span("m", text))
        else:
            word, bang = (text[:-1], "!") if text.endswith("!") else (text, "")
            cls = "k" if word in keywords else "t" if word in types else ""
            parts.append((_span(cls, word) if cls else html.escape(word)) + bang)
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
