#include <string.h>
#include "mix.h"

int main(void)
{
	unsigned char data[40];
	struct mix_state a, b;
	size_t i, at = 0;
	static const size_t steps[] = {3, 13, 16, 1, 7};

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11);
	mix_reset(&a, 99);
	mix_reset(&b, 99);
	for (i = 0; i < 5; i++) {
		if (mix_update(&a, data + at, steps[i]) != 0)
			return 1;
		at += steps[i];
	}
	for (i = 0; i < at; i++)
		if (mix_update(&b, data + i, 1) != 0)
			return 2;
	if (mix_digest(&a) != mix_digest(&b) || a.used != 8 || memcmp(a.mem, data + 32, 8) != 0)
		return 3;
	if (mix_update(&a, data, 9) != -1 || mix_load(&a, data, 17) != -1)
		return 4;
	if (mix_load(&a, data + 5, 6) != 0 || a.used != 6 || memcmp(a.mem, data + 5, 6) != 0)
		return 5;
	return 0;
}
