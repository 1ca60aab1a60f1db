int bb_clz(unsigned v) { return __builtin_clz(v); }
int bb_ctz(unsigned v) { return __builtin_ctz(v); }
int bb_pop(unsigned long v) { return __builtin_popcountl(v); }
int bb_clzll(u64 v) { return __builtin_clzll(v); }
int bb_fls(u32 x) { return x ? sizeof(x) * 8 - __builtin_clz(x) : 0; }
