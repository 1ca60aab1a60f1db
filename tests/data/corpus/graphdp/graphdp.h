#ifndef GRAPHDP_H
#define GRAPHDP_H

#define MAXV 8
#define INF 0x3f3f3f3f
#define MAXS 32

int bfs_dist(int adj[][MAXV], int n, int src, int dist[]);
int dfs_count(int adj[MAXV][MAXV], int n, int src);
void dijkstra(const int w[][MAXV], int n, int src, int *dist);
int topo_sort(int adj[][MAXV], int n, int *order);
void floyd_warshall(int d[][MAXV], int n);
int lcs_length(const char *a, const char *b);
int edit_distance(const char *s, const char *t);
int knapsack(const int *wt, const int *val, int n, int cap);
void mat_mul(int n, const int a[][MAXV], const int b[][MAXV], int c[][MAXV]);
long long fib_memo(int n);
int coin_change(const int coins[], int ncoins, int amount);
int longest_increasing(const int *a, int n);
#endif
