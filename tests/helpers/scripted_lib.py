"""The two-function C library calc.c (offset calls scale) and the scripted backend's replies for it."""

from __future__ import annotations

import json
from pathlib import Path

LIB_C = """\
#include <stdint.h>

uint32_t scale(uint32_t x, uint32_t k)
{
\treturn x * k;
}

uint32_t offset(uint32_t x)
{
\treturn scale(x, 3) + 7;
}
"""
GOOD_SCALE = "```rust\npub fn scale(x: u32, k: u32) -> u32 {\n    x.wrapping_mul(k)\n}\n```"
BAD_SCALE = "```rust\npub fn scale(x: u32, k: u32) -> u32 {\n    x.wrapping_mul(factor)\n}\n```"
GOOD_OFFSET = "```rust\npub fn offset(x: u32) -> u32 {\n    crate::calc::scale(x, 3).wrapping_add(7)\n}\n```"
NEVER = "```rust\npub fn offset(x: u32) -> u32 {\n    crate::calc::scale(x, 3) + seven\n}\n```"


def scripted(tmp_path: Path, units: dict, repairs: dict, c_text: str = LIB_C) -> tuple[Path, dict]:
    src = tmp_path / "clib"
    src.mkdir()
    (src / "calc.c").write_text(c_text)
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"shared": "// no shared items\n", "units": units, "repairs": repairs}))
    return src, {"LLMIGRATE_SCRIPT": str(script)}
