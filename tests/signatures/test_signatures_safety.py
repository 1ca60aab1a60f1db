"""The C ABI entry's `# Safety` doc states what its boundary conversions ask of the arguments: a reference
or a slice is made whole, whatever the C body reads through it (signatures/safety.py)."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.safety import safety_doc

_C = """struct s { int v; };
int has(const struct s *p) { return p != 0; }
int get(const struct s *p) { return p->v; }
void put(int *out) { *out = 7; }
long sum(const int *a, int n) { long t = 0; for (int i = 0; i < n; i++) t += a[i]; return t; }
void zero(int *a, int n) { for (int i = 0; i < n; i++) a[i] = 0; }
int twice(int x) { return 2 * x; }
"""


def _docs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    (tmp_path / "m.c").write_text(_C)
    sigs = {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}
    return {name: (s.decl(), " ".join(safety_doc(s, abi=True))) for name, s in sigs.items()}


def test_each_boundary_conversion_states_its_precondition(tmp_path):
    docs = _docs(tmp_path)
    # only NULL-tested: the C reads nothing, yet `p.as_ref()` asks for a valid `s`
    assert "Option<&s>" in docs["has"][0], docs["has"]
    assert "`p` must be NULL or point to an aligned, initialised `s`" in docs["has"][1]
    assert "`p` must be NULL or point to an aligned, initialised `s`" in docs["get"][1] or \
        "`p` must point to an aligned, initialised `s`" in docs["get"][1]
    # an out-parameter is written before it is read: writable, not initialised
    assert "`out`" in docs["put"][1] and "aligned, writable `i32`" in docs["put"][1]
    # a counted slice is made of all `n` elements, whichever the C touches
    assert "&[i32]" in docs["sum"][0], docs["sum"]
    assert "`a` must point to `n` aligned, initialised `i32` (NULL only with a count of 0" in docs["sum"][1]
    assert "&mut [i32]" in docs["zero"][0], docs["zero"]
    assert "`a` must point to `n` aligned, writable `i32`" in docs["zero"][1]


def test_an_entry_converting_nothing_asks_nothing_more(tmp_path):
    assert "nothing more than the C function asks" in _docs(tmp_path)["twice"][1]
