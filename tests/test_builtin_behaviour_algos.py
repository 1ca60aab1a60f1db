"""Textbook algorithm code, gcc vs the builtin translation: sorting, trees on the heap, hashing with chaining,
dynamic programming on 2-D arrays, a sieve on a global array, a queue-based BFS, string manipulation."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    Case("quicksort", """
static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static int partition(int *v, int lo, int hi) { int p = v[hi], i = lo - 1;
    for (int j = lo; j < hi; j++) if (v[j] <= p) swap_int(&v[++i], &v[j]);
    swap_int(&v[i + 1], &v[hi]); return i + 1; }
static void qsort_rec(int *v, int lo, int hi) { if (lo < hi) { int p = partition(v, lo, hi);
    qsort_rec(v, lo, p - 1); qsort_rec(v, p + 1, hi); } }
long qs_run(int seed) { int v[32]; unsigned x = (unsigned)seed;
    for (int i = 0; i < 32; i++) { x = x * 1103515245u + 12345u; v[i] = (int)(x >> 16) % 1000 - 500; }
    qsort_rec(v, 0, 31); long h = 0; for (int i = 0; i < 32; i++) h = h * 31 + v[i]; return h; }
""", [("qs_run", [1]), ("qs_run", [42])]),
    Case("bst", """
#include <stdlib.h>
struct tnode { int key; struct tnode *left, *right; };
static struct tnode *insert(struct tnode *t, int k) {
    if (!t) { t = calloc(1, sizeof *t); t->key = k; return t; }
    if (k < t->key) t->left = insert(t->left, k); else if (k > t->key) t->right = insert(t->right, k);
    return t; }
static int height(const struct tnode *t) { if (!t) return 0; int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r); }
static long inorder(const struct tnode *t, long acc) { if (!t) return acc; acc = inorder(t->left, acc);
    acc = acc * 7 + t->key; return inorder(t->right, acc); }
static void destroy(struct tnode *t) { if (t) { destroy(t->left); destroy(t->right); free(t); } }
long bst_run(int n) { struct tnode *root = NULL;
    for (int i = 0; i < n; i++) root = insert(root, (i * 37) % 101);
    long r = inorder(root, 0) % 1000003 * 100 + height(root); destroy(root); return r; }
""", [("bst_run", [20]), ("bst_run", [0])]),
    Case("hash_chain", """
#include <stdlib.h>
#include <string.h>
#define NBUCKET 13
struct entry { char key[16]; int val; struct entry *next; };
static struct entry *buckets[NBUCKET];
static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char)*s++;
    return h; }
static void put(const char *k, int v) { unsigned b = hash(k) % NBUCKET; struct entry *e;
    for (e = buckets[b]; e; e = e->next) if (!strcmp(e->key, k)) { e->val = v; return; }
    e = malloc(sizeof *e); strncpy(e->key, k, sizeof e->key - 1); e->key[15] = 0; e->val = v;
    e->next = buckets[b]; buckets[b] = e; }
static int get(const char *k) { for (struct entry *e = buckets[hash(k) % NBUCKET]; e; e = e->next)
    if (!strcmp(e->key, k)) return e->val; return -1; }
int hc_run(int n) { char k[8] = "k0"; for (int i = 0; i < n; i++) { k[1] = (char)('a' + i % 26); put(k, i); }
    return get("ka") * 1000 + get("kc") * 10 + (get("zz") == -1); }
""", [("hc_run", [30]), ("hc_run", [3])]),
    Case("lcs_dp", """
#include <string.h>
static int dp[33][33];
int lcs_len(int variant) { const char *a = variant ? "AGGTABQWERTY" : "ABCBDAB";
    const char *b = variant ? "GXTXAYBWRT" : "BDCABA";
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) for (int j = 0; j <= m; j++) {
        if (!i || !j) dp[i][j] = 0;
        else if (a[i - 1] == b[j - 1]) dp[i][j] = dp[i - 1][j - 1] + 1;
        else dp[i][j] = dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]; }
    return dp[n][m]; }
""", [("lcs_len", [0]), ("lcs_len", [1])]),
    Case("sieve", """
#define LIMIT 1000
static unsigned char composite[LIMIT + 1];
int sieve_count(int n) { int c = 0; for (int i = 2; i <= n; i++) { if (composite[i]) continue; c++;
    for (long j = (long)i * i; j <= n; j += i) composite[j] = 1; } return c; }
""", [("sieve_count", [1000]), ("sieve_count", [100])]),
    Case("bfs_grid", """
static const char *grid[5] = { "S..#.", ".#...", ".#.#.", "...#E", "##..." };
int bfs_steps(void) { int dist[5][5], qr[25], qc[25], head = 0, tail = 0;
    static const int dr[4] = { 1, -1, 0, 0 }, dc[4] = { 0, 0, 1, -1 };
    for (int r = 0; r < 5; r++) for (int c = 0; c < 5; c++) dist[r][c] = -1;
    dist[0][0] = 0; qr[tail] = 0; qc[tail++] = 0;
    while (head < tail) { int r = qr[head], c = qc[head++];
        if (grid[r][c] == 'E') return dist[r][c];
        for (int k = 0; k < 4; k++) { int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nc < 0 || nr >= 5 || nc >= 5 || grid[nr][nc] == '#' || dist[nr][nc] >= 0) continue;
            dist[nr][nc] = dist[r][c] + 1; qr[tail] = nr; qc[tail++] = nc; } }
    return -1; }
""", [("bfs_steps", [])]),
    Case("strings_algo", """
#include <string.h>
#include <ctype.h>
static void reverse(char *s) {
    for (size_t i = 0, j = strlen(s); j-- > i; i++) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
long str_run(int k) { char buf[32] = "Hello, World 42"; reverse(buf); long h = 0;
    for (char *p = buf; *p; p++) { if (isalpha((unsigned char)*p)) *p = (char)toupper((unsigned char)*p);
        h = h * 131 + *p; } return (h % 1000003) * 10 + (buf[k] == 'O'); }
""", [("str_run", [1]), ("str_run", [4])]),
]

batch, test_behaviour = behaviour_module(CASES, "algos")
