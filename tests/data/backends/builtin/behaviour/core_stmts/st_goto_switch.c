int gs_retry(int n) {
	int tries = 0, acc = 0;
retry:
	tries++;
	switch (tries % 3) {
	case 0: acc += 100; break;
	case 1: acc += 1; if (tries < n) goto retry; break;
	default: acc += 10; goto retry;
	}
	for (int i = 0; i < 3; i++) {
		if (i == tries % 2) continue;
		acc += i;
		if (acc > 1000) goto out;
	}
out:
	return acc * 100 + tries;
}
int gs_state_machine(const char *s) {
	int count = 0;
start:
	if (!*s) goto end;
	if (*s == 'a') { s++; goto in_a; }
	s++;
	goto start;
in_a:
	while (*s == 'a') s++;
	count++;
	goto start;
end:
	return count;
}
int gs_demo(int k)
{
	const char *t[] = { "aabaaab", "", "bbb", "ababa" };
	return gs_state_machine(t[k & 3]);
}
