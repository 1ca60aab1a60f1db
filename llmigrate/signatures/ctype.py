"""Rule ctype-domain (issue 15): a <ctype.h> test (`isdigit`, `isupper`, ...) of a value whose C type keeps it
within the domain glibc defines the test on is a checked call, so a safe fn may make it.

glibc's tests look the argument up in a table of the thread's locale indexed from -128 to 255 (so that a
plain `char` holding a negative value still finds an entry) and take EOF (-1); any other int reads outside
the table, which is undefined. A `char`, `signed char`, `unsigned char` or `_Bool` value converted to int
lies in -128..255 whatever it holds, and so does a character constant of one character and EOF: such an
argument can never leave the table. The call reads only the library's own locale data and writes nothing;
the builtin parses with glibc's `__NO_CTYPE`, so it calls these very functions rather than expanding their
macros into the table lookup (the same lookup, made by the library).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.signatures.cformat import Types
from llmigrate.signatures.proof import node_text, op, unparen

TESTS = frozenset("isalnum isalpha isblank iscntrl isdigit isgraph islower isprint ispunct isspace isupper "
                  "isxdigit".split())
RULE = "ctype-domain"
WHY = ("looks its argument up in the locale's table, defined for -128..255 and EOF, and the argument's C "
       "type (a character type, a character constant or EOF) keeps it in that range; it writes nothing")
_BYTES = ("i8", "u8", "bool")
_ONE_CHAR = re.compile(r"'(?:[^'\\]|\\[abfnrtv'\"?\\0]|\\x[0-9a-fA-F]{1,2}|\\[0-7]{1,3})'")


def checked(args: list[Node], types: Types) -> bool:
    """A call of one of TESTS with these arguments stays within the table on every value they can take."""
    return len(args) == 1 and in_range(args[0], types)


def in_range(a: Node | None, types: Types) -> bool:
    """`a` converted to int lies in -128..255 or is EOF, by its C type alone."""
    a = unparen(a)
    if a is None:
        return False
    if a.type == "char_literal":
        return _ONE_CHAR.fullmatch(node_text(a)) is not None
    if a.type == "identifier":  # the variable the name stands for there (scopes.py), or glibc's EOF
        c_type = types.c_type(a)
        return _byte(c_type, types) if c_type is not None else \
            node_text(a) == "EOF" and "EOF" not in types.codebase.macros
    if a.type == "cast_expression":
        return _byte(node_text(a.child_by_field_name("type")), types)
    base = a.child_by_field_name("argument")
    if a.type == "subscript_expression" or a.type == "pointer_expression" and op(a) == "*":
        element = types.element_type(unparen(base))
        return element is not None and _byte(element, types)
    return False


def _byte(c_type: str, types: Types) -> bool:
    from llmigrate.signatures.mapper import c_type_to_rust

    return c_type_to_rust(" ".join(c_type.split()), types.codebase) in _BYTES
