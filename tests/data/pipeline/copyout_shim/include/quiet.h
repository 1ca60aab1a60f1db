/* A header outside SRC (as a kernel shim is): macros and `static inline` functions SRC's parsers call. Those
 * that write nothing leave an out-parameter written last a copy (rule copied-out); the others keep it raw. */
#ifndef QUIET_H
#define QUIET_H
#define seldom(x) __builtin_expect(!!(x), 0)
#define lowered(c) ((c) | 0x20)
#define IS_HEX(c) (seldom(lowered(c) >= 'a') && lowered(c) <= 'f')  /* quiet macros built of quiet macros */
#define NOTE(x) (last_seen = (x))      /* assigns a global */
#define APPLY(f, x) f(x)               /* calls what its caller passes */
extern int last_seen;
static inline unsigned long long div_by(unsigned long long n, unsigned int d) { return n / d; }
static inline void zero_out(int *p) { *p = 0; }  /* writes through its pointer */
#endif
