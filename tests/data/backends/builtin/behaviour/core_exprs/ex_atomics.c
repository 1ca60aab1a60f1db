static int refs = 1;
static unsigned long bits;
int ex_sync(int v) {
    int old = __sync_fetch_and_add(&refs, v);
    int now = __sync_sub_and_fetch(&refs, 1);
    int swapped = __sync_bool_compare_and_swap(&refs, now, 100);
    int prev = __sync_val_compare_and_swap(&refs, 5, 6);
    __sync_synchronize();
    return old * 1000000 + now * 10000 + swapped * 1000 + prev;
}
long ex_atomic(int n) {
    __atomic_store_n(&bits, 3UL, __ATOMIC_RELEASE);
    unsigned long before = __atomic_fetch_or(&bits, 1UL << n, __ATOMIC_SEQ_CST);
    unsigned long after = __atomic_and_fetch(&bits, ~1UL, __ATOMIC_ACQ_REL);
    unsigned long expect = 99;
    int ok = __atomic_compare_exchange_n(&bits, &expect, 7UL, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    long r = (long)(before * 100000 + after * 100 + expect) * 10 + ok;
    return r + (long)__atomic_load_n(&bits, __ATOMIC_ACQUIRE);
}
