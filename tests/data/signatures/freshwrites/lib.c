#include <stdlib.h>
#include <string.h>
#include "lib.h"

/* `text` holds the caller's pointer: it may lead anywhere, so a view of an obj may reach itself through it */
void obj_set(struct obj *o, char *text)
{
	o->text = text;
}

/* writes *dst and the buffer it just allocated: nothing a view of `a` or `b` may lie in */
void obj_concat(const struct obj *a, const struct obj *b, struct obj *dst)
{
	dst->kind = 1;
	dst->text = malloc(strlen(a->text) + strlen(b->text) + 1);
	strcpy(dst->text, a->text);
	strcat(dst->text, b->text);
}

/* the copy without spaces is built in a local buffer, fresh from malloc */
void obj_squeeze(const struct obj *a, struct obj *dst)
{
	char *s = malloc(strlen(a->text) + 1);
	int j = 0;
	for (int i = 0; a->text[i]; i++)
		if (a->text[i] != ' ')
			s[j++] = a->text[i];
	s[j] = '\0';
	dst->kind = 1;
	dst->text = s;
}

int obj_parse(const struct obj *a, struct obj *dst)
{
	dst->kind = 2;
	dst->text = NULL;
	return atoi(a->text);
}
