"""Edge rules of C11, gcc vs the builtin translation: integer constant types (6.4.4.1), break/continue inside
a switch in a loop (6.8.6), floating special values (Annex F), signed bitwise operators, string sizes."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.4.4.1p5: the type of an unsuffixed constant is the first of its list that can represent it.
    Case("const_types", """
long ct_hex(void) { return 0x80000000 > 0 ? (long)sizeof(0x80000000) : -1; }
long ct_dec(void) { return (long)sizeof(2147483648) * 10 + (-2147483648 < 0); }
long ct_wrap(void) { return (long)(0xFFFFFFFF + 1) + (long)(4294967295 + 1) * 10; }
int ct_char_neg(void) { return (char)200 + (unsigned char)-56; }
""", [("ct_hex", []), ("ct_dec", []), ("ct_wrap", []), ("ct_char_neg", [])]),
    # 6.8.6.3/6.8.6.2: break inside a switch leaves the switch only; continue continues the enclosing loop.
    Case("switch_in_loop", """
int sl_mix(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: s += 1; break;
        case 1: continue;
        case 2: s += 100;
        default: s += 10; break;
        }
        s += 1000;
    }
    return s;
}
int sl_while(int n) { int i = 0, hits = 0; while (i < n) { switch (i++ & 1) { case 0: continue; } hits++; }
    return hits; }
""", [("sl_mix", [9]), ("sl_while", [7])]),
    # Annex F: NaN compares unequal to itself; negative zero equals zero; division by zero gives infinity.
    Case("float_specials", """
int fs_nan(double z) { double n = z / z; return (n != n) + (n == n) * 2 + (n < 1.0) * 4 + (n > 1.0) * 8; }
int fs_negzero(double z) { double nz = -z; return (nz == z) + (1.0 / nz < 0) * 2; }
int fs_inf(double z) { double inf = 1.0 / z; return (inf > 1e308) + (-inf < -1e308) * 2; }
long fs_big(double d) { return (long)d; }
""", [("fs_nan", [0.0]), ("fs_negzero", [0.0]), ("fs_inf", [0.0]), ("fs_big", [9007199254740993.0])]),
    # Signed operands of bitwise operators act on the two's complement representation (gcc).
    Case("signed_bits", """
int sb_and(int a) { return a & 3; }
int sb_shr(int a) { return a >> 1; }
int sb_xor(int a, int b) { return (a ^ b) < 0; }
unsigned sb_max(void) { return ~0u >> 1; }
int sb_narrow(long v) { int x = v; return x; }
int sb_mixed_cmp(unsigned char a, signed char b) { return a < b; }
""", [("sb_and", [-5]), ("sb_shr", [-5]), ("sb_xor", [-1, 5]), ("sb_max", []), ("sb_narrow", [5000000000]),
      ("sb_mixed_cmp", [1, -1]), ("sb_mixed_cmp", [1, 5])]),
    # C names that Rust code relies on unqualified (Option, Some, None, core, std) must not shadow them.
    Case("prelude_names", """
enum mode { None, Some, All };
typedef struct { int core; int std; } Option;
struct core { Option o; struct core *next; };
static Option defaults = { 4, 5 };
int pn_use(int m) { struct core c = { defaults, 0 }; int core = c.o.core * 10 + c.o.std;
    return m == None ? core : m == Some ? -core : core + All; }
""", [("pn_use", [0]), ("pn_use", [1]), ("pn_use", [2])]),
    # 6.4.5: a string literal is an array of its characters plus a NUL, embedded NULs included.
    Case("string_sizes", """
int ss_sizeof(void) { return sizeof("a\\0b") * 100 + sizeof("") * 10 + sizeof("\\x41\\101"); }
int ss_walk(void) { const char *p = "abc\\0def"; int n = 0; while (*p++) n++; return n * 10 + p[2]; }
""", [("ss_sizeof", []), ("ss_walk", [])]),
]

batch, test_behaviour = behaviour_module(CASES, "edges")
