"""The builtin backend: a deterministic, offline C-to-Rust translator.

Driven by libclang, split by C construct: each construct module registers its handlers in `dispatch` by
cursor kind, so they are all imported here, once, whichever module of the package is imported first.
"""

from llmigrate.backends.builtin import (  # noqa: F401 - registers the handlers of every construct
    calls,
    copies,
    decls,
    exprs,
    flow,
    inits,
    ops,
    places,
    stmts,
)
