"""`__FILE__` in translated code names the file relative to SRC, as `cc -c lib/where.c` run in SRC would:
the generated Rust must not depend on where SRC sits on the disk (it did: a corpus entry's line counts
changed with the checkout's path, since the absolute path became a string literal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

LIB = '#include <string.h>\nconst char *where(void) { return __FILE__; }\n' \
      'int where_len(void) { return (int)strlen(__FILE__); }\n'
TEST = '#include <string.h>\nconst char *where(void);\nint where_len(void);\n' \
       'int main(void) { return strcmp(where(), "lib/where.c") == 0 && where_len() == 11 ? 0 : 1; }\n'


@pytest.mark.slow
def test_file_macro_is_relative_to_src(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"lib/where.c": LIB, "tests/test_where.c": TEST})
    assert done.returncode == 0, done.stderr[-2000:]
    rust = "".join(p.read_text() for p in (out / "src").rglob("*where.rs"))
    assert '"lib/where.c"' in rust and str(tmp_path) not in rust
    data = journal(out)
    assert data["functions"]["where"]["status"] == "verified"
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/test_where.c", "passed")]
