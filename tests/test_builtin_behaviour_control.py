"""C11 control flow, gcc vs the builtin translation: switch (6.8.4.2), goto, loops with continue, blocks."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.8.4.2: control falls through case labels; default may sit in the middle.
    Case("switch_fall", """
int sw_fall(int v) {
    int r = 0;
    switch (v) {
    case 1: r += 1;
    case 2: r += 10;
        break;
    case 3:
    case 4: r += 100;
    default: r += 1000;
    case 5: r += 10000;
    }
    return r;
}
int sw_none(int v) { int r = 7; switch (v) { case 1: r = 1; break; case 2: r = 2; } return r; }
int sw_char(char c) { switch (c) { case 'a': return 1; case -1: return 2; default: return 3; } }
int sw_nested(int a, int b) {
    int r = 0;
    switch (a) {
    case 0:
        switch (b) { case 0: r = 1; break; default: r = 2; }
        r += 10;
        break;
    default:
        for (int i = 0; i < 3; i++) { if (i == b) break; r++; }
    }
    return r;
}
""", [("sw_fall", [1]), ("sw_fall", [2]), ("sw_fall", [3]), ("sw_fall", [5]), ("sw_fall", [9]),
      ("sw_none", [3]), ("sw_none", [2]), ("sw_char", [97]), ("sw_char", [255]), ("sw_char", [1]),
      ("sw_nested", [0, 0]), ("sw_nested", [0, 4]), ("sw_nested", [1, 2])]),
    # goto to a cleanup label (forward), and a backward goto forming a loop.
    Case("goto_paths", """
int gt_cleanup(int fail_at) {
    int state = 0;
    if (fail_at == 1) goto out;
    state += 1;
    if (fail_at == 2) goto undo;
    state += 10;
    return state;
undo:
    state -= 1;
out:
    return state - 100;
}
int gt_loop(int n) {
    int i = 0, s = 0;
again:
    s += i;
    i++;
    if (i < n) goto again;
    return s;
}
""", [("gt_cleanup", [0]), ("gt_cleanup", [1]), ("gt_cleanup", [2]), ("gt_loop", [5]), ("gt_loop", [1])]),
    # continue in for runs the increment; in do/while it jumps to the condition.
    Case("loops_continue", """
int for_cont(int n) { int s = 0; for (int i = 0; i < n; i++) { if (i % 3 == 0) continue; s += i; } return s; }
int do_cont(int n) { int i = 0, s = 0; do { i++; if (i & 1) continue; s += i; } while (i < n); return s; }
int while_break(int n) { int i = 0; while (1) { if (i * i > n) break; i++; } return i; }
int for_empty(int n) { int i = 0; for (;;) { if (++i >= n) break; } return i; }
int nested_loops(int n) {
    int c = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (j > i) break;
            if ((i + j) % 2) continue;
            c++;
        }
    return c;
}
int do_once(void) { int n = 0; do n++; while (0); return n; }
""", [("for_cont", [10]), ("do_cont", [7]), ("while_break", [50]), ("for_empty", [4]), ("nested_loops", [6]),
      ("do_once", [])]),
    # Blocks with shadowing; a declaration in a for header is scoped to the loop.
    Case("scopes", """
int shadow(int x) { int r = x; { int x = 5; r += x; { int x = 7; r = r * 10 + x; } } return r * 10 + x; }
int for_scope(void) { int i = 42; for (int i = 0; i < 3; i++) { } return i; }
""", [("shadow", [1]), ("for_scope", [])]),
    # Recursion and mutual recursion.
    Case("recursion", """
int is_odd(unsigned n);
int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
unsigned long fact(unsigned n) { return n <= 1 ? 1 : n * fact(n - 1); }
""", [("is_even", [10]), ("is_odd", [7]), ("fact", [20])]),
]


batch, test_behaviour = behaviour_module(CASES, "control")
