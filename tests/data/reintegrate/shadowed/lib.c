/* Slices of ints whose parameters are named like the C ABI entry's own bindings for copying an unaligned
   pointer's elements (`i`, `v`): the entry must still name the parameter, not its loop variable. */
void fill_v(int *v, int n)
{
	for (int k = 0; k < n; k++)
		v[k] = k * 3;
}

long sum_i(const int *i, int n)
{
	long s = 0;
	for (int k = 0; k < n; k++)
		s += i[k];
	return s;
}
