#include <stdio.h>

int sc_run(int v);

int main(void)
{
	/* the values gcc's build of lib.c returns */
	if (sc_run(3) != 996230 || sc_run(-8) != 1387 || sc_run(0) != 1561361 || sc_run(250) != 24675119) {
		printf("FAIL\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
