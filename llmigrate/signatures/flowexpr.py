"""The expressions of signatures/flow.py's analysis: the value of a C integer expression as a Form over
difference bounds (zones), its side effects on the state, the states where a condition holds or fails, and
each `p[e]` of the pointer proven on the way."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures import elements, zones
from llmigrate.signatures.flowrem import Remainders
from llmigrate.signatures.flowtypes import Form, Int, convertible, literal_type, usual
from llmigrate.signatures.proof import node_text, op, unparen, walk
from llmigrate.signatures.zones import ZERO, State

BUDGET = 60_000  # expressions evaluated per proof: past it, nothing is proven
_COMPARE = {"<", "<=", ">", ">=", "==", "!="}


class GiveUp(Exception):
    """A construct the analysis does not follow."""


class Exprs(Remainders):
    """The expressions' half of an analysis of one function for one pointer `name`: `types` are the
    variables followed, `counts` the parameters every index checked so far is below."""

    def __init__(self, name: str, types: dict[str, Int], constant: Callable[[str], int | None],
                 counts: list[str]):
        self.name, self.constant, self.types = name, constant, types
        self.counts = [k for k in counts if k in types]
        self.seen: set[int] = set()  # uses of the pointer checked, or on no path
        self.steps = 0
        self.lent: dict[int, bool] = {}  # its elements lent to calls (elements.py): argument id -> mutably
        self.apart = True  # elements lent to one call, one mutably, must be proven distinct
        self.passed: set[int] = set()  # arguments passing it whole to the function itself (flow.Passing)
        self.positions: dict[str, int] = {}  # each integer parameter's position
        self.indexes: dict[int, Form | None] = {}  # each `p[e]` last evaluated: e
        self.remainders: dict[int, str] = {}  # each `e % k` proven in [0, k - 1] where last evaluated: k
        self.exact = False  # an element compares equal to itself (an integer; a float may be NaN)
        self.last = False  # `p[k - 1]` with k not known positive may be checked by the Rust (last-element)
        self.windows: dict[int, int] = {}  # lent arguments read K elements from there (windows.py): K
        self.sizes: Callable[[Node], int | None] | None = None  # a `sizeof` term's value

    def unreached(self, n: Node) -> None:
        self.seen.update(u.id for u in walk(n) if u.type == "identifier" and node_text(u) == self.name)

    # conditions

    def cond(self, n: Node | None, s: State) -> tuple[State, State]:
        """The states where `n` is true and where it is false, after its side effects."""
        if n is None:
            return s, None
        if s is None:
            self.unreached(n)
            return None, None
        if n.type in ("parenthesized_expression", "condition_clause") and len(n.named_children) == 1:
            return self.cond(n.named_children[0], s)
        if n.type == "unary_expression" and op(n) == "!":
            no, yes = self.cond(n.child_by_field_name("argument"), s)
            return yes, no
        if n.type == "binary_expression" and op(n) in ("&&", "||"):
            yes, no = self.cond(n.child_by_field_name("left"), s)
            if op(n) == "&&":
                yes2, no2 = self.cond(n.child_by_field_name("right"), yes)
                return yes2, zones.join(no, no2)
            yes2, no2 = self.cond(n.child_by_field_name("right"), no)
            return zones.join(yes, yes2), no2
        if n.type == "binary_expression" and op(n) in _COMPARE:
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            a, s = self.ev(left, s)
            if a is not None and a.var in _written(right):
                a = None  # the right side changes what the left one's value was stated by
            b, s = self.ev(right, s)
            yes, no = self._compare(s, a, b, op(n))
            if op(n) in ("==", "!=") and self.exact and not _written(n) and \
                    not any(k.type == "call_expression" for k in walk(n)):
                i, j = (self.indexes.get(k.id) for k in (unparen(left), unparen(right)))  # `p[e1] != p[e2]`:
                if i is not None and j is not None:  # one element read twice is equal, so e1 != e2
                    yes, no = (yes, _apart(no, i, j)) if op(n) == "==" else (_apart(yes, i, j), no)
            return yes, no
        f, s = self.ev(n, s)
        return s, self._compare(s, f, Form(ZERO, 0, 0, Int(True, 32)), "==")[0]

    def _compare(self, s: State, a: Form | None, b: Form | None, o: str) -> tuple[State, State]:
        if s is None or a is None or b is None:
            return s, s
        common = usual(a.typ, b.typ)
        if not (self._kept(s, a, common) and self._kept(s, b, common)):
            return s, s
        if o in (">", ">="):
            a, b, o = b, a, "<" if o == ">" else "<="
        if o in ("<", "<="):
            strict = o == "<"
            return _le(s, a, b, strict), _le(s, b, a, not strict)
        equal = _le(_le(s, a, b, False), b, a, False)
        return (equal, _apart(s, a, b)) if o == "==" else (_apart(s, a, b), equal)

    def _kept(self, s: dict, f: Form, to: Int) -> bool:
        """Converting the value `f` to `to`, the type of a comparison (no narrower than `f`'s), keeps it:
        a negative value made unsigned does not."""
        return convertible(f.typ, to) or self._non_negative(s, f)

    def _non_negative(self, s: dict, f: Form) -> bool:
        low = zones.bound(s, ZERO, f.var)  # -var <= low
        return f.lo is not None and low is not None and f.lo - low >= 0

    def _fits(self, s: dict, f: Form, to: Int) -> bool:
        """The value `f` lies in the range of type `to`: at most a variable of a type no wider (or a
        constant within it), plus nothing, and at least 0 or (signed) a variable of a type no wider."""
        lo_ok = self._non_negative(s, f) or to.signed and f.lo is not None and f.lo >= 0 and \
            f.var != ZERO and convertible(self.types[f.var], to) or \
            f.var == ZERO and f.lo is not None and f.lo >= to.min
        if not lo_ok or f.hi is None:
            return False
        if f.var == ZERO:
            return f.hi <= to.max
        if (c := zones.bound(s, f.var, ZERO)) is not None and c + f.hi <= to.max:
            return True  # a variable known small enough: `i + 16` of an i <= a count (flow.PTRDIFF_MAX)
        return any(convertible(t, to) and (c := zones.bound(s, f.var, m)) is not None and c + f.hi <= 0
                   for m, t in sorted(self.types.items()))

    # expressions

    def ev(self, n: Node | None, s: State) -> tuple[Form | None, State]:
        """The value of `n` as a Form over the state after its side effects, and that state; each `p[e]`
        in it checked on the way."""
        if n is None:
            return None, s
        if s is None:
            self.unreached(n)
            return None, None
        self.steps += 1
        if self.steps > BUDGET:
            raise GiveUp
        t = n.type
        if t.endswith("_statement") or t == "declaration":  # a GNU statement expression
            raise GiveUp
        if t == "parenthesized_expression" and len(n.named_children) == 1:
            return self.ev(n.named_children[0], s)
        if t == "number_literal":
            return literal_type(node_text(n)), s
        if t == "identifier":
            name = node_text(n)
            if name in self.types:
                return Form(name, 0, 0, self.types[name].promoted()), s
            k = self.constant(name)
            return (Form(ZERO, k, k, Int(True, 32)) if k is not None and abs(k) < 2**31 else None), s
        if t == "subscript_expression":
            return self._subscript(n, s)
        if t == "update_expression":
            return self._update(n, s)
        if t == "assignment_expression":
            return self._assignment(n, s)
        if t == "binary_expression" and op(n) in ("+", "-"):
            return self._sum(n, s)
        if t == "binary_expression" and op(n) == "%":
            return self._rem(n, s)
        if t in ("binary_expression", "unary_expression") and op(n) in (*_COMPARE, "&&", "||", "!"):
            yes, no = self.cond(n, s)
            return Form(ZERO, 0, 1, Int(True, 32)), zones.join(yes, no)
        if t == "conditional_expression":
            yes, no = self.cond(n.child_by_field_name("condition"), s)
            a, yes = self.ev(n.child_by_field_name("consequence"), yes)
            b, no = self.ev(n.child_by_field_name("alternative"), no)
            same = a is not None and b is not None and a.var == b.var and a.typ == b.typ
            form = Form(a.var, _min(a.lo, b.lo), _max(a.hi, b.hi), a.typ) if same else None
            return form, zones.join(yes, no)
        if t == "sizeof_expression":
            self.unreached(n)
            return None, s
        if t == "call_expression" and (self.lent or self.passed):
            return self._call(n, s)
        if t == "comma_expression":
            _, s = self.ev(n.child_by_field_name("left"), s)
            return self.ev(n.child_by_field_name("right"), s)
        for ch in n.named_children:  # calls, dereferences, members, casts: only their operands' effects
            if t == "cast_expression" and ch.type == "type_descriptor":
                continue
            _, s = self.ev(ch, s)
        return None, s

    def _subscript(self, n: Node, s: State) -> tuple[Form | None, State]:
        arr, index = n.child_by_field_name("argument"), n.child_by_field_name("index")
        if arr is not None and arr.type == "identifier" and node_text(arr) == self.name:
            f, s = self.ev(index, s)
            self.seen.add(arr.id)
            self.indexes[n.id] = f
            if self._rem_index(s, index):
                return None, s
            return None, self._check(s, f) if s is not None else None
        _, s = self.ev(arr, s)
        return None, self.ev(index, s)[1]

    def _call(self, n: Node, s: State) -> tuple[Form | None, State]:
        """A call: each element of the pointer lent to it checked as an index; two lent together, one
        mutably, must differ (rule distinct-elements), and no other argument may read the pointer. Passed
        on whole to the function itself, the count it is passed with must be no larger than each count."""
        _, s = self.ev(n.child_by_field_name("function"), s)
        lent: list[tuple[Node, Form | None]] = []
        args, forms = elements.arguments(n), []
        lends = any(a.id in self.lent or a.id in self.passed for a in args)
        for a in args:
            if a.id in self.lent:
                f, s = self._element(a, s)
                if a.id in self.windows and s is not None:  # its last element too
                    k = self.windows[a.id] - 1
                    s = self._check(s, Form(f.var, _add(f.lo, k), _add(f.hi, k), f.typ) if f else None)
                lent.append((a, f))
                forms.append(f)
                continue
            mentions = [k.id for k in walk(a) if k.type == "identifier" and node_text(k) == self.name]
            if a.id in self.passed:
                self.seen.update(mentions)
            elif lends and mentions:
                self.counts = []  # the slice read while it or one of its elements is lent
            f, s = self.ev(a, s)
            forms.append(f)
        if any(a.id in self.passed for a in args):
            self._passed(s, forms, bool(_written(n)))
        mutable = any(self.lent[a.id] for a, _ in lent)
        if s is None or len(lent) < 2 or not mutable or not self.apart:
            return None, s
        if _written(n):
            self.counts = []  # the indexes' values depend on the order C evaluates the arguments in
        for i, (a, f) in enumerate(lent):
            for b, g in lent[i + 1:]:
                if (self.lent[a.id] or self.lent[b.id]) and not self._differ(s, f, g) and \
                        not elements.guarded(n, a, b, self.name):
                    self.counts = []
        return None, s

    def _passed(self, s: State, forms: list[Form | None], effects: bool) -> None:
        """The pointer passed on to the function itself with these arguments' values: a count stays one
        when the value at its position is no larger (the callee then indexes no further)."""
        def within(k: str) -> bool:
            f = forms[self.positions[k]] if self.positions.get(k, len(forms)) < len(forms) else None
            return f is not None and f.hi is not None and (c := zones.bound(s, f.var, k)) is not None and \
                c + f.hi <= 0
        if s is not None:
            self.counts = [] if effects else [k for k in self.counts if within(k)]

    def _element(self, arg: Node, s: State) -> tuple[Form | None, State]:
        """The index of the element an argument lends (`&p[e]`, `p + e + k`), checked in range."""
        base, terms = elements.terms(arg, self.name)
        f: Form | None = Form(ZERO, 0, 0, Int(True, 64))
        for sign, k in terms:
            sized = self.sizes is not None and unparen(k).type == "sizeof_expression"
            size = self.sizes(unparen(k)) if sized else None
            g, s = (Form(ZERO, size, size, Int(False, 64)), s) if size is not None else self.ev(k, s)
            if sign < 0 and g is not None:
                g = Form(g.var, _neg(g.hi), _neg(g.lo), g.typ) if g.var == ZERO else None
            f = None if f is None or g is None or f.var != ZERO and g.var != ZERO else \
                Form(g.var if f.var == ZERO else f.var, _add(f.lo, g.lo), _add(f.hi, g.hi), Int(True, 64))
        self.seen.add(base.id)
        return f, self._check(s, f) if s is not None else None

    def _differ(self, s: dict, f: Form | None, g: Form | None) -> bool:
        """The values `f` and `g` differ: one is below the other in every state `s` allows."""
        def below(a: Form, b: Form) -> bool:  # a.var + a.hi < b.var + b.lo
            c = zones.bound(s, a.var, b.var)
            return c is not None and a.hi is not None and b.lo is not None and c <= b.lo - a.hi - 1
        return f is not None and g is not None and (below(f, g) or below(g, f))

    def _check(self, s: dict, f: Form | None) -> State:
        """`s` after `p[f]`: only the counts `f` is proven below stay. In `last` mode, `p[k - 1]` of a count
        k not known positive is checked by the Rust (rule last-element): k is the count, then k >= 1."""
        if self.last and f is not None and f.var in self.counts and f.lo == f.hi == -1 and \
                not self._non_negative(s, f):
            self.counts = [f.var]
            return zones.add(s, ZERO, f.var, -1)
        if f is None or f.hi is None or not self._non_negative(s, f):
            self.counts = []
            return s
        self.counts = [k for k in self.counts
                       if (c := zones.bound(s, f.var, k)) is not None and c + f.hi <= -1]
        return s

    def _sum(self, n: Node, s: State) -> tuple[Form | None, State]:
        right = n.child_by_field_name("right")
        a, s = self.ev(n.child_by_field_name("left"), s)
        if a is not None and a.var in _written(right):
            a = None
        b, s = self.ev(right, s)
        if s is None or a is None or b is None:
            return None, s
        if op(n) == "-":
            b = self._constant(s, b) if b.var != ZERO else b  # `n - 1 - i` with i in [0, ...]: n - 1 at most
            if b is None:
                return None, s
            b = Form(ZERO, -b.hi if b.hi is not None else None, -b.lo if b.lo is not None else None, b.typ)
        if a.var == ZERO:
            a, b = b, a
        if b.var != ZERO:
            return None, s
        typ = usual(a.typ, b.typ)
        f = Form(a.var, _add(a.lo, b.lo), _add(a.hi, b.hi), typ)
        return (f if typ.signed or self._fits(s, f, typ) else None), s  # unsigned: it must not wrap

    def _constant(self, s: dict, f: Form) -> Form | None:
        """The value `f` as a range of constants, from its variable's bounds in `s` (None: neither known)."""
        low, high = zones.bound(s, ZERO, f.var), zones.bound(s, f.var, ZERO)  # -var <= low, var <= high
        lo = -low + f.lo if low is not None and f.lo is not None else None
        hi = high + f.hi if high is not None and f.hi is not None else None
        return Form(ZERO, lo, hi, f.typ) if lo is not None or hi is not None else None

    def _update(self, n: Node, s: State) -> tuple[Form | None, State]:
        arg = n.child_by_field_name("argument")
        _, s = self.ev(arg, s) if arg is not None and arg.type != "identifier" else (None, s)
        name = node_text(arg) if arg is not None else ""
        if name not in self.types or s is None:
            return None, s
        step = 1 if "++" in op(n) else -1
        typ = self.types[name]
        new = Form(name, step, step, usual(typ.promoted(), Int(True, 32)))
        if not (typ.signed and typ.width >= 32 or self._fits(s, new, typ)):  # signed overflow is undefined
            return None, self._assign(s, name, None)
        s = zones.shift(s, name, step, step)
        postfix = node_text(n).startswith(name)
        return Form(name, -step if postfix else 0, -step if postfix else 0, typ.promoted()), s

    def _assignment(self, n: Node, s: State) -> tuple[Form | None, State]:
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        f, s = self.ev(right, s)
        name = node_text(left) if left is not None and left.type == "identifier" else None
        if name not in self.types:
            _, s = self.ev(left, s) if left is not None and left.type != "identifier" else (None, s)
            return None, s
        o = op(n)
        if o in ("=", "%=") and (rem := self._rem_assign(n, s)) is not None:
            return Form(name, 0, 0, self.types[name].promoted()), rem
        if o in ("+=", "-=") and f is not None and f.var == ZERO and s is not None:
            lo, hi = (f.lo, f.hi) if o == "+=" else (_neg(f.hi), _neg(f.lo))
            f = Form(name, lo, hi, usual(self.types[name].promoted(), f.typ))
        elif o != "=":
            f = None
        s = self._assign(s, name, f)
        return (Form(name, 0, 0, self.types[name].promoted()) if s is not None and f is not None else None), s

    def _assign(self, s: State, x: str, f: Form | None) -> State:
        """`x = f`, stated only when the value fits x's type (else x is unknown)."""
        if s is None:
            return None
        typ = self.types[x]
        # the value is C's (signed arithmetic does not overflow; unsigned must not wrap) and x's type keeps it
        ok = f is not None and (f.typ.signed or self._fits(s, f, f.typ)) and \
            (convertible(f.typ, typ) or self._fits(s, f, typ))
        if ok and f.var == x:
            s = zones.shift(s, x, f.lo, f.hi)
        else:
            s = zones.forget(s, x)
            if ok and f.hi is not None:
                s = zones.add(s, x, f.var, f.hi)
            if ok and f.lo is not None:
                s = zones.add(s, f.var, x, -f.lo)
        return zones.add(s, ZERO, x, 0) if not typ.signed else s



def _written(n: Node | None) -> set[str]:
    """The variables `n` assigns or increments."""
    found = set()
    for k in walk(n) if n is not None else []:
        target = k.child_by_field_name("left") if k.type == "assignment_expression" else \
            k.child_by_field_name("argument") if k.type == "update_expression" else None
        if target is not None and target.type == "identifier":
            found.add(node_text(target))
    return found


def _apart(s: State, a: Form | None, b: Form | None) -> State:
    """`s` where the values `a` and `b`, each one number past its variable, differ."""
    if a is None or b is None or a.lo is None or a.lo != a.hi or b.lo is None or b.lo != b.hi:
        return s
    return zones.apart(s, a.var, a.lo, b.var, b.lo)


def _le(s: State, a: Form, b: Form, strict: bool) -> State:
    """`s` where a < b (strict) or a <= b: a.var + a.lo <= a < b <= b.var + b.hi."""
    if a.lo is None or b.hi is None:
        return s
    return zones.add(s, a.var, b.var, b.hi - a.lo - strict)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _neg(a: int | None) -> int | None:
    return None if a is None else -a


def _min(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else min(a, b)


def _max(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else max(a, b)
