"""The marker/edit measure of report.edits on a migrated OUT: spans, lock hashes, hand-edit counts."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from helpers.outdir import RUST, make_out

from llmigrate.reintegrate.crate_format import crate_spans, find_spans
from llmigrate.report.edits import changed_lines, measure_edits


def test_spans_and_hash_match_the_lock(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    spans = crate_spans(out)
    assert set(spans) == {"add", "twice", "peek"}
    assert spans["add"].file == "src/calc.rs" and spans["add"].text == RUST["add"][2]
    lock = json.loads((out / "llmigrate.lock").read_text())
    assert lock["functions"]["twice"]["rust_hash"] == hashlib.sha256(RUST["twice"][2].encode()).hexdigest()


def test_unpaired_marker_gives_no_span() -> None:
    assert find_spans("// llmigrate:begin f\nfn f() {}\n", "x.rs") == {}


def test_changed_lines_counts_edits_once_and_insertions_by_length() -> None:
    assert changed_lines(["a", "b", "c"], ["a", "B", "c"]) == 1
    assert changed_lines(["a"], ["a", "x", "y"]) == 2
    assert changed_lines(["a", "b"], []) == 2


def test_manual_edits_of_a_hand_edited_crate(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    assert measure_edits(out).ratio == 0.0
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "a.checked_add(b).unwrap_or(u32::MAX)"))
    mem = out / "src" / "mem.rs"  # markers gone: peek can no longer be attributed
    mem.write_text(mem.read_text().replace("// llmigrate:begin peek\n", ""))
    edits = measure_edits(out)
    assert edits.functions["add"].state == "edited" and edits.functions["add"].changed_lines == 1
    assert edits.functions["add"].generated_lines == 3
    assert edits.functions["twice"].state == "unchanged"
    assert edits.functions["peek"].state == "markers_removed"
    assert edits.functions["peek"].changed_lines == edits.functions["peek"].generated_lines == 3
    generated = sum(len(p.read_text().splitlines())
                    for p in (out / ".llmigrate" / "generated" / "src").rglob("*.rs"))
    assert edits.generated_lines == generated
    assert edits.changed_lines == 2  # one edited line in calc.rs, one deleted marker line in mem.rs
    assert edits.ratio == round(2 / generated, 4)
    assert set(edits.file_diffs) == {"src/calc.rs", "src/mem.rs"}
    assert "+    a.checked_add(b)" in edits.file_diffs["src/calc.rs"]


def test_no_generated_copy_means_no_ratio(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    shutil.rmtree(out / ".llmigrate" / "generated")
    assert measure_edits(out).ratio is None
