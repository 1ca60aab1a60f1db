#ifndef MACHINE_H
#define MACHINE_H
#include <stddef.h>

enum tok_kind { TOK_EOF, TOK_NUM, TOK_IDENT, TOK_OP, TOK_LPAREN, TOK_RPAREN, TOK_ERR = -1 };

struct token {
	enum tok_kind kind;
	long value;
	char text[16];
};

enum value_type { V_INT, V_DBL, V_STR };

struct value {
	enum value_type type;
	union {
		long i;
		double d;
		const char *s;
	} u;
};

typedef int (*binop_fn)(int, int);

struct op_entry {
	char sym;
	int prec;
	binop_fn fn;
};

const char *tok_name(enum tok_kind k);
int next_token(const char **src, struct token *t);
int count_tokens(const char *src);
long eval_expr(const char *src, int *err);
int apply_op(char sym, int a, int b, int *out);
const struct op_entry *find_op(char sym);
int fold(const int *a, int n, binop_fn fn, int init);
double value_as_double(const struct value *v);
int value_is_truthy(struct value v);
int weekday_number(const char *name);
const char *month_name(int m);
int days_in_month(int month, int year);
int parse_kv(const char *line, char *key, size_t keylen, long *val);
int run_traffic(int steps, int *red_count);
int build_buffers(size_t n, size_t m, long *sum);
int float_bits_class(float f);
#endif
