/* sizeof a variable-length array: the element count its declaration evaluated times the element size,
 * unchanged when the count variable changes later (6.5.3.4p2, 6.7.6.2p5). */
int vs_bytes(int n)
{
	long vals[n + 1];
	int len = sizeof(vals);
	n = 100;
	char buf[n];
	len += sizeof buf;
	vals[0] = len;
	return (int)vals[0] + (int)(sizeof(vals) / sizeof(vals[0]));
}
