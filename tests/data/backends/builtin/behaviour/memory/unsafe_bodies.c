/* Functions whose Rust is an `unsafe fn` for their bodies alone (a static local, a global, a member pointer
   followed, a union read) while no raw pointer crosses their signature, and callers made unsafe by them:
   they build, are called from `unsafe` blocks, and print what gcc's build prints. */
struct ub_node { int v; struct ub_node *next; };
union ub_bits { unsigned u; float f; };

static int ub_calls;

static int ub_tick(void)
{
	static int n;
	n += 2;
	return n;
}

static int ub_follow(const struct ub_node *a)
{
	return a->next->v;
}

static unsigned ub_bits_of(union ub_bits b)
{
	return b.u;
}

int ub_chain(int x)
{
	struct ub_node b = { x * 3, 0 };
	struct ub_node a = { x, &b };
	union ub_bits bits;
	bits.f = 1.5f;
	ub_calls++;
	return ub_tick() + ub_follow(&a) + ub_calls + (int)(ub_bits_of(bits) >> 20);
}
