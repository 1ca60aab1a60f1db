#include <stdio.h>
#include <string.h>
#include "../machine.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

static int imax(int a, int b) { return a > b ? a : b; }

int main(void)
{
	int err, out, reds;
	int arr[] = {3, 9, -2, 7};
	struct value v;
	char key[8];
	long val;
	const char *src = "  foo 42";
	struct token t;

	CHECK(!strcmp(tok_name(TOK_NUM), "num") && !strcmp(tok_name(TOK_ERR), "error"));
	CHECK(next_token(&src, &t) == TOK_IDENT && !strcmp(t.text, "foo"));
	CHECK(next_token(&src, &t) == TOK_NUM && t.value == 42);
	CHECK(next_token(&src, &t) == TOK_EOF);
	CHECK(count_tokens("a + (b * 3)") == 7 && count_tokens("1 $ 2") == -1);
	CHECK(eval_expr("1 + 2 * 3", &err) == 7 && !err);
	CHECK(eval_expr("(1 + 2) * 3 - 10 / 4", &err) == 7 && !err);
	CHECK(eval_expr("-(4 - 10) % 4", &err) == 2 && !err);
	CHECK(eval_expr("2 * ", &err) == 0 && err);
	CHECK(eval_expr("(1", &err) == 0 && err);
	CHECK(apply_op('*', 6, 7, &out) == 0 && out == 42 && apply_op('^', 1, 1, &out) == -1);
	CHECK(find_op('/')->prec == 2 && find_op('x') == NULL);
	CHECK(fold(arr, 4, imax, -100) == 9 && fold(arr, 0, imax, 5) == 5);
	v.type = V_INT; v.u.i = -3;
	CHECK(value_as_double(&v) == -3.0 && value_is_truthy(v));
	v.type = V_DBL; v.u.d = 0.0;
	CHECK(!value_is_truthy(v));
	v.type = V_STR; v.u.s = "2.5";
	CHECK(value_as_double(&v) == 2.5 && value_is_truthy(v));
	v.u.s = "";
	CHECK(!value_is_truthy(v));
	CHECK(weekday_number("fri") == 5 && weekday_number("xyz") == 0);
	CHECK(!strcmp(month_name(2), "February") && !strcmp(month_name(13), "?"));
	CHECK(days_in_month(2, 2000) == 29 && days_in_month(2, 1900) == 28 && days_in_month(4, 2023) == 30);
	CHECK(days_in_month(0, 2000) == -1);
	CHECK(parse_kv("width = -42", key, sizeof key, &val) == 0 && !strcmp(key, "width") && val == -42);
	CHECK(parse_kv("n=7\n", key, sizeof key, &val) == 0 && val == 7);
	CHECK(parse_kv("toolongkey=1", key, sizeof key, &val) == -1);
	CHECK(parse_kv("a=", key, sizeof key, &val) == -1 && parse_kv("a=1x", key, sizeof key, &val) == -1);
	CHECK(run_traffic(10, &reds) == 1 && reds == 6);
	CHECK(run_traffic(4, &reds) == 1 && reds == 3);
	CHECK(build_buffers(4, 3, &val) == 0 && val == 0 * 0 + 1 * 2 + 2 * 4);
	CHECK(build_buffers(0, 3, &val) == -2);
	CHECK(float_bits_class(0.0f) == 0 && float_bits_class(1e-45f) == 1 && float_bits_class(1.0f) == 4);
	CHECK(float_bits_class(1.0f / 0.0f) == 2 && float_bits_class(0.0f / 0.0f) == 3);
	return failures != 0;
}
