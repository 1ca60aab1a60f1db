int char_val(int v) { char c = (char)v; return c; }
int char_cmp(int v) { char c = (char)v; return c < 0; }
int uchar_val(int v) { unsigned char c = (unsigned char)v; return c; }
