"""The report's highlighting: parser tokens as HTML spans, everything escaped."""

from __future__ import annotations

from llmigrate.report.highlight import highlight, highlight_diff


def test_rust_highlighting() -> None:
    html = highlight("pub fn f<'a>(x: &'a u8) -> bool { let c = '<'; x > &0 } // a < b\n", "rust")
    assert html == ('<span class="k">pub</span> <span class="k">fn</span> '
                    'f&lt;<span class="m">&#x27;a</span>&gt;(x: &amp;<span class="m">&#x27;a</span> '
                    '<span class="t">u8</span>) -&gt; '
                    '<span class="t">bool</span> { <span class="k">let</span> c = '
                    '<span class="s">&#x27;&lt;&#x27;</span>; x &gt; &amp;<span class="n">0</span> } '
                    '<span class="c">// a &lt; b</span>\n')


def test_c_highlighting_and_text_that_does_not_parse() -> None:
    html = highlight('#include "a.h"\nstatic int __init f(void) { return x ? "}" : 0x1; }\n', "c")
    assert html.startswith('<span class="m">#include</span> <span class="s">&quot;a.h&quot;</span>\n'
                           '<span class="k">static</span> <span class="t">int</span> __init f(')
    assert ('<span class="k">return</span> x ? <span class="s">&quot;}&quot;</span> : '
            '<span class="n">0x1</span>') in html
    assert highlight("fn (", "rust") == '<span class="k">fn</span> ('


def test_diff_lines() -> None:
    assert highlight_diff("@@ -1 +1 @@\n-a<\n+b\n c") == (
        '<span class="dh">@@ -1 +1 @@</span>\n<span class="dr">-a&lt;</span>\n<span class="da">+b</span>\n c')
