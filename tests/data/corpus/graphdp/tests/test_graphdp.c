#include <stdio.h>
#include "../graphdp.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	int g[MAXV][MAXV] = {
		{0, 1, 1, 0, 0, 0, 0, 0},
		{0, 0, 0, 1, 0, 0, 0, 0},
		{0, 0, 0, 1, 1, 0, 0, 0},
		{0, 0, 0, 0, 0, 1, 0, 0},
		{0, 0, 0, 0, 0, 1, 0, 0},
		{0},
		{0, 0, 0, 0, 0, 0, 0, 1},
		{0},
	};
	const int w[MAXV][MAXV] = {
		{0, 4, 1, 0}, {0, 0, 0, 1}, {0, 2, 0, 5}, {0, 0, 0, 0},
	};
	int d[MAXV][MAXV], a[MAXV][MAXV] = {{1, 2}, {3, 4}}, c[MAXV][MAXV];
	int dist[MAXV], order[MAXV], i, j;
	int wt[] = {1, 3, 4, 5}, val[] = {1, 4, 5, 7}, coins[] = {1, 2, 5};
	int seq[] = {10, 9, 2, 5, 3, 7, 101, 18};

	CHECK(bfs_dist(g, 8, 0, dist) == 6);
	CHECK(dist[5] == 3 && dist[3] == 2 && dist[6] == -1);
	CHECK(dfs_count(g, 8, 2) == 4 && dfs_count(g, 8, 6) == 2);
	dijkstra(w, 4, 0, dist);
	CHECK(dist[0] == 0 && dist[1] == 3 && dist[2] == 1 && dist[3] == 4);
	CHECK(topo_sort(g, 8, order) == 0 && order[0] == 0);
	g[5][0] = 1;
	CHECK(topo_sort(g, 8, order) == -1);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			d[i][j] = i == j ? 0 : (w[i][j] ? w[i][j] : 1000);
	floyd_warshall(d, 4);
	CHECK(d[0][3] == 4 && d[2][3] == 3 && d[3][0] == 1000);
	CHECK(lcs_length("ABCBDAB", "BDCABA") == 4 && lcs_length("", "x") == 0);
	CHECK(edit_distance("kitten", "sitting") == 3 && edit_distance("", "abc") == 3);
	CHECK(knapsack(wt, val, 4, 7) == 9 && knapsack(wt, val, 4, 0) == 0);
	mat_mul(2, (const int (*)[MAXV])a, (const int (*)[MAXV])a, c);
	CHECK(c[0][0] == 7 && c[0][1] == 10 && c[1][0] == 15 && c[1][1] == 22);
	CHECK(fib_memo(10) == 55 && fib_memo(90) == 2880067194370816120LL && fib_memo(93) == -1);
	CHECK(coin_change(coins, 3, 11) == 11 && coin_change(coins, 3, 300) == -1);
	CHECK(longest_increasing(seq, 8) == 4);
	return failures != 0;
}
