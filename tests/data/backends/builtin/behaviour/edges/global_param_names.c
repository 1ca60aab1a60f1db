/* A parameter named like a global: the signature renames it (a Rust local cannot shadow a static), and the
 * body must use the signature's name, also when the parameter becomes a reference. */
struct gp_node {
	int type;
};

int n = 1;

static int gp_kind(struct gp_node *n)
{
	switch (n->type) {
	case 0:
		return 10;
	case 1:
		return 11;
	}
	return n->type;
}

int gp_use(int t)
{
	struct gp_node x = { t };
	n += 1;
	return gp_kind(&x) * 100 + n;
}
