"""Parameters that may alias another parameter (signatures_borrow, overlaps.conflicts): which other
parameters count, and the partners whose extent a C ABI entry can check."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures import interproc
from llmigrate.signatures.extents import bounded
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.overlaps import points_at_code
from llmigrate.signatures.proof import Upgrade, parsed_body


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_only_function_pointers_reach_code():
    assert points_at_code("int (*)(int)") and points_at_code("const char *(*)(int, char *)")
    assert not any(points_at_code(t) for t in ("int [(4)]", "u8 [4 * N *(R + 1)]", "int (*)[4]",
                                               "void (**)(void)", "int *"))


def test_an_array_whose_size_holds_parentheses_is_data_another_parameter_may_share(tmp_path):
    # `in` stays raw (copied); it may point at `*out`, so `out` must not become `&mut i32` unchecked
    cb, s = _sigs(tmp_path, "void put(int *out, int in[(4)]) { int *p = in; *out = p[1]; }\n"
                  "void at(int *out, int (*rows)[4]) { *out = rows[0][1]; }\n")
    assert s["put"].params[0].rust_type == "*mut i32"
    assert raw_reasons(cb.functions["put"], cb)["out"] == "may alias another parameter"
    assert raw_reasons(cb.functions["at"], cb)["out"] == "may alias another parameter"


# declared only, of no known size: the entry cannot compare `out` with the table, so `out` stays raw for it
# (the `const` view `src` may share it: two read-only views; a const object SRC defines would not do:
# nothing writes it, so it conflicts with no parameter, overlaps._read_only)
BIASED = ("extern const int bias[];\n"
          "void biased(int out[4], const int src[2])\n"
          "{ for (int k = 0; k < 4; k++) out[k] = bias[k]; for (int k = 0; k < 2; k++) out[k] += src[k]; }\n")


def test_a_raw_partner_whose_uses_stay_below_a_count_is_compared_by_its_bytes(tmp_path):
    # `out` may lie in the table by its type, so it stays raw; its own uses index it below its declared
    # size, so the entry still knows its bytes and checks `src` against them (signatures_extents)
    cb, s = _sigs(tmp_path, BIASED)
    out, src = s["biased"].params
    assert raw_reasons(cb.functions["biased"], cb) == {"out": "may alias another parameter"}
    assert (out.rust_type, out.extent) == ("*mut i32", ("slice_mut", "4"))
    assert (src.rust_type, src.proof, src.disjoint_from) == ("&[i32]", "disjoint-checked", ["out"])
    entry = ffi_entry(s["biased"])
    assert "llmigrate_overlap(out as usize, 4 * core::mem::size_of::<i32>(), src as usize, " \
           "2 * core::mem::size_of::<i32>())" in entry
    assert entry.index("llmigrate_c_original(out, src)") < entry.index("crate::m::biased(out, ")


def test_partners_whose_bytes_the_entry_cannot_bound_leave_the_parameter_raw(tmp_path):
    # a `void *` read as a `struct v`: the entry knows only `void`, so it cannot bound what `q->y` reads
    cb, s = _sigs(tmp_path, "struct v { int x, y; };\n"
                  "void f(struct v *d, void *p) { struct v *q = p; d->x = q->y; q->x = 1; }\n")
    assert raw_reasons(cb.functions["f"], cb) == {"d": "may alias another parameter",
                                                  "p": "may alias another parameter"}
    assert "llmigrate_overlap" not in ffi_entry(s["f"])
    # a last element read where the count may be 0 lies before the array; a raw pointer read as a C string
    # is read at any index (only a `&CStr` bounds it); a stream is touched by the C library
    found = {0: Upgrade("slice", "n", via="last-element"), 1: Upgrade("opt_mut", via="opaque-handle"),
             2: Upgrade("cstr"), 3: Upgrade("ref"), 4: Upgrade("slice_mut", "n", via="index-range"),
             5: Upgrade("mut_ref"), 6: "indexed outside a counted loop"}
    cb, _ = _sigs(tmp_path, "void g(int *a, int *b, char *c, int *d, int *e, int *f, int *h)\n"
                  "{ h[a[0]] = 0; }\n")
    fn = cb.functions["g"]
    assert sorted(bounded(found, {5}, fn, parsed_body(fn)[0], cb)) == [3, 4]


HOLDER = "struct buf { unsigned char *data; unsigned char *pos; int state; };\n"


def test_a_partner_only_stored_or_compared_is_never_touched(tmp_path):
    cb, s = _sigs(tmp_path, HOLDER
                  + "int init(struct buf *b, unsigned char *dest) { b->pos = dest; b->data = dest; "
                  "b->state = 1; return 0; }\n"
                  # static and NULL-tested: no C ABI entry is needed, the rule is the function's own
                  "static int set(struct buf *b, unsigned char *dest) { if (!dest) return -1; "
                  "b->data = dest; b->state = 2; return 0; }\n"
                  "int same(struct buf *b, unsigned char *dest) { b->state = b->data == dest; "
                  "return set(b, dest); }\n")
    b, dest = s["init"].params
    assert (b.rust_type, b.proof, dest.rust_type) == ("&mut buf", "untouched-partners", "*mut u8")
    assert "llmigrate_overlap" not in ffi_entry(s["init"])
    assert s["set"].params[0].proof == "untouched-partners"
    # a caller of SRC's functions: a callee might follow the stored copy, so `b` stays raw
    assert raw_reasons(cb.functions["same"], cb)["b"] == "may alias another parameter"


def test_a_partner_read_written_or_followed_through_a_copy_is_touched(tmp_path):
    cb, _ = _sigs(tmp_path, HOLDER
                  + "int read(struct buf *b, unsigned char *dest) { b->data = dest; b->state = dest[0]; "
                  "return 0; }\n"
                  "int local(struct buf *b, unsigned char *dest) { unsigned char *q = dest; b->state = 3; "
                  "*q = 0; return 0; }\n"
                  "int own(struct buf *b, unsigned char **dest) { *dest = (unsigned char *)b; b->state = 1; "
                  "return 0; }\n"
                  "int back(struct buf *b, unsigned char *dest) { b->data = dest; b->data[0] = 1; "
                  "b->state = 1; return 0; }\n")
    for name in ("read", "own", "back"):
        assert "b" in raw_reasons(cb.functions[name], cb), name
    # through the local standing for it (rule local-alias reads `*q` as `*dest`), the partner is one byte:
    # touched, so not untouched-partners, but its extent is known and the C ABI entry checks the overlap
    local = interproc.decided(cb.functions["local"], cb)
    assert local[0].via == "disjoint-checked" and local[0].partners == ((1, "mut_ref", None),), local
    assert local[1] == "may alias another parameter"  # an aliased parameter is never overlap-checked


def test_a_partner_stored_where_the_c_library_may_follow_it_is_touched(tmp_path):
    # stored into a local or a raw parameter's struct, which a C library function is then given
    cb, _ = _sigs(tmp_path, HOLDER + "#include <stdio.h>\n"
                  "struct iov { void *base; unsigned long len; };\n"
                  "void out(struct iov *v);\n"
                  "int flush(struct buf *b, unsigned char *dest) { struct iov v; v.base = dest; v.len = 1; "
                  "out(&v); b->state = 1; return 0; }\n"
                  "int pass(struct buf *b, unsigned char *dest, struct iov *v) { v->base = dest; out(v); "
                  "b->state = 1; return 0; }\n")
    for name in ("flush", "pass"):
        assert raw_reasons(cb.functions[name], cb)["b"] == "may alias another parameter", name


def test_a_raw_partner_read_at_constant_indexes_is_compared_by_those_elements(tmp_path):
    cb, s = _sigs(tmp_path, "int yes_no(const char *s, int *res)\n"
                  "{ if (!s) return -1; switch (s[0]) { case 'y': *res = 1; return 0; case 'o': "
                  "if (s[1] == 'n') { *res = 1; return 0; } } return -1; }\n"
                  # the address of an element escapes: what is read through it is not known here
                  "int lent(const char *s, int *res) { *res = s[0]; return *(&s[1]); }\n"
                  "int moved(const char *s, int *res) { *res = s[0]; s++; return s[1]; }\n")
    s_, res = s["yes_no"].params
    assert (s_.rust_type, s_.extent) == ("*const i8", ("slice_mut", "2"))
    assert (res.rust_type, res.proof, res.disjoint_from) == ("Option<&mut i32>", "disjoint-checked", ["s"])
    assert "llmigrate_overlap(res as usize, core::mem::size_of::<i32>(), s as usize, " \
           "2 * core::mem::size_of::<i8>())" in ffi_entry(s["yes_no"])
    for name in ("lent", "moved"):
        assert raw_reasons(cb.functions[name], cb)["res"] == "may alias another parameter", name


def test_an_untouched_partner_that_is_itself_a_reference_is_checked_instead(tmp_path):
    # `d` is only compared, so it is a reference of its own: two references must not overlap, which
    # only the entry's check rules out
    _, s = _sigs(tmp_path, HOLDER + "int cmp(struct buf *b, unsigned char *d) { b->state = d == 0; "
                 "return 0; }\n")
    assert [p.proof for p in s["cmp"].params] == ["disjoint-checked", "disjoint-checked"]


def test_a_raw_table_read_at_masked_indexes_is_compared_by_the_mask(tmp_path):
    # `table` is indexed by a byte (`& 0xff`): at most 256 elements, whatever `crc` and `*data` are
    cb, s = _sigs(tmp_path, "unsigned char crc(const unsigned char *table, unsigned char *data, int n, "
                  "unsigned char c)\n{ while (n-- > 0) c = table[(c ^ *data++) & 0xff]; return c; }\n"
                  # the constant on either side; an index with no mask bounds nothing
                  "int pick(const int *t, int *out, int m) { *out = t[5 & m]; return t[m & 7]; }\n"
                  "int any(const int *t, int *out, int m) { *out = t[m & m]; return t[m]; }\n")
    table, data = s["crc"].params[:2]
    assert table.extent == ("slice_mut", "256") and data.proof == "disjoint-checked"
    assert "table as usize, 256 * core::mem::size_of::<u8>()" in " ".join(ffi_entry(s["crc"]).split())
    t, out = s["pick"].params[:2]
    assert out.proof == "disjoint-checked" and t.extent == ("slice_mut", "8")
    assert raw_reasons(cb.functions["any"], cb)["out"] == "may alias another parameter"


def test_masks_that_bound_no_index_give_no_extent(tmp_path):
    # a mask must be a non-negative literal no larger than 2**20: `-1`, `~0`, a char literal (`'\xff'` is
    # -1), one wider than 2**20, a non-constant one, `|`, and a mask under arithmetic bound nothing. What
    # is masked may be signed or wider: `x & 0xff` lies in [0, 255] whatever x's type (C11 6.5.10: the
    # bits of two's complement x that 0xff lacks are clear)
    masks = ("m & -1", "m & ~0", "m & '\\xff'", "m & 0x100001", "m & k", "m | 7", "(m & 7) + 1")
    text = "".join(f"int f{i}(const int *t, int *out, int m, int k) {{ *out = 1; return t[{x}]; }}\n"
                   for i, x in enumerate(masks))
    text += "int g(const int *t, int *out, long long m) { *out = 1; return t[(m * -3) & 0x1fl]; }\n"
    cb, s = _sigs(tmp_path, text)
    for i, x in enumerate(masks):
        assert raw_reasons(cb.functions[f"f{i}"], cb)["out"] == "may alias another parameter", x
    t, out = s["g"].params[:2]
    assert out.proof == "disjoint-checked" and t.extent == ("slice_mut", "32")


def test_a_typedef_of_a_function_pointer_is_no_data_partner(tmp_path):
    # `hash` points at code: `results` cannot lie in it, spelled as a typedef or not (the call of `one`
    # may follow what the parameters hold, so their overlaps count)
    cb, s = _sigs(tmp_path, "typedef unsigned (*hash_f)(const void *, unsigned long);\n"
                  "static unsigned one(void) { return 1; }\n"
                  "void fill(unsigned *results, hash_f hash, int n)\n"
                  "{ for (int i = 0; i < n; i++) results[i] = one() + (hash != 0); }\n")
    assert s["fill"].params[0].rust_type == "&mut [u32]" and raw_reasons(cb.functions["fill"], cb) == {}


GRID = "struct grid { int n; double cell[16]; };\n"


def test_a_partner_only_stepped_or_compared_is_never_followed(tmp_path):
    """A pointer whose every use steps its own variable in a statement, compares it or tests it for NULL is
    never followed: it conflicts with nothing (untouched.unnamed), so `g` needs no run-time check."""
    cb, s = _sigs(tmp_path, GRID
                  + "double walk(struct grid *g, int *moves) { if (!moves) return 0; g->n = 0; "
                  "for (int i = 0; i < 4; i++) { g->cell[i] = 1; moves += 2; } "
                  "for (; g->n < 3; moves++) g->n++; "
                  "return moves == 0; }\n")
    g, moves = s["walk"].params
    assert (g.rust_type, g.proof) == ("Option<&mut grid>", "null-checked")
    assert list(raw_reasons(cb.functions["walk"], cb)) == ["moves"]  # stepped: raw by its own uses
    assert "llmigrate_overlap" not in ffi_entry(s["walk"])


def test_a_stepped_partner_followed_passed_or_copied_still_conflicts(tmp_path):
    """Stepped, then dereferenced (at an index no check bounds), passed on, copied, its step's value used or
    returned: the pointer may reach `g`'s bytes, which stays raw."""
    bodies = {"deref": "moves++; moves[k] = 1;", "post": "*moves++ = 1; moves[k] = 2;",
              "passed": "moves++; note(moves, k);", "copied": "int *q = moves + 1; q[k] = 1;",
              "valued": "int *q; q = moves++; q[k] = 0;", "returned": "moves++; return moves;"}
    c = GRID + "void note(int *p, int k) { p[k] = 0; }\n" + "".join(
        f"int *{name}(struct grid *g, int *moves, int k) {{ g->n = k; {body} return 0; }}\n"
        for name, body in bodies.items())
    cb, _ = _sigs(tmp_path, c)
    for name in bodies:
        assert raw_reasons(cb.functions[name], cb).get("g") == "may alias another parameter", name


def test_a_partner_declared_again_in_the_body_still_conflicts(tmp_path):
    # `b` is written before an inner block declares another `b`: it is named, so `a` may share its bytes
    cb, s = _sigs(tmp_path, "struct s { int x; int y; };\n"
                  "int f(struct s *a, int *b) { a->x = 1; *b = 2; a->y = a->x; { int *b = 0; (void)b; } "
                  "return a->y; }\n")
    assert raw_reasons(cb.functions["f"], cb) == {"a": "may alias another parameter",
                                                  "b": "the name is declared again"}
    assert s["f"].params[0].rust_type == "*mut s"
