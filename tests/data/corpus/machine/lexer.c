/* A small lexer and an operator-precedence evaluator: enums, switch, tables of function pointers. */
#include <ctype.h>
#include <string.h>
#include "machine.h"

static const char *const tok_names[] = {
	[TOK_EOF] = "eof", [TOK_NUM] = "num", [TOK_IDENT] = "ident",
	[TOK_OP] = "op", [TOK_LPAREN] = "(", [TOK_RPAREN] = ")",
};

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return b ? a / b : 0; }
static int op_mod(int a, int b) { return b ? a % b : 0; }

static const struct op_entry op_table[] = {
	{ '+', 1, op_add },
	{ '-', 1, op_sub },
	{ '*', 2, op_mul },
	{ '/', 2, op_div },
	{ '%', 2, op_mod },
};

#define NOPS (sizeof(op_table) / sizeof(op_table[0]))

const char *tok_name(enum tok_kind k)
{
	if (k < 0 || (size_t)k >= sizeof(tok_names) / sizeof(*tok_names))
		return "error";
	return tok_names[k];
}

const struct op_entry *find_op(char sym)
{
	for (size_t i = 0; i < NOPS; i++)
		if (op_table[i].sym == sym)
			return &op_table[i];
	return NULL;
}

int apply_op(char sym, int a, int b, int *out)
{
	const struct op_entry *e = find_op(sym);

	if (!e)
		return -1;
	*out = e->fn(a, b);
	return 0;
}

int fold(const int *a, int n, binop_fn fn, int init)
{
	int acc = init;

	for (int i = 0; i < n; i++)
		acc = (*fn)(acc, a[i]);
	return acc;
}

int next_token(const char **src, struct token *t)
{
	const char *p = *src;
	int n = 0;

	while (isspace((unsigned char)*p))
		p++;
	t->value = 0;
	t->text[0] = '\0';
	switch (*p) {
	case '\0':
		t->kind = TOK_EOF;
		break;
	case '(':
		t->kind = TOK_LPAREN;
		p++;
		break;
	case ')':
		t->kind = TOK_RPAREN;
		p++;
		break;
	case '+': case '-': case '*': case '/': case '%':
		t->kind = TOK_OP;
		t->text[0] = *p++;
		t->text[1] = '\0';
		break;
	default:
		if (isdigit((unsigned char)*p)) {
			t->kind = TOK_NUM;
			while (isdigit((unsigned char)*p))
				t->value = t->value * 10 + (*p++ - '0');
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			t->kind = TOK_IDENT;
			while ((isalnum((unsigned char)*p) || *p == '_') && n < 15)
				t->text[n++] = *p++;
			t->text[n] = '\0';
		} else {
			t->kind = TOK_ERR;
			*src = p;
			return -1;
		}
	}
	*src = p;
	return t->kind;
}

int count_tokens(const char *src)
{
	struct token t;
	int n = 0;

	while (next_token(&src, &t) > 0)
		n++;
	return t.kind == TOK_ERR ? -1 : n;
}

struct parser {
	const char *p;
	struct token cur;
	int err;
};

static void advance(struct parser *ps)
{
	if (next_token(&ps->p, &ps->cur) < 0)
		ps->err = 1;
}

static long parse_expr(struct parser *ps, int min_prec);

static long parse_primary(struct parser *ps)
{
	long v;

	switch (ps->cur.kind) {
	case TOK_NUM:
		v = ps->cur.value;
		advance(ps);
		return v;
	case TOK_LPAREN:
		advance(ps);
		v = parse_expr(ps, 1);
		if (ps->cur.kind != TOK_RPAREN)
			ps->err = 1;
		advance(ps);
		return v;
	case TOK_OP:
		if (ps->cur.text[0] == '-') {
			advance(ps);
			return -parse_primary(ps);
		}
		/* fall through */
	default:
		ps->err = 1;
		return 0;
	}
}

static long parse_expr(struct parser *ps, int min_prec)
{
	long lhs = parse_primary(ps);

	while (!ps->err && ps->cur.kind == TOK_OP) {
		const struct op_entry *op = find_op(ps->cur.text[0]);
		long rhs;
		if (!op || op->prec < min_prec)
			break;
		advance(ps);
		rhs = parse_expr(ps, op->prec + 1);
		lhs = op->fn((int)lhs, (int)rhs);
	}
	return lhs;
}

long eval_expr(const char *src, int *err)
{
	struct parser ps = { .p = src, .err = 0 };
	long v;

	advance(&ps);
	v = parse_expr(&ps, 1);
	if (ps.cur.kind != TOK_EOF)
		ps.err = 1;
	*err = ps.err;
	return ps.err ? 0 : v;
}
