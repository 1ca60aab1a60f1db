#include <stdio.h>
#include "mini.h"
int main(void)
{
	if (mid(0xfffffff0u, 0xfffffffeu) != 0xfffffff7u) {
		printf("FAIL mid\n");
		return 1;
	}
	if (add_u64(2, 3) != 5)
		return 1;
	return 0;
}
