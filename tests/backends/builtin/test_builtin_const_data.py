"""C const data becomes an immutable Rust `static`, where Rust allows one (no raw pointer inside); a
macro-built initialiser keeps its value (issue 13, item 3). Behaviour is checked by the `const_tables` case
of tests/data/backends/builtin/behaviour/data; this checks the items themselves."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.builtin_translate import translate_file
from helpers.paths import data_text

from llmigrate.reintegrate.crate import ffi_entry

KEY = """typedef struct { int counter; } atomic_t;
#define ATOMIC_INIT(i) { (i) }
struct static_key { atomic_t enabled; };
#define STATIC_KEY_INIT_TRUE { .enabled = ATOMIC_INIT(1) }
struct static_key key_true = STATIC_KEY_INIT_TRUE;
int key_on(void) { return key_true.enabled.counter; }
"""


def _statics(code: str) -> dict[str, str]:
    return {m.group(2): m.group(1) for m in re.finditer(r"^(?:pub )?(static(?: mut)?) (\w+):", code, re.M)}


def test_const_data_is_an_immutable_static(tmp_path: Path) -> None:
    out = translate_file(tmp_path, "c.c", data_text("backends/builtin/behaviour/data/const_tables.c"))
    _, _, request = out["ct_prime"]
    shared = _statics(request.shared.code)
    assert {k: shared[k] for k in ("ct_primes", "ct_grid", "ct_cfg", "ct_ops")} == dict.fromkeys(
        ("ct_primes", "ct_grid", "ct_cfg", "ct_ops"), "static")
    # pointers are not Sync: a `static` cannot hold them, so these stay `static mut`
    assert shared["ct_second"] == shared["ct_names"] == "static mut"
    local, _, _ = out["ct_local"]
    assert "static ct_local__digits: [i16; 3]" in local.code["ct_local"]


def test_macro_built_initialiser_keeps_its_value(tmp_path: Path) -> None:
    out = translate_file(tmp_path, "k.c", KEY)
    _, _, request = out["key_on"]
    assert "pub static mut key_true: static_key = static_key { enabled: atomic_t { counter: 1i32 } };" in \
        request.shared.code
    assert "zeroed" not in request.shared.code


def test_a_global_initialiser_keeps_the_hexadecimal_the_c_wrote(tmp_path: Path) -> None:
    out = translate_file(tmp_path, "c.c", data_text("backends/builtin/behaviour/data/const_tables.c"))
    shared = out["ct_mask"][2].shared.code
    assert "pub static ct_masks: [u32; 3] = [0xf_u32, 0xff00_u32, 12u32];" in shared
    assert "AtomicU32::new(0xdeadbeef_u32)" in shared and "[2i32, 3i32, 5i32, 7i32]" in shared


def test_the_c_abi_entry_a_table_holds_for_a_static_function_documents_its_safety(tmp_path: Path) -> None:
    c = ("static int twice(int *p) { return *p * 2; }\nint (*table[1])(int *) = {twice};\n"
         "int call0(int v) { return table[0](&v); }\n")
    out = translate_file(tmp_path, "t.c", c)
    assert "Some(crate::ffi::t__abi_twice)" in out["call0"][2].shared.code  # the table holds the adapter
    entry = ffi_entry(out["twice"][1])  # src/ffi.rs's adapter, built as an exported function's entry is
    assert entry.startswith("/// # Safety\n")  # clippy's missing_safety_doc
    assert entry.index("/// # Safety") < entry.index("pub unsafe extern \"C\" fn t__abi_twice(p: *mut i32)")
