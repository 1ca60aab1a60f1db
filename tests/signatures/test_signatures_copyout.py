"""Rule copied-out (signatures_copyout): a scalar out-parameter the C writes only once it touches nothing
but its locals is a reference to a copy its C ABI entry makes; the negative cases, where some read or write
of other memory may follow a write of it (or precede it, writing), stay raw."""

from __future__ import annotations

from helpers.c_snippets import mapped
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.signatures.mapper import map_all, raw_reasons

ALIAS = "may alias another parameter"
SCAN = "int i = 0; while (s[i] > ' ') i++;"  # a string read at indexes no run-time check can bound


def test_an_out_parameter_written_last_is_copied_out(tmp_path):
    cb, s = mapped(tmp_path, f"int parse(const char *s, int *res) {{ {SCAN} if (!i) return -1; *res = i; "
                   "return 0; }\n"
                   # a callee of SRC writing only through a local's address, before; a NULL test
                   "int twice(const char *s, long *out) { int v = 0; if (parse(s, &v) < 0) return -1; "
                   "if (out) { *out = 2 * v; return 1; } return 0; }\n"
                   # read before the write, written in two branches, each followed by locals only
                   f"void add(const char *s, unsigned long *used) {{ {SCAN} if (*used > 9) {{ *used += i; "
                   "return; } *used = 0; }\n")
    assert [(p.rust_type, p.proof) for p in s["parse"].params] == [("*const i8", ""),
                                                                  ("Option<&mut i32>", "copied-out")]
    assert [(p.rust_type, p.proof, p.beneath) for p in s["twice"].params][1] == \
        ("Option<&mut i64>", "copied-out", "null-checked")
    assert s["add"].params[1].proof == "copied-out"
    assert raw_reasons(cb.functions["add"], cb) == {"s": "indexed outside a counted loop"}


def test_an_out_parameter_other_accesses_may_follow_stays_raw(tmp_path):
    cb, s = mapped(tmp_path, "#include <stdio.h>\nint last;\nvoid bump(char *s) { s[0]++; }\n"
                   f"int parse(const char *s, int *res) {{ {SCAN} *res = i; return 0; }}\n"
                   # the string is read after the write
                   f"int after(const char *s, int *res) {{ int i = 0; *res = 0; while (s[i] > ' ') i++; "
                   "return i; }\n"
                   # written in a loop: the next turn reads the string again
                   "int loop(const char *s, int *res) { int i = 0; while (s[i] > ' ') { *res = i; i++; } "
                   "return i; }\n"
                   # a callee writes through the string first
                   f"int bumped(char *s, int *res) {{ bump(s); {SCAN} *res = i; return 0; }}\n"
                   # passed on: what the callee does is its own order
                   "int passed(const char *s, int *res) { int r = parse(s, res); return r; }\n"
                   # a global read after the write
                   f"int glob(const char *s, int *res) {{ {SCAN} *res = i; return last; }}\n"
                   # a C library call that may write memory (a stream's buffer) before
                   f"int shown(const char *s, int *res) {{ {SCAN} fflush(stdout); *res = i; return 0; }}\n"
                   # written in a switch's case, which may fall through
                   f"int cased(const char *s, int *res) {{ {SCAN} switch (i) {{ case 1: *res = 1; "
                   "default: return i; } }\n"
                   # two out-parameters, which may overlap each other
                   f"int both(const char *s, int *a, int *b) {{ {SCAN} *a = i; *b = i; return 0; }}\n"
                   # static, called only by name: no C ABI entry makes a copy
                   f"static int quiet(const char *s, int *res) {{ {SCAN} *res = i; return 0; }}\n"
                   "int outer(const char *s, int *res) { return quiet(s, res); }\n")
    for f in ("after", "loop", "passed", "glob", "cased", "both", "quiet"):
        reasons = raw_reasons(cb.functions[f], cb)
        assert ALIAS in reasons.values(), (f, reasons)
        assert all(p.proof != "copied-out" for p in s[f].params[:2]), f
    # writes before, but `*res` never read and written last on every path (signatures_copylast); `*b`
    # written last after `*a`, which stays raw
    assert s["bumped"].params[1].proof == s["shown"].params[1].proof == s["both"].params[2].proof == \
        "copied-out"


def test_a_header_call_that_writes_nothing_leaves_an_out_parameter_copied_out():
    """A header's quiet macros (`__builtin_expect`, `| 0x20`, one built of others) and a `static inline`
    helper writing nothing keep the function writing only its locals (signatures_outsidecalls); a macro
    assigning a global, one calling its argument, and an inline function writing through its pointer do
    not."""
    src = DATA / "pipeline" / "copyout_shim" / "src"
    cb = analyze_dir(src, load_config(src))
    s = map_all(cb)
    assert [(p.rust_type, p.proof) for p in s["hex_value"].params][1] == ("Option<&mut i64>", "copied-out")
    assert [(p.rust_type, p.proof) for p in s["scaled"].params][2] == ("Option<&mut u64>", "copied-out")
    for f in ("noted", "applied", "zeroed"):
        assert raw_reasons(cb.functions[f], cb)["res"] == ALIAS, f
        assert all(p.proof != "copied-out" for p in s[f].params), f


ENCODER = ("unsigned char *{}(const unsigned char *src, unsigned long len, unsigned char *out, "
           "unsigned long *n)")
FLIP = "unsigned char *pos = out; unsigned long i = 0; while (i < len) { *pos++ = src[i] ^ 32; i++; } "


def test_an_out_parameter_never_read_and_written_last_after_other_writes_is_copied_out(tmp_path):
    """signatures_copylast: the C writes `out` first, but never reads `*n`, writes it by one plain
    assignment at the top level (or under its NULL test), and returns before it only while it has written
    nothing but locals."""
    head = ENCODER
    _, s = mapped(tmp_path, (head.format("plain") + f" {{ if (!out) return 0; {FLIP} *n = pos - out; "
                             "return out; }\n") +
                  (head.format("guarded") + f" {{ {FLIP} if (n != NULL) {{ i = 0; *n = pos - out; }} "
                   "return out; }\n"))
    for f in ("plain", "guarded"):
        assert (s[f].params[3].rust_type, s[f].params[3].proof) == ("Option<&mut u64>", "copied-out"), f


def test_an_out_parameter_read_skipped_or_written_twice_after_other_writes_stays_raw(tmp_path):
    head = ENCODER
    bodies = {  # a return after a write of `out`, with `*n` unwritten: the entry would write back stale bytes
        "early": "unsigned char *pos = out; for (unsigned long i = 0; i < len; i++) { *pos++ = src[i]; "
                 "if (!src[i]) return 0; } *n = pos - out; return out;",
        "added": f"{FLIP} *n += pos - out; return out;",  # reads the bytes `out`'s writes may have changed
        "maybe": f"{FLIP} if (i > 2) *n = i; return out;",  # not written on every path
        "nested": f"{FLIP} if (n) {{ if (i) *n = i; }} return out;",
        "short": f"{FLIP} i && (*n = i); return out;",
        "twice": f"{FLIP} *n = i; if (i) return out; *n = 0; return out;",
        "inside": f"{FLIP} if (n) {{ out[0] = 1; if (i) return 0; *n = i; }} return out;",
    }
    cb, s = mapped(tmp_path, "".join(head.format(f) + f" {{ {b} }}\n" for f, b in bodies.items()))
    for f in bodies:
        assert raw_reasons(cb.functions[f], cb).get("n") == ALIAS, f
