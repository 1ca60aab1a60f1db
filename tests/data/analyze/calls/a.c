/* a.c and b.c both have a static helper(): ids a.c:helper and b.c:helper */
static int helper(int x)
{
	return x + 1;
}

int entry_a(int x)
{
	return helper(x);
}
