// Attribute-like macros everywhere tree-sitter would lose the definition.
#include "compat.h"

struct table;

static struct table *boot_table __initdata;
static u32 counter __read_mostly = 3;

static inline u32 __pure crc_step(u32 crc, u32 byte)
{
	return (crc >> 8) ^ byte;
}

__attribute_const__ __always_inline
static bool is_small(u32 x)
{
	return x < 16;
}

static int __init setup_tables(void)
{
	MY_TRACE("setup %d\n", counter);
	return is_small(counter) ? 0 : -1;
}
module_init(setup_tables);

u32 __must_check __my_hot crc32(const u32 *buf, u32 len)
{
	u32 crc = ~0U, i;

	for (i = 0; i < len; i++)
		crc = crc_step(crc, buf[i]);
	return ~crc;
}
EXPORT_SYMBOL(crc32);

noinline void __cold report(const char *msg) __attribute__((nonnull(1)))
{
	printf("%s\n", msg);
}
EXPORT_SYMBOL_GPL(report);
