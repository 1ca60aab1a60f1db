"""Builtin translator core, statements: gcc vs the translated Rust on the same inputs (one rustc run)."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # for: every combination of absent clauses, also when the loop comes from a macro (6.8.5.3).
    Case("st_for_forms", """
#define EACH(i, n) for (i = 0; i < (n); i++)
#define FOREVER for (;;)
#define UPTO(i, n) for (; i < (n); i++)
int st_for_macro(int n) { int i, s = 0; EACH(i, n) s += i; return s; }
int st_for_forever(int n) { int i = 0; FOREVER { if (++i > n) break; } return i; }
int st_for_noinit(int n) {
    int i = 2, s = 0; UPTO(i, n) { if (i == 4) continue; s += i; } return s * 100 + i; }
int st_for_noinc(int n) { int s = 0; for (int i = 0; i < n;) { s += i; i += 2; } return s; }
int st_for_comma(int n) { int s = 0; for (int i = 0, j = n; i < j; i++, j--) s += j - i; return s; }
""", [("st_for_macro", [5]), ("st_for_forever", [3]), ("st_for_noinit", [7]), ("st_for_noinc", [7]),
      ("st_for_comma", [6])]),
    # continue/break inside a switch inside a loop go to the loop / the switch (6.8.6.2, 6.8.6.3).
    Case("st_switch_loop", """
int st_sw_in_loop(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: continue;
        case 1: s += 1; break;
        default: s += 10;
        case 3: s += 100;
        }
        s += 1000;
    }
    return s;
}
int st_do_zero(int a) {
    int r = 0; do { if (a > 5) break; r = 1; if (a > 2) continue; r = 2; } while (0); return r; }
unsigned st_sw_unsigned(unsigned char c) {
    switch (c) { default: return 1; case 200: return 2; case 255: return 3; case 0 ... 9: return 4; }
}
int st_sw_decl(int v) {
    switch (v) { int t; case 1: t = 5; return t; case 2: t = 7; return t * 2; } return 0; }
""", [("st_sw_in_loop", [9]), ("st_do_zero", [7]), ("st_do_zero", [4]), ("st_do_zero", [1]),
      ("st_sw_unsigned", [200]), ("st_sw_unsigned", [255]), ("st_sw_unsigned", [7]), ("st_sw_unsigned", [50]),
      ("st_sw_decl", [1]), ("st_sw_decl", [2]), ("st_sw_decl", [3])]),
    # goto: leaving nested loops, cleanup chains, a backward jump, labels inside an inner block.
    Case("st_goto", """
int st_find(int n, int want) {
    int i, j, r = -1;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (i * j == want) goto found;
    goto done;
found:
    r = i * 100 + j;
done:
    return r;
}
int st_cleanup(int fail) {
    int log = 0;
    log = log * 10 + 1;
    if (fail == 1) goto err1;
    log = log * 10 + 2;
    if (fail == 2) goto err2;
    log = log * 10 + 3;
    return log;
err2:
    log = log * 10 + 8;
err1:
    log = log * 10 + 9;
    return -log;
}
int st_inner_label(int n) {
    int s = 0;
    while (n > 0) {
        int k = n;
    again:
        s += k;
        if (--k > n - 2) goto again;
        n -= 3;
    }
    return s;
}
""", [("st_find", [5, 6]), ("st_find", [3, 50]), ("st_cleanup", [0]), ("st_cleanup", [1]),
      ("st_cleanup", [2]),
      ("st_inner_label", [10])]),
    # Static locals keep their value between calls; block scopes shadow (6.2.1, 6.2.4).
    Case("st_static_scope", """
int st_counter(void) {
    static int n; static int hist[3] = { 7, 8, 9 };
    n++; hist[n % 3] += n; return n * 100 + hist[n % 3];
}
int st_shadow(int x) {
    int r = x; { int x = 5; r += x; { int x = 7; r = r * 10 + x; } r += x; } return r + x;
}
int st_stmt_expr(int a) { int v = ({ int t = a * 2; if (t > 10) t = 10; t + 1; }); return v; }
""", [("st_counter", []), ("st_counter", []), ("st_counter", []), ("st_shadow", [1]), ("st_stmt_expr", [3]),
      ("st_stmt_expr", [9])]),
    # Side effects in loop conditions happen once per test (6.8.5).
    Case("st_cond_effects", """
int st_while_effect(int n) { int i = 0, c = 0; while (i++ < n) c += i; return c * 100 + i; }
int st_do_effect(int n) { int c = 0; do c++; while (--n > 0); return c; }
int st_nested_ret(int n) {
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i + j == 5) return i * 10 + j;
    return -1;
}
""", [("st_while_effect", [4]), ("st_do_effect", [3]), ("st_do_effect", [0]), ("st_nested_ret", [9]),
      ("st_nested_ret", [2])]),
    # static locals initialised with strings, addresses, aggregates and constant expressions (6.7.9p4)
    Case("st_static_inits", """
int g = 5;
struct s { int a; const char *n; };
int st(int k) {
	static const char *msg = "hi";
	static int *p = &g;
	static int tbl[] = { 1, 2, 3 };
	static struct s st = { .a = 1, .n = "x" };
	static unsigned long long big = 1ULL << 40;
	static double d = 1.5;
	tbl[k % 3] += *p;
	st.a++;
	return msg[1] + tbl[k % 3] + st.a + st.n[0] + (int)(big >> 38) + (int)d;
}
""", [("st", [0]), ("st", [1]), ("st", [3])]),
    # goto and switch together: a retry label around a switch that jumps back, a goto-driven state machine
    Case("st_goto_switch", """
int gs_retry(int n) {
	int tries = 0, acc = 0;
retry:
	tries++;
	switch (tries % 3) {
	case 0: acc += 100; break;
	case 1: acc += 1; if (tries < n) goto retry; break;
	default: acc += 10; goto retry;
	}
	for (int i = 0; i < 3; i++) {
		if (i == tries % 2) continue;
		acc += i;
		if (acc > 1000) goto out;
	}
out:
	return acc * 100 + tries;
}
int gs_state_machine(const char *s) {
	int count = 0;
start:
	if (!*s) goto end;
	if (*s == 'a') { s++; goto in_a; }
	s++;
	goto start;
in_a:
	while (*s == 'a') s++;
	count++;
	goto start;
end:
	return count;
}
int gs_demo(int k)
{
	const char *t[] = { "aabaaab", "", "bbb", "ababa" };
	return gs_state_machine(t[k & 3]);
}
""", [("gs_retry", [1]), ("gs_retry", [5]), ("gs_demo", [0]), ("gs_demo", [1]), ("gs_demo", [2]),
      ("gs_demo", [3])]),
]


batch, test_behaviour = behaviour_module(CASES, "core_stmts")
