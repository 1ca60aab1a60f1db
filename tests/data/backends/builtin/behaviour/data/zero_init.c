/* `{0}` for an aggregate whose first member is itself an aggregate: the 0 goes to the first scalar through
 * elided braces and every other member is zero, in a local and in a static. */
struct zi_pos {
	int rank[2];
	char file;
};

struct zi_move {
	struct zi_pos from;
	int captures;
	double score;
};

int zi_sum(int k)
{
	struct zi_move m = {0};
	struct zi_move ms[3] = {0};
	static struct zi_move kept = {0};
	m.from.rank[1] += k;
	ms[2].captures = k * 2;
	kept.captures += k;
	return m.from.rank[0] + m.from.rank[1] + m.from.file + m.captures + (int)m.score + ms[2].captures
	       + ms[1].from.rank[1] + kept.captures;
}
