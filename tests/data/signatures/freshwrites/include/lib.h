struct obj { int kind; char *text; };
void obj_set(struct obj *o, char *text);
void obj_concat(const struct obj *a, const struct obj *b, struct obj *dst);
void obj_squeeze(const struct obj *a, struct obj *dst);
int obj_parse(const struct obj *a, struct obj *dst);
