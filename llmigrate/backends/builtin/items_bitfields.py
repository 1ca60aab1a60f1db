"""Bit-fields with gcc's exact layout: each run of adjacent bit-fields becomes one `[u8; N]` storage field
`_bf<k>` at the byte where the run starts, read and written through accessor methods `name()` / `set_name(v)`.

Bit i of a run is bit i % 8 of byte i / 8 (x86-64 is little-endian and gcc allocates bit-fields from the least
significant bit), so an accessor is exact for any width, including runs that straddle storage units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.signatures.mapper import rust_ident

HELPERS = """\
/// Bits `off..off + width` of a bit-field storage run, as an unsigned value.
pub fn llmigrate_bf_get<const N: usize>(bytes: &[u8; N], off: usize, width: usize) -> u64 {
    let mut v: u64 = 0;
    for i in 0..width {
        let bit = off + i;
        if (bytes[bit / 8] >> (bit % 8)) & 1 != 0 {
            v |= 1u64 << i;
        }
    }
    v
}

/// The same bits sign-extended, for signed bit-fields.
pub fn llmigrate_bf_get_signed<const N: usize>(bytes: &[u8; N], off: usize, width: usize) -> i64 {
    let shift = 64 - width as u32;
    ((llmigrate_bf_get(bytes, off, width) << shift) as i64) >> shift
}

/// Store the low `width` bits of `v` into bits `off..off + width`, as a C assignment to a bit-field does.
pub fn llmigrate_bf_set<const N: usize>(bytes: &mut [u8; N], off: usize, width: usize, v: u64) {
    for i in 0..width {
        let bit = off + i;
        let mask = 1u8 << (bit % 8);
        if (v >> i) & 1 != 0 {
            bytes[bit / 8] |= mask;
        } else {
            bytes[bit / 8] &= !mask;
        }
    }
}
"""


@dataclass(eq=False)
class Run:
    """Adjacent bit-fields sharing one storage field."""

    name: str
    start: int  # byte offset in the struct
    size: int  # bytes
    # (field, bit offset in the run, width)
    members: list[tuple[ci.Cursor, int, int]] = field(default_factory=list)


def runs(fields: list[ci.Cursor]) -> dict[int, Run]:
    """C field index -> the run holding it, for every bit-field (zero-width ones only end a run)."""
    out: dict[int, Run] = {}
    cur: list[tuple[int, ci.Cursor]] = []
    count = 0
    prev_end = 0  # where the previous ordinary member ends: padding up to a run becomes part of it

    def close() -> None:
        nonlocal cur, count
        sized = [(i, f) for i, f in cur if f.get_bitfield_width() > 0]
        if sized:
            first = min(f.get_field_offsetof() for _, f in sized)
            last = max(f.get_field_offsetof() + f.get_bitfield_width() for _, f in sized)
            start = min(first // 8, prev_end)
            run = Run(f"_bf{count}", start, (last + 7) // 8 - start)
            count += 1
            for i, f in sized:
                run.members.append((f, f.get_field_offsetof() - 8 * run.start, f.get_bitfield_width()))
                out[i] = run
        cur = []

    for i, f in enumerate(fields):
        if f.is_bitfield():
            cur.append((i, f))
        else:
            close()
            prev_end = f.get_field_offsetof() // 8 + max(f.type.get_size(), 0)
    close()
    return out


def accessors(struct: str, all_runs: list[Run]) -> str:
    """`impl <struct>` with a getter and a setter per named bit-field."""
    fns = []
    for run in all_runs:
        for f, off, width in run.members:
            if not f.spelling.isidentifier():
                continue  # unnamed bit-fields are padding
            rust = bt.rust_type(f.type)
            name = f.spelling
            if rust == "bool":
                get = f"llmigrate_bf_get(&self.{run.name}, {off}, {width}) != 0"
            elif bt.is_signed(rust):
                get = f"llmigrate_bf_get_signed(&self.{run.name}, {off}, {width}) as {rust}"
            else:
                get = f"llmigrate_bf_get(&self.{run.name}, {off}, {width}) as {rust}"
            fns.append(f"    pub fn {rust_ident(name)}(&self) -> {rust} {{\n        {get}\n    }}\n"
                       f"    pub fn set_{name}(&mut self, v: {rust}) {{\n"
                       f"        llmigrate_bf_set(&mut self.{run.name}, {off}, {width}, v as u64)\n    }}\n")
    return f"impl {struct} {{\n" + "".join(fns) + "}\n" if fns else ""


def run_bytes(run: Run, values: dict[str, int]) -> list[int]:
    """The storage bytes of a run holding `values` (bit-field name -> constant), the rest zero."""
    bits = 0
    for f, off, width in run.members:
        bits |= (values.get(f.spelling, 0) & ((1 << width) - 1)) << off
    return [(bits >> (8 * i)) & 0xFF for i in range(run.size)]
