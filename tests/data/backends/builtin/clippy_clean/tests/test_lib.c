#include <stdio.h>

long cc_run(int k);

int main(void)
{
	/* the values gcc's build of lib.c returns */
	if (cc_run(-3) != 4294969036L || cc_run(2) != 1900L || cc_run(7) != 2140L) {
		printf("FAIL\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
