"""C11 `_Generic` (6.5.1.1): the association the controlling expression's type selects, which then stands for
the whole selection as a parenthesised expression would.

libclang gives a generic selection's controlling expression and association expressions as its children, but
neither the association types nor the choice. The types are read from the selection's tokens (`_Generic (
ctrl , T1 : e1 , ... , default : en )`, also when a macro body spells them), spelled as clang spells
canonical types, and compared with the controlling expression's type after lvalue conversion (qualifiers
dropped, an array decayed to a pointer). A type this cannot spell fails the function: the choice is never
guessed.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.types import Unsupported

K = ci.CursorKind
TK = ci.TypeKind
_ARRAYS = (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY, TK.VARIABLEARRAY, TK.DEPENDENTSIZEDARRAY)
_QUALS = {"const": "const", "__const": "const", "volatile": "volatile", "__volatile__": "volatile",
          "restrict": "restrict", "__restrict": "restrict", "__restrict__": "restrict"}
_INTS = {"signed", "__signed__", "unsigned", "short", "int", "long"}
_OPEN, _CLOSE = {"(", "[", "{"}, {")", "]", "}"}


def selected(c: ci.Cursor) -> ci.Cursor:
    """The association expression the generic selection `c` evaluates to."""
    found = c.__dict__.get("_llm_selected")
    if found is None:
        found = c.__dict__["_llm_selected"] = _select(c)
    return found


def _select(c: ci.Cursor) -> ci.Cursor:
    operands = [k for k in kids(c) if k.kind in EXPR_KINDS]
    types = _association_types([t.spelling for t in c.get_tokens()])
    if types is None or len(types) != len(operands) - 1:
        raise Unsupported("_Generic", "its associations could not be read from its tokens", c)
    want = _controlling(operands[0].type)
    spelled = [None if t == ["default"] else _canonical(t, c.translation_unit) for t in types]
    unknown = [" ".join(t) for t, s in zip(types, spelled, strict=True) if s is None and t != ["default"]]
    if want is None or unknown:
        what = f"association type {unknown[0]}" if unknown else \
            f"controlling type {operands[0].type.spelling}"
        raise Unsupported("_Generic", f"the {what} has no spelling the builtin can compare", c)
    matches = [i for i, s in enumerate(spelled) if s == want] or \
        [i for i, t in enumerate(types) if t == ["default"]]
    if len(matches) != 1:
        raise Unsupported("_Generic", f"no single association for the controlling type {want}", c)
    chosen = operands[1 + matches[0]]
    if chosen.type.get_canonical().spelling != c.type.get_canonical().spelling:
        raise Unsupported("_Generic", f"the association chosen for {want} is not of the selection's type", c)
    return chosen


def _association_types(tokens: list[str]) -> list[list[str]] | None:
    """The type tokens of each association (["default"] for the default one), or None when the tokens do not
    start a generic selection. A macro's expansion may give the tokens from its body up to its invocation:
    the selection ends at its closing parenthesis."""
    if tokens[:2] != ["_Generic", "("]:
        return None
    parts: list[list[str]] = [[]]
    depth = 0
    for tok in tokens[2:]:
        if tok in _CLOSE and depth == 0:
            break
        depth += (tok in _OPEN) - (tok in _CLOSE)
        if tok == "," and depth == 0:
            parts.append([])
        else:
            parts[-1].append(tok)
    else:
        return None
    types = []
    for part in parts[1:]:
        colon = _top_level_colon(part)
        if colon is None:
            return None
        types.append(part[:colon])
    return types


def _top_level_colon(part: list[str]) -> int | None:
    depth = 0
    for i, tok in enumerate(part):
        depth += (tok in _OPEN) - (tok in _CLOSE)
        if tok == ":" and depth == 0:
            return i
    return None


def _controlling(t: ci.Type) -> str | None:
    """The controlling type after lvalue conversion, spelled as clang spells canonical types."""
    canon = t.get_canonical()
    if canon.kind in _ARRAYS:
        return _pointer_to(canon.element_type.get_canonical().spelling)
    if canon.kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        return None
    if "(" in canon.spelling or "[" in canon.spelling:  # pointers to arrays or functions: not spelled here
        return None
    if canon.kind == TK.POINTER:  # `char *const`: the qualifiers after the last star are its own
        return canon.spelling[:canon.spelling.rindex("*") + 1]
    return " ".join(w for w in canon.spelling.split(" ") if w not in _QUALS)


def _pointer_to(spelling: str) -> str:
    return spelling + ("*" if spelling.endswith("*") else " *")


def _canonical(tokens: list[str], tu: ci.TranslationUnit) -> str | None:
    """`tokens` (a type name) as clang spells its canonical type, or None when this cannot tell."""
    stars = tokens.index("*") if "*" in tokens else len(tokens)
    spelling = _base(tokens[:stars], tu)
    for tok in tokens[stars:]:
        if spelling is None:
            return None
        if tok == "*":
            spelling = _pointer_to(spelling)
        elif tok in _QUALS:
            spelling += _QUALS[tok] if spelling.endswith("*") else " " + _QUALS[tok]
        else:
            return None
    return spelling


def _base(words: list[str], tu: ci.TranslationUnit) -> str | None:
    quals = [q for q in _QUAL_ORDER if any(_QUALS.get(w) == q for w in words)]
    rest = ["_Bool" if w == "bool" else w for w in words if w not in _QUALS]  # <stdbool.h>'s macro
    if len(rest) == 2 and rest[0] in ("struct", "union", "enum"):
        core: str | None = " ".join(rest)
    elif len(rest) == 1 and rest[0] not in _INTS | _FLOATING | _OTHER:
        core = _typedef(tu, rest[0])
        if core is not None and core.endswith("*") and "(" not in core and "[" not in core:
            return core + " ".join(quals)  # a pointer typedef: its qualifiers follow the star
    else:
        core = _builtin(rest)
    if core is None or "(" in core or "[" in core:  # a typedef of an array or function type
        return None
    own = core.split(" ")
    return " ".join([q for q in _QUAL_ORDER if q in quals or q in own] +
                    [w for w in own if w not in _QUAL_ORDER])


_QUAL_ORDER = ("const", "volatile", "restrict")  # as clang prints them
_FLOATING = {"float", "double"}
_OTHER = {"void", "_Bool", "char", "__int128"}


def _builtin(words: list[str]) -> str | None:
    """The canonical spelling of an arithmetic or void type's specifiers, in any order."""
    if not words or any(w not in _INTS | _FLOATING | _OTHER for w in words):
        return None
    unsigned = "unsigned" in words
    signed = "signed" in words or "__signed__" in words
    longs, shorts = words.count("long"), words.count("short")
    core = [w for w in words if w not in _INTS]
    if len(core) > 1 or unsigned and signed or longs > 2 or shorts > 1 or words.count("int") > 1:
        return None
    sign = "unsigned " if unsigned else ""
    if core:
        other = [w for w in words if w != core[0]]
        if core[0] == "char" and not [w for w in other if w not in ("signed", "__signed__", "unsigned")]:
            return "unsigned char" if unsigned else "signed char" if signed else "char"
        if core[0] == "double" and other in ([], ["long"]):
            return "long double" if other else "double"
        if core[0] == "__int128" and not [w for w in other if w not in ("signed", "__signed__", "unsigned")]:
            return sign + "__int128"
        return core[0] if not other else None
    if shorts:
        return sign + "short" if not longs else None
    return sign + ("long long" if longs == 2 else "long" if longs else "int")


def _typedef(tu: ci.TranslationUnit, name: str) -> str | None:
    """The canonical spelling of the file-scope typedef `name` of `tu` (the table read once per unit)."""
    table = tu.__dict__.get("_llm_typedefs")
    if table is None:
        table = tu.__dict__["_llm_typedefs"] = {d.spelling: d.underlying_typedef_type.get_canonical().spelling
                                                for d in tu.cursor.get_children() if d.kind == K.TYPEDEF_DECL}
    return table.get(name)
