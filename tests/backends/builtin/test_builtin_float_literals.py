"""Float literals: an f32 one carries the fewest digits naming the same f32 (as C converts the double
constant to float), an f64 one a double's round-trip digits; both compile and keep their value in Rust."""

from __future__ import annotations

import struct
import subprocess

import pytest

from llmigrate.backends.builtin.items_values import float_literal

VALUES = [-0.0031957027968019247, 0.1, 1e-30, 3.4028234663852886e38, 16777217.0, 1e10, -0.0, 1.4e-45]


def _f32(v: float) -> float:
    return struct.unpack("f", struct.pack("f", v))[0]


@pytest.mark.parametrize("value", VALUES)
def test_an_f32_literal_is_short_and_names_the_same_f32(value: float) -> None:
    text = float_literal(value, "f32")
    assert len(text.lstrip("-").split("e")[0].replace(".", "").strip("0")) <= 9  # significant digits
    assert _f32(float(text)) == _f32(value) and str(float(text)).startswith("-") == str(value).startswith("-")
    assert float(float_literal(value, "f64")) == value


def test_rustc_reads_the_literals_as_the_same_bits(tmp_path) -> None:
    lines = [f"    println!(\"{{}}\", ({float_literal(v, 'f32')}f32).to_bits());" for v in VALUES]
    (tmp_path / "m.rs").write_text("fn main() {\n" + "\n".join(lines) + "\n}\n")
    subprocess.run(["rustc", "-o", str(tmp_path / "m"), str(tmp_path / "m.rs")], check=True, timeout=120)
    bits = subprocess.run([str(tmp_path / "m")], capture_output=True, text=True, check=True, timeout=60)
    expected = [struct.unpack("I", struct.pack("f", v))[0] for v in VALUES]
    assert [int(b) for b in bits.stdout.split()] == expected
