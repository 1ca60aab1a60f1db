"""Bit-fields in shared.rs (C11 6.7.2.1p11): gcc's allocation reproduced byte for byte, read and written
through the generated accessors, and constant initializers of globals with bit-fields, compared with gcc."""

from __future__ import annotations

import subprocess

import pytest
from helpers.paths import data_text

from llmigrate.backends.builtin.items import translate_shared
from llmigrate.config import Config
from llmigrate.core import Codebase

C_SRC = data_text("backends/builtin/bitfields/bits.c")
C_MAIN = data_text("backends/builtin/bitfields/main.c")
RUST_MAIN = data_text("backends/builtin/bitfields/main.rs")


@pytest.mark.slow
def test_bitfields_match_gcc(tmp_path) -> None:
    (tmp_path / "bits.c").write_text(C_SRC)
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["bits.c"]))
    assert st.failures == []
    (tmp_path / "main.c").write_text(C_SRC + C_MAIN)
    c = subprocess.run(["gcc", "-w", "-o", str(tmp_path / "c_prog"), str(tmp_path / "main.c")],
                       capture_output=True, text=True, timeout=60)
    assert c.returncode == 0, c.stderr
    expected = subprocess.run([str(tmp_path / "c_prog")], capture_output=True, text=True, timeout=10).stdout
    rust = ("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, static_mut_refs)]\n"
            f"mod shared {{\n{st.code}\n}}\n{RUST_MAIN}")
    (tmp_path / "main.rs").write_text(rust)
    cmd = ["rustc", "--edition", "2021", "-o", str(tmp_path / "rust_prog"), str(tmp_path / "main.rs")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-4000:]
    got = subprocess.run([str(tmp_path / "rust_prog")], capture_output=True, text=True, timeout=10).stdout
    assert got == expected, f"C:\n{expected}\nRust:\n{got}"
