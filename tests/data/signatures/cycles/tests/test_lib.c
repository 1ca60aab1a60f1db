#include "lib.h"

int main(void)
{
	struct node leaves[3] = {{1, {0, 0}}, {2, {0, 0}}, {4, {0, 0}}};
	struct node mid = {8, {&leaves[0], &leaves[1]}};
	struct node root = {16, {&mid, &leaves[2]}};
	struct cfg on = {0, "on"}, off = {1, "off"};
	struct item c = {"b", 0}, b = {"a", &c}, a = {"b", &b};

	if (total(&on, &root) != 31 || total(&off, &root) != 0 || total(&on, 0) != 0)
		return 1;
	if (count(&a, "b") != 2 || count(&a, "a") != 1 || count(&a, "z") != 0)
		return 2;
	if (tall(&on, &root) != 5 || tall(&off, &root) != 0)
		return 3;
	if (mark(&on, 3) != 0 || last_marked() != &on)
		return 4;
	if (run(3) != 6)
		return 5;
	setup();
	if (hop(&on, &root) != 25 || hop(&off, &root) != 0)
		return 6;
	return 0;
}
