// SPDX-License-Identifier: GPL-2.0
/* A static table of module parameters with anonymous members, looked up by name. */
#include "kutil.h"

#define ERANGE_ 34

static const struct kparam params[] = {
	{ .name = "debug", .kind = P_INT, .ival = 0, .perm = 0644 },
	{ .name = "level", .kind = P_INT, .ival = 3, .perm = 0444 },
	{ .name = "mode", .kind = P_STR, .sval = "fast", .perm = 0644, .hidden = 1 },
	{ "limit", P_INT, { 4096 }, { 0600, 0 } },
};

size_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (count == 0)
		return (size_t)-ERANGE_;
	len = __builtin_strlen(src);
	if (len >= count) {
		__builtin_memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return (size_t)-ERANGE_;
	}
	__builtin_memcpy(dest, src, len + 1);
	return len;
}

int match_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

const struct kparam *param_find(const char *name)
{
	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		const struct kparam *p = &params[i];
		if (match_name(p->name, name))
			return p;
	}
	return NULL;
}

long param_int(const char *name, long fallback)
{
	const struct kparam *p = param_find(name);

	if (!p || p->kind != P_INT)
		return fallback;
	return p->ival;
}

int param_count_visible(void)
{
	int n = 0;

	for (const struct kparam *p = params; p < params + 4; p++)
		n += !p->hidden && (p->perm & 0004);
	return n;
}

int name_table_fill(char names[][MAX_NAME + 1], int n, const char *prefix)
{
	int i, total = 0;

	for (i = 0; i < n; i++) {
		size_t r = strscpy(names[i], prefix, sizeof(names[i]) - 2);
		if ((long)r < 0)
			r = __builtin_strlen(names[i]);
		names[i][r] = (char)('0' + i % 10);
		names[i][r + 1] = '\0';
		total += (int)r + 1;
	}
	return total;
}
