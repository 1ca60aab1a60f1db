#ifndef OPT_H
#define OPT_H
/* Live only where the includer defines WANT_INLINE (keys.c does, twins.c does not). */
#ifdef WANT_INLINE
static inline int opt_helper(int x)
{
	return x + 3;
}
#endif
#endif
