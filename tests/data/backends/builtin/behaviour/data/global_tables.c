static int t_neg(int v) { return -v; }
int t_dbl(int v) { return 2 * v; }
typedef int (*unop)(int);
static unop ops[3] = { t_neg, t_dbl, 0 };
static const char *names[] = { "zero", "one", "two" };
static const short grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
struct entry { const char *key; struct { int lo, hi; } range; };
static struct entry entries[] = { { "a", { 1, 2 } }, { .key = "b", .range = { .hi = 9 } } };
int gt_call(int i, int v) { return ops[i] ? ops[i](v) : 12345; }
int gt_name(int i) { return names[i][1] + (int)sizeof(names) / (int)sizeof(names[0]); }
int gt_grid(int r, int c) { return grid[r][c] * 10 + grid[1][2]; }
int gt_entries(int i) { return entries[i].key[0] * 100 + entries[i].range.lo * 10 + entries[i].range.hi; }
