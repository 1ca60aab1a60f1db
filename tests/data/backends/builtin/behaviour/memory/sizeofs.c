long sz_types(void) { return sizeof(char) + sizeof(short) * 10 + sizeof(int) * 100 + sizeof(long) * 1000
    + sizeof(void *) * 10000; }
int sz_noeval(int a) { long n = sizeof(a++); return a * 100 + (int)n; }
int sz_array(void) { int arr[7]; return sizeof arr / sizeof arr[0]; }
