"""A byte buffer read a scalar at a time (signatures/windows.py): `memcpy(&x, p + e, K)`, x a scalar local of
K bytes, reads p[e] .. p[e + K - 1], both ends checked against the count by the flow analysis (rule
index-range), a `size_t` count taken to be at most PTRDIFF_MAX (the count of elements that exist), so
`pos + 16 <= len` does not wrap. The builtin reads `x = T::from_ne_bytes(p[e..][..K]...)`, bounds-checked.
Elements wider than a byte are read each in turn. With the cases that must stay raw: a window past the
guard, two counts, part of an element, a returned pointer, a copy into a pointer parameter."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.runs import function_code, safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

SOURCE = """#include <stdint.h>
#include <string.h>
#include <stddef.h>
#include "bytes.h"

int ascii_only(const unsigned char *data, size_t len)
{
    size_t pos = 0;
    for (; pos + 16 <= len; pos += 16) {
        uint64_t v1;
        memcpy(&v1, data + pos, sizeof(uint64_t));
        uint64_t v2;
        memcpy(&v2, data + pos + sizeof(uint64_t), sizeof(uint64_t));
        if ((v1 | v2) & 0x8080808080808080ull)
            return 0;
    }
    for (; pos < len; pos++)
        if (data[pos] >= 0x80)
            return 0;
    return 1;
}

uint32_t sum_words(const unsigned char *b, unsigned long n)
{
    uint32_t s = 0;
    unsigned long i = 0;
    while (i + 4 <= n) {
        uint32_t w;
        memcpy(&w, &b[i], sizeof w);
        s += w;
        i += 4;
    }
    return s;
}

uint64_t past_end(const unsigned char *b, size_t n)
{
    uint64_t s = 0;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        uint64_t v;
        memcpy(&v, b + i, 8);
        s ^= v;
    }
    return s;
}

uint64_t two_counts(const unsigned char *b, size_t n, size_t m)
{
    uint64_t v = 0;
    if (n >= 8)
        memcpy(&v, b, 8);
    for (size_t j = 0; j < m; j++)
        v += b[j];
    return v;
}

uint64_t wide(const uint16_t *w, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        uint64_t x;
        memcpy(&x, w + i, 8);
        v ^= x;
    }
    return v;
}

uint16_t half(const uint32_t *w, size_t n)
{
    uint16_t h = 0;
    if (n >= 1)
        memcpy(&h, w + 0, 2);
    return h;
}

const unsigned char *skip_word(const unsigned char *b, size_t n, uint64_t *out)
{
    if (n < 8)
        return b;
    uint64_t v;
    memcpy(&v, b, 8);
    *out = v;
    return b + 8;
}

void to_out(const unsigned char *b, size_t n, uint64_t *out)
{
    for (size_t i = 0; i + 8 <= n; i += 8)
        memcpy(out, b + i, 8);
}

unsigned char at_loaded(const unsigned char *b, size_t n)
{
    size_t k = 0;
    if (n < 8)
        return 0;
    memcpy(&k, b, 8);
    return b[k];
}

uint64_t first(const unsigned char *b, size_t n)
{
    uint64_t v = 0;
    if (n >= 8)
        memcpy(&v, b, 8);
    for (size_t i = 8; i < n; i++)
        v += b[i];
    return v;
}
"""

HEADER = """#include <stdint.h>
#include <stddef.h>
int ascii_only(const unsigned char *data, size_t len);
uint32_t sum_words(const unsigned char *b, unsigned long n);
uint64_t past_end(const unsigned char *b, size_t n);
uint64_t two_counts(const unsigned char *b, size_t n, size_t m);
uint64_t wide(const uint16_t *w, size_t n);
uint16_t half(const uint32_t *w, size_t n);
const unsigned char *skip_word(const unsigned char *b, size_t n, uint64_t *out);
void to_out(const unsigned char *b, size_t n, uint64_t *out);
uint64_t first(const unsigned char *b, size_t n);
unsigned char at_loaded(const unsigned char *b, size_t n);
"""

TEST = r"""#include <stdio.h>
#include <string.h>
#include "bytes.h"
int main(void)
{
    unsigned char buf[40];
    for (int i = 0; i < 40; i++)
        buf[i] = (unsigned char)(i * 3);
    if (!ascii_only(buf, 40) || !ascii_only(buf, 0) || !ascii_only(NULL, 0) || !ascii_only(buf, 17))
        return 1;
    buf[33] = 0x90;
    if (ascii_only(buf, 40) || !ascii_only(buf, 33) || ascii_only(buf, 34))
        return 2;
    buf[5] = 0xff;
    if (ascii_only(buf, 16) || ascii_only(buf, 6) || !ascii_only(buf, 5))
        return 3;
    uint32_t w0;
    memcpy(&w0, buf, 4);
    if (sum_words(buf, 0) != 0 || sum_words(buf, 3) != 0 || sum_words(buf, 4) != w0 || sum_words(NULL, 0))
        return 4;
    uint64_t v0;
    memcpy(&v0, buf, 8);
    if (first(buf, 7) != 0 || first(buf, 8) != v0 || first(buf, 9) != v0 + buf[8] || first(NULL, 0) != 0)
        return 5;
    memcpy(&v0, buf, 8);
    if (two_counts(buf, 8, 3) != v0 + buf[0] + buf[1] + buf[2] || two_counts(buf, 0, 0) != 0)
        return 6;
    uint16_t w16[9];
    memcpy(w16, buf, sizeof w16);
    uint64_t x0, x1;
    memcpy(&x0, w16, 8);
    memcpy(&x1, w16 + 4, 8);
    if (wide(w16, 9) != (x0 ^ x1) || wide(w16, 7) != x0 || wide(w16, 3) != 0 || wide(NULL, 0) != 0)
        return 8;
    printf("%u %u\n", sum_words(buf, 40), sum_words(buf, 39));
    return 0;
}
"""


def _tree(root: Path) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "bytes.c").write_text(SOURCE)
    (root / "bytes.h").write_text(HEADER)
    (root / "tests" / "test_bytes.c").write_text(TEST)
    (root / "llmigrate.toml").write_text('[tests]\nglobs = ["tests/*.c"]\n')
    return root


def test_a_buffer_read_a_scalar_at_a_time_below_its_count_is_a_slice(tmp_path):
    sigs = map_all(analyze_dir(_tree(tmp_path / "src")))
    assert [(p.conv, p.len_param) for p in sigs["ascii_only"].params][0] == ("slice", "len")
    assert [(p.conv, p.len_param) for p in sigs["sum_words"].params][0] == ("slice", "n")
    assert [(p.conv, p.len_param) for p in sigs["first"].params][0] == ("slice", "n")  # the window at 0
    assert [(p.conv, p.len_param) for p in sigs["wide"].params][0] == ("slice", "n")  # 4 elements of 2 bytes
    assert not any(sigs[k].unsafe for k in ("ascii_only", "sum_words", "first", "wide"))


@pytest.mark.parametrize(("name", "why"), [
    ("past_end", "pointer arithmetic"),  # 8 bytes read where 4 are known there
    ("two_counts", "passed to a function outside SRC"),  # below n in one place, below m in another
    ("half", "pointer arithmetic"),  # half an element of four bytes: no whole elements
    ("skip_word", "returned"),  # the pointer itself leaves the call
    ("to_out", "pointer arithmetic"),  # into a pointer parameter, not a local scalar
    ("at_loaded", "passed to a function outside SRC"),  # indexed by what the copy loaded: any value
])
def test_a_window_past_the_count_or_of_another_shape_stays_raw(tmp_path, name, why):
    codebase = analyze_dir(_tree(tmp_path / "src"))
    fn = next(f for f in codebase.functions.values() if f.name == name)
    assert raw_reasons(fn, codebase).get(fn.params[0].name) == why


@pytest.mark.slow
def test_the_windows_read_what_the_c_reads(tmp_path):
    src = _tree(tmp_path / "src")
    safe = ("ascii_only", "sum_words", "first", "wide")
    _, text = safe_and_equivalent(src, tmp_path / "out", "bytes", safe)
    code = function_code(text, "ascii_only")
    assert "u64::from_ne_bytes(data[" in code and "unsafe" not in code
    assert "u32::from_ne_bytes(b[" in function_code(text, "sum_words")
    assert "chunks_exact_mut(2).zip(w[" in function_code(text, "wide")
