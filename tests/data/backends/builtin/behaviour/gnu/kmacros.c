static const u32 table[] = { 1, 10, 100, 1000, 10000 };
int km_size(void) { return ARRAY_SIZE(table); }
u64 km_bit(int n) { return BIT(n) | BIT(0); }
int km_likely(int v) { if (likely(v > 0)) return 1; if (unlikely(v < -5)) return -2; return 0; }
u32 km_lookup(unsigned i) { return i < ARRAY_SIZE(table) ? table[i] : 0; }
