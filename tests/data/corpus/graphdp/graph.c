/* Graph algorithms on adjacency matrices. */
#include <string.h>
#include "graphdp.h"

int bfs_dist(int adj[][MAXV], int n, int src, int dist[])
{
	int queue[MAXV], head = 0, tail = 0, reached = 0;

	for (int i = 0; i < n; i++)
		dist[i] = -1;
	dist[src] = 0;
	queue[tail++] = src;
	while (head < tail) {
		int u = queue[head++];
		reached++;
		for (int v = 0; v < n; v++) {
			if (adj[u][v] && dist[v] < 0) {
				dist[v] = dist[u] + 1;
				queue[tail++] = v;
			}
		}
	}
	return reached;
}

static void dfs(int adj[MAXV][MAXV], int n, int u, int *seen, int *count)
{
	seen[u] = 1;
	(*count)++;
	for (int v = 0; v < n; v++)
		if (adj[u][v] && !seen[v])
			dfs(adj, n, v, seen, count);
}

int dfs_count(int adj[MAXV][MAXV], int n, int src)
{
	int seen[MAXV] = { 0 };
	int count = 0;

	dfs(adj, n, src, seen, &count);
	return count;
}

void dijkstra(const int w[][MAXV], int n, int src, int *dist)
{
	char done[MAXV];
	int i, k;

	memset(done, 0, sizeof(done));
	for (i = 0; i < n; i++)
		dist[i] = INF;
	dist[src] = 0;
	for (k = 0; k < n; k++) {
		int u = -1;
		for (i = 0; i < n; i++)
			if (!done[i] && (u == -1 || dist[i] < dist[u]))
				u = i;
		if (u < 0 || dist[u] == INF)
			break;
		done[u] = 1;
		for (i = 0; i < n; i++)
			if (w[u][i] > 0 && dist[u] + w[u][i] < dist[i])
				dist[i] = dist[u] + w[u][i];
	}
}

int topo_sort(int adj[][MAXV], int n, int *order)
{
	int indeg[MAXV] = {0}, stack[MAXV], sp = 0, cnt = 0;
	int u, v;

	for (u = 0; u < n; u++)
		for (v = 0; v < n; v++)
			indeg[v] += adj[u][v] != 0;
	for (u = n - 1; u >= 0; u--)
		if (indeg[u] == 0)
			stack[sp++] = u;
	while (sp > 0) {
		u = stack[--sp];
		order[cnt++] = u;
		for (v = n - 1; v >= 0; v--)
			if (adj[u][v] && --indeg[v] == 0)
				stack[sp++] = v;
	}
	return cnt == n ? 0 : -1;
}

void floyd_warshall(int d[][MAXV], int n)
{
	for (int k = 0; k < n; k++)
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				if (d[i][k] + d[k][j] < d[i][j])
					d[i][j] = d[i][k] + d[k][j];
}
