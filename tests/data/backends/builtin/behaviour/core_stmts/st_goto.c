int st_find(int n, int want) {
    int i, j, r = -1;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (i * j == want) goto found;
    goto done;
found:
    r = i * 100 + j;
done:
    return r;
}
int st_cleanup(int fail) {
    int log = 0;
    log = log * 10 + 1;
    if (fail == 1) goto err1;
    log = log * 10 + 2;
    if (fail == 2) goto err2;
    log = log * 10 + 3;
    return log;
err2:
    log = log * 10 + 8;
err1:
    log = log * 10 + 9;
    return -log;
}
int st_inner_label(int n) {
    int s = 0;
    while (n > 0) {
        int k = n;
    again:
        s += k;
        if (--k > n - 2) goto again;
        n -= 3;
    }
    return s;
}
