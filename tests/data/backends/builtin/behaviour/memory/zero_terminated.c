/* Zero-terminated arrays of integers wider than a byte (rule zero-terminated): slices the C ABI entry
 * scans to their zero element; an out-parameter beside one is checked for overlap at run time (only apart
 * here: this harness builds no C originals, tests/data/pipeline/zeroterm runs the overlapping call). */
typedef unsigned short u16;

static const u16 text0[] = {0};
static const u16 text1[] = {'a', 0x100, 0x3042, 'b', 0};

/* display columns: two for the wide ones */
unsigned zt_columns(const u16 *text)
{
	unsigned at = 0, cols = 0;
	while (text[at] != 0)
		cols += text[at++] >= 0x1100 ? 2 : 1;
	return cols;
}

int zt_sum(const int *v)
{
	int s = 0, i = 0;
	while (v[i] != 0) {
		s += v[i] * (i + 1);
		i++;
	}
	return s;
}

int zt_len(const int *v, int *out)
{
	int n = 0;
	while (v[n])
		n++;
	*out = n;
	return n + v[0];
}

int zt_run(int k)
{
	int a[4] = {5, k, 0, 9};
	int r = -1;
	int whole = zt_len(a, &r) * 100 + r;
	int apart = zt_len(a, &a[3]) * 100 + a[3];
	return whole * 100000 + apart * 10 + zt_sum(a);
}

long zt_texts(void) { return (long)zt_columns(text0) * 100 + (long)zt_columns(text1); }
