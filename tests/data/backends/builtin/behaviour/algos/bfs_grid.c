static const char *grid[5] = { "S..#.", ".#...", ".#.#.", "...#E", "##..." };
int bfs_steps(void) { int dist[5][5], qr[25], qc[25], head = 0, tail = 0;
    static const int dr[4] = { 1, -1, 0, 0 }, dc[4] = { 0, 0, 1, -1 };
    for (int r = 0; r < 5; r++) for (int c = 0; c < 5; c++) dist[r][c] = -1;
    dist[0][0] = 0; qr[tail] = 0; qc[tail++] = 0;
    while (head < tail) { int r = qr[head], c = qc[head++];
        if (grid[r][c] == 'E') return dist[r][c];
        for (int k = 0; k < 4; k++) { int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nc < 0 || nr >= 5 || nc >= 5 || grid[nr][nc] == '#' || dist[nr][nc] >= 0) continue;
            dist[nr][nc] = dist[r][c] + 1; qr[tail] = nr; qc[tail++] = nc; } }
    return -1; }
