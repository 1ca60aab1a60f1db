#define WANT_INLINE
#include "opt.h"

struct key {
	int enabled;
};

/* A global defined by a macro: tree-sitter cannot read it as a declaration, the compiler can. */
#define DEFINE_KEY_TRUE(name) struct key name = { 1 }
DEFINE_KEY_TRUE(fast_key);

int key_enabled(void)
{
	return fast_key.enabled + opt_helper(0);
}
