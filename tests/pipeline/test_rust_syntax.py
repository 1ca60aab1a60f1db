"""rust_syntax: Rust (and C) through tree-sitter: blanking, comments, items, headers, unsafe code, errors."""

from __future__ import annotations

from llmigrate import rust_syntax as rs

TRICKY = """/// doc: é
#[inline]
pub unsafe fn g<'a>(p: &'a u8) -> char {
    let c = '}'; /* a /* nested */ b */
    let s = r#"x"//y"#;
    let u = "http://x";
    *p as char
}
"""


def test_blank_keeps_offsets_and_newlines_and_knows_lifetimes_from_chars() -> None:
    code = rs.blank(TRICKY)
    assert len(code) == len(TRICKY) and code.count("\n") == TRICKY.count("\n")
    assert "doc" not in code and "nested" not in code and "//y" not in code and "http" not in code
    assert "fn g<'a>(p: &'a u8) -> char {" in code and "let c =    ;" in code
    kept = rs.blank(TRICKY, literals=False)
    assert '"http://x"' in kept and "nested" not in kept


def test_comments_of_rust_and_c() -> None:
    assert rs.comments(TRICKY) == ["/ doc: é", " a /* nested */ b "]
    c = 'int f(void) { /* one */ return "/* no */" [0]; // two\n}\n'
    assert rs.comments(c, "c") == [" one ", " two"]


def test_items_carry_their_comments_and_attributes() -> None:
    text = ('const S: &str = "}{";\n// fn fake() {\nstatic mut T: [u8; 2] = [0; 2];\n' + TRICKY
            + "impl inode { fn new() {} }\nimpl Default for S {}\nmacro_rules! m { () => {} }\n"
            + "use std::ptr;\n// trailing\n")
    items = rs.items(text)
    assert [(i.kind, i.name) for i in items] == [
        ("const", "S"), ("static", "T"), ("fn", "g"), ("impl", "inode"), ("impl", "Default"),
        ("macro_rules!", "m"), ("use", None),
        (None, None)]
    assert items[1].text.startswith("// fn fake() {\n") and items[2].text.startswith("/// doc")
    assert "".join(i.text for i in items).replace("\n", "") == text.replace("\n", "")


def test_items_of_a_reply_cut_short() -> None:
    items = rs.items("fn b() {}\npub fn a(x: u8) -> u8 {\n    let y = x;\n    if y > 0 {\n")
    assert [(i.kind, i.name) for i in items] == [("fn", "b"), ("fn", "a")]
    assert items[1].text.startswith("pub fn a(x: u8)") and items[1].text.endswith("if y > 0 {")
    assert rs.fn_header(items[1].text) == "pub fn a(x: u8) -> u8 "


def test_fn_header_stops_at_the_body_and_keeps_the_abi_string() -> None:
    text = '#[inline]\n// about f\npub unsafe extern "C" fn f(/* n */ x: i32,\n) -> i32\nwhere\n{ x }\n'
    assert rs.fn_header(text) == 'pub unsafe extern "C" fn f(' + " " * 8 + 'x: i32,\n) -> i32\nwhere\n'
    assert rs.fn_header("extern \"C\" {\n    fn g();\n}\nfn h();\n") == "fn h()"
    assert rs.fn_header("struct S;\n") is None


def test_unsafe_regions_and_their_dereferences() -> None:
    text = """pub unsafe fn f(p: *mut *mut S, q: *mut i32) -> i32 {
    (*(*p)).n = 1;
    let r = &mut *q;
    let x = a
        * b;
    core::ptr::write(q, 2);
    q.read_volatile();
    unsafe { *q }
}
fn g(q: *mut i32) {
    let _ = core::ptr::addr_of_mut!((*q));
    unsafe { assert!(*q == 1, "{}", *q); }
    extern "C" { fn h(); }
}
"""
    regions = rs.unsafe_regions(text)
    # f: two for (*(*p)), &mut *q, write, read_volatile, *q in the nested block; not the `* b` product.
    assert regions == [rs.UnsafeRegion(0, 8, 6), rs.UnsafeRegion(11, 11, 2)]
    assert rs.unsafe_regions("unsafe fn h(p: *mut u8);\n") == []


def test_tokens_of_rust_and_c() -> None:
    rust = "pub fn f<'a>(x: &'a u8) -> Option<u32> { assert!(x > 0); let c = 'a'; 1 } // end\n"
    found = {rust[t.start:t.end]: t.kind for t in rs.tokens(rust)}
    assert found == {"pub": "keyword", "fn": "keyword", "'a": "macro", "u8": "type", "Option": "type",
                     "u32": "type", "assert!": "macro", "0": "number", "let": "keyword", "'a'": "string",
                     "1": "number", "// end": "comment"}
    c = "#include <x.h>\nstatic unsigned long f(void) { return NULL; } /* c */\n"
    found = {c[t.start:t.end]: t.kind for t in rs.tokens(c, "c")}
    assert found == {"#include": "macro", "<x.h>": "string", "static": "keyword", "unsigned": "type",
                     "long": "type", "void": "type", "return": "keyword", "NULL": "keyword",
                     "/* c */": "comment"}


def test_parse_errors() -> None:
    assert rs.parse_errors(TRICKY) == []
    errors = rs.parse_errors("fn a() -> i32 {\n    let x = 1\n    x\n}\nfn b( {\n")
    assert errors[0] == (2, "missing `;`") and errors[1][0] == 5 and errors[1][1].startswith("cannot parse")
    assert rs.parse_errors("pub fn a() {\n    let x = 1;\n") != []


def _naive(node) -> list:
    """Pre-order through `children`, not entering comments and literals: what `walk` must equal."""
    out = [node]
    if node.type not in rs.ATOMIC:
        for child in node.children:
            out += _naive(child)
    return out


NESTED = """fn f(a: i32) -> i32 {
    let x = if a > 0 { let y = { a + 1 }; y } else if a < 0 { -a } else { 0 };
    'l: loop { if x == 1 { break 'l; } }
    "a {}" .len() as i32 + x + (a * 2) // { not a block }
}
"""


def test_walk_is_document_order_and_stays_out_of_comments_and_literals() -> None:
    root = rs.parse(TRICKY + NESTED).root
    key = [(n.start_byte, n.end_byte, n.type) for n in _naive(root)]
    assert [(n.start_byte, n.end_byte, n.type) for n in rs.walk(root)] == key
    block = next(n for n in rs.walk(root) if n.type == "block")  # a subtree: the walk ends at its end
    assert [n.id for n in rs.walk(block)] == [n.id for n in _naive(block)]
    assert [n.type for n in rs.walk(next(n for n in rs.walk(root) if n.type == "string_literal"))] == \
        ["string_literal"]


def test_of_type_finds_what_the_walk_finds_in_the_same_order() -> None:
    src = rs.parse(TRICKY + NESTED)
    for kind in ("block", "if_expression", "let_declaration", "binary_expression", "call_expression"):
        want = [(n.start_byte, n.end_byte) for n in rs.walk(src.root) if n.type == kind]
        assert want and [(n.start_byte, n.end_byte) for n in src.of_type(kind)] == want
    assert src.of_type("while_expression") == []


def test_of_types_is_the_walk_of_several_types_and_one_query_finds_the_indexed_ones() -> None:
    from llmigrate.rust_syntax import tree

    tree._query.cache_clear()
    src = rs.parse(TRICKY + NESTED + "// more\n")
    kinds = ("line_comment", "block", "string_literal", "binary_expression", "unary_expression")
    want = [(n.start_byte, n.end_byte) for n in rs.walk(src.root) if n.type in kinds]
    assert want and [(n.start_byte, n.end_byte) for n in src.of_types(kinds)] == want
    assert tree._query.cache_info().currsize == 1  # every indexed type from one compiled query
    assert [n.type for n in src.of_types(("call_expression",))] == ["call_expression"] and \
        tree._query.cache_info().currsize == 2  # a type outside the index: a query of its own


def test_fn_header_blanks_only_its_own_comments_with_text_that_is_not_ascii() -> None:
    text = "/// é doc\n#[inline]\nfn f(/* é */ x: &str) -> u8 // ü\n{ 0 } // after\n"
    assert rs.fn_header(text) == "fn f(" + " " * 7 + " x: &str) -> u8 " + " " * 4 + "\n"
    assert rs.blank(text, literals=False).endswith("{ 0 }" + " " * 9 + "\n")
