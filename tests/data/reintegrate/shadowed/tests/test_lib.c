#include <stdio.h>

void fill_v(int *v, int n);
long sum_i(const int *i, int n);

int main(void)
{
	int a[4];
	fill_v(a, 4);
	if (a[3] != 9 || sum_i(a, 4) != 18) {
		printf("FAIL\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
