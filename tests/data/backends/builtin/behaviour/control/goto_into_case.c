/* goto from inside one case (a nested loop) to labels among the cases, as glob_match does */
int gc_classify(int c, int d)
{
	int r = 0;

	switch (c) {
	case 1:
		for (int i = 0; i < 3; i++) {
			if (d == i)
				goto literal;
		}
		r += 10;
		break;
	case 3:
		goto backtrack;
	case 2:
		d = d * 2;
		/* fallthrough */
	default:
literal:
		if (c == d) {
			r += 100;
			break;
		}
backtrack:
		r += 1000 + d;
		break;
	}
	return r;
}
