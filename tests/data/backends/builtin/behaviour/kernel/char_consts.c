int cc_vals(void) { return '\0' + '\x7f' * 1000 + '\377' * 10 + (int)sizeof('a'); }
int cc_plain(void) { char c = '\377'; unsigned char u = '\377';
    return (c == -1) + (u == 255) * 2 + (c == u) * 4; }
