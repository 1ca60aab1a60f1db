static u64 div_rem(u64 n, u32 base, u32 *rem) { *rem = (u32)(n % base); return n / base; }
u64 d64_quot(u64 n, u32 base) { u32 r; return div_rem(n, base, &r); }
u32 d64_rem(u64 n, u32 base) { u32 r; div_rem(n, base, &r); return r; }
s64 d64_signed(s64 a, s64 b) { return a / b + a % b; }
