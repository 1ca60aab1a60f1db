struct pte { unsigned present:1; unsigned rw:1; unsigned pfn:20; signed delta:6; };
unsigned bfa_pack(unsigned pfn, int delta) { struct pte p = {0}; p.present = 1; p.pfn = pfn; p.delta = delta;
    p.rw = !p.rw; return p.pfn * 4 + p.present * 2 + p.rw + (unsigned)(p.delta + 100) * 100000000u; }
int bfa_inc(void) { struct pte p = {0}; p.delta = 31; p.delta++; return p.delta; }
