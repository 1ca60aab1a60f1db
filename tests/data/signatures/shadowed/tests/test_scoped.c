int inner_print(int k);
int both(long x);
int outer_char(int k);

int main(void)
{
	return !(inner_print(4) == 12 && both(100000000000L) == 100000000000L % 7 && outer_char(2) == 1 &&
		 outer_char(-40) == 0);
}
