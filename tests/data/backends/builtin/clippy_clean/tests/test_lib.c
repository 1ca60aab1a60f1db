#include <stdio.h>

long cc_run(int k);

int main(void)
{
	/* the values gcc's build of lib.c returns */
	if (cc_run(-3) != 4294969116L || cc_run(2) != 1830L || cc_run(7) != 1920L) {
		printf("FAIL\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
