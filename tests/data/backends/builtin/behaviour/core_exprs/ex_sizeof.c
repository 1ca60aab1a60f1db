struct sz { char c; long l; short s; };
long ex_sizeof_all(void) {
    int n = 0; struct sz v; int arr[7][3];
    long r = sizeof(struct sz) + sizeof v.l * 100 + sizeof arr * 1000 + sizeof arr[0] * 100000;
    r += sizeof(n++);  /* not evaluated */
    return r * 10 + n;
}
