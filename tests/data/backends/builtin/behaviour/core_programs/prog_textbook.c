#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <math.h>
#define HASHSIZE 101
#define N 4
struct nlist { struct nlist *next; char *name; char *defn; };
static struct nlist *hashtab[HASHSIZE];
static unsigned hash(const char *s) { unsigned hashval; for (hashval = 0; *s != '\0';
		s++) hashval = *s + 31 * hashval; return hashval % HASHSIZE; }
static struct nlist *lookup(const char *s) {
	struct nlist *np;
	for (np = hashtab[hash(s)]; np != NULL; np = np->next)
		if (strcmp(s, np->name) == 0) return np;
	return NULL;
}
static char *dupstr(const char *s) { char *p = malloc(strlen(s) + 1); if (p != NULL) strcpy(p, s);
		return p; }
static struct nlist *install(const char *name, const char *defn) {
	struct nlist *np; unsigned hashval;
	if ((np = lookup(name)) == NULL) {
		np = (struct nlist *)malloc(sizeof(*np));
		if (np == NULL || (np->name = dupstr(name)) == NULL) return NULL;
		hashval = hash(name);
		np->next = hashtab[hashval];
		hashtab[hashval] = np;
	} else
		free((void *)np->defn);
	if ((np->defn = dupstr(defn)) == NULL) return NULL;
	return np;
}
int table_demo(int k) {
	char key[8], val[8];
	for (int i = 0; i < 5; i++) { sprintf(key, "k%d", i); sprintf(val, "%d", i * k);
		install(key, val); }
	install("k2", "zz");
	struct nlist *np = lookup("k3");
	return atoi(np->defn) * 10 + (int)strlen(lookup("k2")->defn) + (lookup("nope") == NULL) * 1000;
}
static void itoa_r(int n, char s[]) {
	int i = 0, sign;
	if ((sign = n) < 0) n = -n;
	do { s[i++] = n % 10 + '0'; } while ((n /= 10) > 0);
	if (sign < 0) s[i++] = '-';
	s[i] = '\0';
	for (int a = 0, b = i - 1; a < b; a++, b--) { char c = s[a]; s[a] = s[b]; s[b] = c; }
}
int itoa_demo(int n) { char buf[16]; itoa_r(n, buf); return (int)strlen(buf) * 1000 + buf[0]; }
static void shellsort(int v[], int n) {
	int gap, i, j, temp;
	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++)
			for (j = i - gap; j >= 0 && v[j] > v[j + gap]; j -= gap) { temp = v[j]; v[j] = v[j + gap];
		v[j + gap] = temp; }
}
int shell_demo(int s) { int v[9]; for (int i = 0; i < 9; i++) v[i] = (s * (i + 5)) % 23;
		shellsort(v, 9); return v[0] * 10000 + v[4] * 100 + v[8]; }
static void matmul(double a[N][N], double b[N][N], double c[N][N]) {
	for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { c[i][j] = 0; for (int k = 0; k < N;
		k++) c[i][j] += a[i][k] * b[k][j]; }
}
long mat_demo(int s) {
	double a[N][N], b[N][N], c[N][N];
	for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i][j] = i + s;
		b[i][j] = (i == j) ? 2.0 : 0.5; }
	matmul(a, b, c);
	double tr = 0; for (int i = 0; i < N; i++) tr += c[i][i];
	return (long)(tr * 1000) + (long)fabs(-2.5 * tr);
}
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void hanoi(int n, int from, int to, int via, int *moves) { if (n == 0) return;
		hanoi(n - 1, from, via, to, moves); (*moves)++; hanoi(n - 1, via, to, from, moves); }
int rec_demo(int n) { int m = 0; hanoi(n, 1, 3, 2, &m); return fib(n) * 1000 + m; }
int dijkstra_demo(int src) {
	int w[5][5] = { {0,4,0,0,8}, {4,0,8,0,11}, {0,8,0,7,0}, {0,0,7,0,9}, {8,11,0,9,0} };
	int dist[5], done[5] = {0};
	for (int i = 0; i < 5; i++) dist[i] = INT_MAX;
	dist[src] = 0;
	for (int it = 0; it < 5; it++) {
		int u = -1;
		for (int i = 0; i < 5; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
		done[u] = 1;
		for (int v = 0; v < 5;
		v++) if (w[u][v] && dist[u] != INT_MAX && dist[u] + w[u][v] < dist[v]) dist[v] = dist[u] + w[u][v];
	}
	int s = 0; for (int i = 0; i < 5; i++) s = s * 31 + dist[i];
	return s;
}
