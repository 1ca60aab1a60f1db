int inc_post(int a) { int b = a++; return b * 100 + a; }
int inc_pre(int a) { int b = ++a; return b * 100 + a; }
int dec_ptr_walk(void) { int arr[4] = {1, 2, 3, 4}; int *p = arr; int s = *p++;
    s = s * 10 + *p++; return s * 10 + *--p; }
int inc_uchar_wrap(void) { unsigned char c = 255; c++; return c; }
int inc_in_cond(int n) { int i = 0, c = 0; while (i++ < n) c += i; return c * 100 + i; }
