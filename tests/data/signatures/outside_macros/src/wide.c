/* Reads the header with WIDE_HINT: its HALF is the other definition, so which one a use means depends on
 * the unit, and the scan reads neither. */
#define WIDE_HINT
#include <hint.h>

int half_of(int v)
{
	return HALF(v);
}
