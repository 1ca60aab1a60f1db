int gt_cleanup(int fail_at) {
    int state = 0;
    if (fail_at == 1) goto out;
    state += 1;
    if (fail_at == 2) goto undo;
    state += 10;
    return state;
undo:
    state -= 1;
out:
    return state - 100;
}
int gt_loop(int n) {
    int i = 0, s = 0;
again:
    s += i;
    i++;
    if (i < n) goto again;
    return s;
}
