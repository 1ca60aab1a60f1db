#include <shim.h>

int main(void)
{
	struct tally t = {0, 0, 0};
	wide_t w = 1;
	unsigned char buf[5] = {1, 2, 3, 250, 0};
	unsigned char want = 7;
	tally_add(&t, 5);
	tally_add(&t, 70000);
	wide_set(&w, 65535);
	for (int i = 0; i < 5; i++)
		want = (unsigned char)((want << 1) ^ buf[i] ^ 0x5a);
	return !(tally_count(&t) == 2 && t.total == 70005u && t.last == (wide_t)70000 && w == 65535 &&
		 handle_given((struct handle *)&t) == 1 && handle_given(0) == 0 &&
		 mix_all(7, buf, 5) == want && mix_all(9, buf, 0) == 9 && peek_twice(-21) == -42 &&
		 doubled(&t, 4) == 2 * (4 + 70005) && t.count == 3);
}
