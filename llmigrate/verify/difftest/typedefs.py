"""What analysis knows of a C type name, for generating its objects: typedefs followed, the members of a
struct or union (also one written inline), an enum's values."""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmigrate.core import Codebase, Param

QUALS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "register"}


def clean(c_type: str) -> str:
    return " ".join(w for w in c_type.split() if w not in QUALS)


def typedef_target(t: str, codebase: Codebase) -> str:
    """The type a chain of typedefs names (`gchar` -> `char`), qualifiers dropped."""
    t = clean(t)
    for _ in range(8):
        ct = codebase.types.get(t)
        if ct is None or ct.kind != "typedef" or not ct.target:
            break
        t = clean(ct.target)
    return t


def resolve_pointer(t: str, codebase: Codebase) -> str:
    """`Handle` (a typedef of `struct s *`) -> `struct s *`: the pointer type spelled with its star; any
    other type as it is."""
    seen = t
    for _ in range(8):
        if "*" in seen:
            return seen
        ct = codebase.types.get(clean(seen))
        if ct is None or ct.kind != "typedef" or not ct.target:
            return t
        seen = ct.target
    return t


@dataclass
class _Inline:
    """The members of a struct or union written inline: `union { size_t cap; char buf [8]; }`."""

    fields: list[Param]
    complete: bool = True


def _inline(t: str) -> tuple[_Inline | None, bool]:
    m = re.fullmatch(r"(struct|union)\s*\{(.*)\}", t.strip(), re.DOTALL)
    if not m or "{" in m.group(2):
        return None, False
    fields = []
    for decl in (d.strip() for d in m.group(2).split(";") if d.strip()):  # after the last `;`: nothing
        d = re.fullmatch(r"(.+?)\b([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)", decl)
        if d is None or ":" in decl:
            return None, False  # a bit-field or something not a plain member: not generated
        fields.append(Param(d.group(2), f"{d.group(1).strip()} {d.group(3).strip()}".strip()))
    return (_Inline(fields), m.group(1) == "union") if fields else (None, False)


def spelled(ctype, member: Param) -> str:
    """The member's type, with the body of a named member's inline struct or union (analysis writes
    `union {...}` for `union { int i; char *s; } data;`) read back from the definition's text."""
    if "{...}" not in member.type or not member.name or not getattr(ctype, "source", ""):
        return member.type
    text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", ctype.source, flags=re.DOTALL)
    inline = re.compile(r"\b(struct|union)\s*\{([^{}]*)\}\s*" + re.escape(member.name) + r"\b")
    m = inline.search(text, text.find("{") + 1)
    return " ".join(f"{m.group(1)} {{{m.group(2)}}}".split()) if m else member.type


def aggregate(t: str, codebase: Codebase):
    """(definition, is a union) behind a C type name, following typedefs; (None, False) for unknowns."""
    if t.startswith(("struct {", "union {")):
        return _inline(t)
    seen = set()
    while t not in seen:
        seen.add(t)
        ct = codebase.types.get(t)
        if ct is None and not t.startswith(("struct ", "union ", "enum ")):
            ct = codebase.types.get(f"struct {t}") or codebase.types.get(f"union {t}")
        if ct is None:
            return None, False
        anonymous = ct.kind == "typedef" and (ct.target or "").startswith(("struct {", "union {"))
        if ct.kind in ("struct", "union") or anonymous:  # also `typedef struct {...} T`
            union = ct.kind == "union" or (ct.target or "").startswith("union")
            return (ct, union) if ct.complete and ct.fields else (None, False)
        if ct.kind != "typedef" or not ct.target:
            return None, False
        t = clean(ct.target)
    return None, False


def enum_values(t: str, codebase: Codebase) -> list[int]:
    """The enumerators' values of an enum type (after typedefs), for choosing meaningful inputs."""
    ct = codebase.types.get(t)
    for _ in range(4):
        if ct is None or ct.kind != "typedef" or not ct.target:
            break
        ct = codebase.types.get(clean(ct.target))
    if ct is None or ct.kind != "enum":
        return []
    values, nxt = [], 0
    for _, text in ct.enumerators:
        if text is not None:
            try:
                nxt = int(text.strip().rstrip("uUlL"), 0)
            except ValueError:
                return sorted(set(values))  # an expression we do not evaluate: keep what we know
        values.append(nxt)
        nxt += 1
    return sorted(set(values))
