#include <string.h>
#include "tally.h"

int main(void)
{
	unsigned char data[20];
	struct tally t;
	unsigned i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 29 + 3);
	memset(&t, 0, sizeof(t));
	if (tally_load(&t, data, 17) != -1 || t.used != 0)
		return 1;
	if (tally_load(&t, data + 2, 16) != 0 || t.used != 16 || memcmp(t.c, data + 2, 16) != 0)
		return 2;
	for (i = 0; i < 9; i++)
		tally_bump(&t, i, i * 1000u + 7u);
	if (tally_load(&t, data, 5) != 0 || memcmp(t.c, data, 5) != 0)
		return 3;
	return tally_sum(&t) == 0 ? 4 : 0;
}
