/* C const data: immutable Rust statics (no raw pointers inside), read through tables, addresses, bit-fields. */
const int ct_primes[4] = {2, 3, 5, 7};
static const unsigned char ct_grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
struct ct_flags { unsigned on : 1; unsigned level : 3; int base; };
static const struct ct_flags ct_cfg = {1, 5, 40};
static int ct_twice(int v) { return 2 * v; }
struct ct_op { int (*fn)(int); int arg; };
static const struct ct_op ct_ops[2] = {{ct_twice, 4}, {0, 9}};
const int *ct_second = &ct_primes[1];
const char *const ct_names[2] = {"ab", "cd"};
int ct_prime(int i) { return ct_primes[i & 3] + *ct_second; }
int ct_cell(int r, int c) { return ct_grid[r & 1][c % 3] * 10; }
int ct_flags_sum(void) { return ct_cfg.on + ct_cfg.level + ct_cfg.base; }
int ct_call(int i) { return ct_ops[i & 1].fn ? ct_ops[i & 1].fn(ct_ops[i & 1].arg) : -ct_ops[i & 1].arg; }
int ct_local(int i) { static const short digits[3] = {7, 8, 9}; return digits[i % 3] + ct_names[i & 1][1]; }
static const unsigned ct_masks[3] = {0x0f, 0xff00, 12};
static unsigned ct_seed = 0xdeadbeef;
unsigned ct_mask(int i) { return (ct_masks[i % 3] & 0xfff0u) ^ ct_seed; }
