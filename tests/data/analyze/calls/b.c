static int helper(int x)
{
	return x - 1;
}

int entry_b(int x)
{
	return helper(x) + entry_a(x);
}
