static const char *input = "12345x9";
long pd_parse(int stop_at_x) { long v = 0; for (const char *p = input; *p; p++) {
    if (*p < '0' || *p > '9') { if (stop_at_x) break; continue; } v = v * 10 + (*p - '0'); } return v; }
