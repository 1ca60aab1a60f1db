"""Do the `// SAFETY:` comments of migrated crates name the rule of the operation under them?

Each `// SAFETY:` comment is paired with the statement that follows it (further comments skipped) and the
unsafe operations of that statement (inside its `unsafe` blocks; in an unsafe fn, also outside them: a C ABI
entry's conversions). A comment covers an operation when:

- `X: rule R: ..` (a pointer's proof): the operation makes a reference from, or reads through, the pointer `X`
  itself (`&*X`, `X.as_ref()`, `from_raw_parts(X, ..)`, `CStr::from_ptr(X)`, casts and a temporary bound to
  `X` looked through), or (the other forms of a pointer's note) mentions `X`;
- `rule R: `f`: ..` (a call's or a union field's proof): the operation is a call of `f` or the statement's
  unsafe code names `f`;
- `the caller's contract (# Safety): ..`: the function is an unsafe fn (its `# Safety` states the contract);
- any other form (`rule checked-c-body`): the statement holds an unsafe operation.

Classes reported: `pointer-not-operand` (a pointer's proof above operations none of which is on that
pointer), `call-not-in-block` (a call's proof above a statement not calling it unsafely), `no-operation` (a
proof above a statement holding no unsafe operation), `contract-in-safe-fn`, and `uncovered-in-safe-fn` (an
operation in an unsafe block of a safe fn that no comment above its statement covers: the dangerous case;
checked calls and reads through reference parameters are not operations there, signatures.net.unsafe_op).

    python bench/safety_audit.py OUT [OUT ...] [--list]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from llmigrate.report.safety import CONTRACT
from llmigrate.rust_syntax import Source, parse, walk
from llmigrate.signatures.net import Names, crate_names, is_op, is_unsafe_fn, last_name, owner_fn, unsafe_op

_POINTER = re.compile(r"SAFETY:\s*(?:r#)?(\w+):\s*(rule\s+[\w-]+:)?")
_CALL = re.compile(r"SAFETY:\s*rule\s+[\w-]+:\s*`([^`]+)`")
_ADDRESS = re.compile(r"core::ptr::addr_of(?:_mut)?!\(\s*(?:r#)?(\w+)\s*\)")
# the rules proving a safe operation (a `safe fn` of the extern block, a checked `get_disjoint_mut`): their
# comment explains code holding no unsafe operation, and covers it when the code names the call or pointer
_SAFE_RULES = ("pure-libm", "distinct-elements")
# the operations whose first argument (or receiver) is the pointer they use
_ON_ARG = {"from_raw_parts", "from_raw_parts_mut", "from_ptr", "read", "write", "read_unaligned",
           "write_unaligned", "copy", "copy_nonoverlapping", "write_bytes", "drop_in_place", "replace",
           "swap"}


@dataclass(frozen=True)
class Finding:
    cls: str
    fn: str
    comment: str
    code: str

    def line(self) -> str:
        return f"{self.cls}: fn {self.fn}: {self.comment[:90]!r} above {' '.join(self.code.split())[:110]!r}"


def _fn_name(src: Source, fn) -> str:
    name = fn.child_by_field_name("name")
    return src.cut(name) if name is not None else "?"


def _target(src: Source, node):
    """The statement a comment explains: its next sibling that is not a comment or a compile-time assertion
    (a C ABI entry's `const { assert!(..) }` under an opaque handle's proof is part of the proof)."""
    nxt = node.next_named_sibling
    while nxt is not None and ("comment" in nxt.type or nxt.type == "empty_statement" or
                               src.cut(nxt).startswith("const { assert!")):
        nxt = nxt.next_named_sibling
    return nxt


def _ops(src: Source, target, unsafe_fn: bool, names: Names) -> list:
    """The unsafe operations of `target`: inside its unsafe blocks, or anywhere in an unsafe fn."""
    blocks = [target] if unsafe_fn else [n for n in walk(target) if n.type == "unsafe_block"]
    seen, found = set(), []
    for b in blocks:
        for d in walk(b):
            if d.id not in seen and is_op(src, d, names):
                seen.add(d.id)
                found.append(d)
    return found


def _bare(src: Source, node) -> str:
    """The pointer an operand is, casts and parentheses looked through."""
    while node is not None:
        if node.type == "parenthesized_expression":
            node = node.named_children[0]
        elif node.type == "type_cast_expression":
            node = node.child_by_field_name("value")
        elif node.type == "call_expression" and last_name(src, node.child_by_field_name("function")) \
                == "cast":
            node = _receiver(node)  # `p.cast::<T>()`
        else:
            break
    text = src.cut(node) if node is not None else ""
    local = _ADDRESS.fullmatch(text)  # a local's address: the local is the place used
    return local[1] if local else text


def _receiver(call):
    fn = call.child_by_field_name("function")
    while fn is not None and fn.type == "generic_function":
        fn = fn.child_by_field_name("function")
    return fn.child_by_field_name("value") if fn is not None and fn.type == "field_expression" else None


def operand(src: Source, op) -> str:
    """The pointer operation `op` uses, as text: `*E`'s E, `E.as_ref()`'s E, `from_raw_parts(E, ..)`'s E;
    "" for a call of an unsafe fn or a `static mut`."""
    if op.type == "unary_expression":
        return _bare(src, op.named_children[0])
    if op.type != "call_expression":
        return ""
    if (receiver := _receiver(op)) is not None:
        return _bare(src, receiver)
    name = last_name(src, op.child_by_field_name("function"))
    args = op.child_by_field_name("arguments")
    if name in _ON_ARG and args is not None and args.named_children:
        return _bare(src, args.named_children[0])
    return ""


def _temps(src: Source, target) -> dict[str, str]:
    """`let t = E;` inside the statement (a slice argument's `{ let s = p; .. }`): t -> E."""
    found = {}
    for d in walk(target):
        pat, value = d.child_by_field_name("pattern"), d.child_by_field_name("value")
        if d.type == "let_declaration" and pat is not None and value is not None and pat.type == "identifier":
            found[src.cut(pat)] = _bare(src, value)
    return found


def _on(pointer: str, used: str, temps: dict[str, str]) -> bool:
    seen = 0
    while used in temps and seen < 8:
        used, seen = temps[used], seen + 1
    return re.sub(r"^r#", "", used) == pointer


def _covers(comment: str, src: Source, target, ops: list, unsafe_fn: bool) -> str | None:
    """None when `comment` covers one of `ops`, else the class of the mismatch."""
    body = comment.removeprefix("//").strip()
    if (rule := re.search(r"\brule ([\w-]+):", body)) and rule[1] in _SAFE_RULES:
        name = (_CALL.match(body) or _POINTER.match(body))[1].split("(")[0]
        return None if re.search(rf"\b{re.escape(name)}\b", src.cut(target)) else "call-not-in-block"
    if (call := _CALL.match(body)) is not None:  # a union field's read is no syntactic operation: named
        name = call[1].split("(")[0].split("::")[-1].lstrip(".")
        blocks = [target] if unsafe_fn else [n for n in walk(target) if n.type == "unsafe_block"]
        text = " ".join(src.cut(b) for b in blocks)
        return None if re.search(rf"\b{re.escape(name)}\b", text) else "call-not-in-block"
    if not ops:
        return "no-operation"
    if body.startswith(f"SAFETY: {CONTRACT}"):
        return None if unsafe_fn else "contract-in-safe-fn"
    if (ptr := _POINTER.match(body)) is not None:
        temps = _temps(src, target)
        if ptr[2]:  # a rule's proof: of the pointer the operation uses
            return None if any(_on(ptr[1], operand(src, op), temps) for op in ops) else "pointer-not-operand"
        return None if any(re.search(rf"\b{ptr[1]}\b", src.cut(op)) for op in ops) else "pointer-not-operand"
    return None


def _safe_gaps(src: Source, fn, names: Names, covered: set[int]) -> list[Finding]:
    """Operations in unsafe blocks of the safe fn `fn` that no comment covers."""
    found = []
    for b in walk(fn):
        if b.type != "unsafe_block":
            continue
        for d in walk(b):
            if d.id not in covered and unsafe_op(src, d, names) is not None and not _through_ref(src, d, fn):
                found.append(Finding("uncovered-in-safe-fn", _fn_name(src, fn), "", src.cut(d)))
    return found


def _through_ref(src: Source, op, fn) -> bool:
    """`*r` of a reference parameter `r` (the generated code rebinds none): a plain read, not raw."""
    params = fn.child_by_field_name("parameters")
    refs = {src.cut(p.child_by_field_name("pattern")) for p in (params.named_children if params else [])
            if p.type == "parameter" and (t := p.child_by_field_name("type")) is not None and
            t.type == "reference_type"}
    return op.type == "unary_expression" and operand(src, op) in refs


def audit(text: str, names: Names) -> list[Finding]:
    """The mismatches of one Rust file's SAFETY comments."""
    src, found = parse(text), []
    for fn in (n for n in walk(src.root) if n.type == "function_item"):
        unsafe_fn, covered = is_unsafe_fn(fn), set()
        for c in walk(fn):
            if "comment" not in c.type or not src.cut(c).startswith("// SAFETY:") or owner_fn(c).id != fn.id:
                continue
            target = _target(src, c)
            if target is None:
                continue
            ops = _ops(src, target, unsafe_fn, names)
            cls = _covers(src.cut(c), src, target, ops, unsafe_fn)
            if cls is None:
                covered |= {d.id for op in ops for d in walk(op)}
            else:
                cls += "" if unsafe_fn else " (safe fn)"
                found.append(Finding(cls, _fn_name(src, fn), src.cut(c), src.cut(target)))
        if not unsafe_fn:
            found += _safe_gaps(src, fn, names, covered)
    return found


def crate_audit(out: Path) -> list[Finding]:
    names = crate_names(out)
    return [f for p in sorted((out / "src").rglob("*.rs"))
            for f in audit(p.read_text(encoding="utf-8", errors="replace"), names)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", type=Path, help="OUT directories of llmigrate migrate")
    ap.add_argument("--list", action="store_true", help="print each mismatch")
    args = ap.parse_args()
    total: Counter[str] = Counter()
    comments = 0
    for out in args.outs:
        if not (out / "src").is_dir():
            continue
        found = crate_audit(out)
        comments += sum(t.count("// SAFETY:") for p in (out / "src").rglob("*.rs") for t in [p.read_text()])
        total.update(f.cls for f in found)
        for f in found if args.list else ():
            print(f"{out}: {f.line()}")
    print(f"SAFETY comments {comments}; mismatches " +
          ", ".join(f"{k} {v}" for k, v in sorted(total.items())) + f"; total {sum(total.values())}")


if __name__ == "__main__":
    main()
