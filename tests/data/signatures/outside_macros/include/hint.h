/* A header in an include dir outside SRC, defining the macros SRC's functions use: the soundness scan reads
 * each as the compiler defined it. */
#ifndef HINT_H
#define HINT_H
#define rarely(x) __builtin_expect(!!(x), 0)
#define often(x) __builtin_expect(!!(x), 1)
#define CHECK_ONCE(x) rarely(x)         /* built of another macro of the header */
#define FIRST_OF(p) ((p)->slots[0])     /* dereferences what it is given */
#define HITS() (tally.hits)             /* a mutable struct global (a `static mut`) behind a macro */
#define ENTRY (*entry_point())          /* a call returning a pointer, then a dereference */
#define DIGITS ("0123456789")           /* a string literal: its elements are read bounds-checked */
#define TAGGED(x) (#x[0] == 'v' ? (x) : -(x)) /* `#x`: a string literal of the argument's spelling */
#ifdef WIDE_HINT
#define HALF(x) ((x) / 2)
#else
#define HALF(x) ((x) >> 1)
#endif
struct box { int *slots; };
struct tally { int hits; int last; };
extern struct tally tally;
extern int *entry_point(void);
int clamp_hint(int v, int lo, int hi);
int checked_once(int v);
int first_slot(struct box b);
int counted(int v);
int entry_value(void);
int half_of(int v);
char digit(unsigned n);
int tagged(int v, int w);
#endif
