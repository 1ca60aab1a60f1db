/* Parameters that may share bytes with a global the function uses (issue 15): the C ABI entry compares
 * them with the global's bytes, and runs the C original when they overlap. */
int weights[4] = {1, 2, 3, 4};
const unsigned char order[4] = {3, 1, 0, 2};
unsigned char scratch[4];
int *cursor;

/* `out` may be `weights` itself: the C then reads what it has just written */
void scale(int out[4], int k)
{
	for (int i = 0; i < 4; i++)
		out[i] = weights[i] * k + weights[3 - i];
}

/* a caller in SRC passing the global itself: it goes through the checked C ABI entry */
void rescale(int k)
{
	scale(weights, k);
}

/* `dst` may lie in `scratch`, which a callee writes */
static void fill(void)
{
	for (int i = 0; i < 4; i++)
		scratch[i] = (unsigned char)(scratch[i] + order[i]);
}

int mix(unsigned char dst[4])
{
	int sum = 0;
	fill();
	for (int i = 0; i < 4; i++) {
		dst[i] = (unsigned char)(dst[i] + scratch[order[i]]);
		sum += dst[i];
	}
	return sum;
}

/* `cursor` is a pointer stored in a global: what it points at no range check bounds */
void step(int *out)
{
	*out = *cursor + 1;
	*cursor = 0;
}
