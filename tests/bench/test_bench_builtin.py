"""bench/bench_builtin.py times migrate's whole translate stage: each part is a column of its own (the
signatures' proofs and the laziness guard included), and the ratio to gcc covers them all."""

from __future__ import annotations

import re

import pytest
from bench_builtin import PARTS, main

pytestmark = pytest.mark.slow  # gcc, and cargo for the skeleton


def test_every_part_of_the_stage_is_a_column_and_the_ratio_covers_them(capsys):
    assert main(["--functions", "8", "--files", "2", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "2 files: 8 functions: 8 translated, 0 failed" in out
    seconds = {}
    for part in PARTS:
        m = re.search(rf"^  {re.escape(part)} +(\d+\.\d+) s wall +(\d+\.\d+) s CPU$", out, re.M)
        assert m, f"no column for {part}:\n{out}"
        seconds[part] = float(m.group(2))
    assert seconds["signatures (map_all)"] > 0 and seconds["skeleton cargo check"] > 0  # cargo's CPU counts
    stage = re.search(r"^ratio: translate stage (\d+\.\d+)x gcc -O0 -c wall \((\d+\.\d+) s / .*"
                      r"\((\d+\.\d+) s / (\d+\.\d+) s\)", out, re.M)
    assert stage, out
    assert float(stage.group(3)) == pytest.approx(sum(seconds.values()), abs=0.01 * len(PARTS))
    assert re.search(r"^ratio: without the skeleton's cargo check \d+\.\d+x gcc", out, re.M)


def test_the_skeleton_check_can_be_left_out(capsys):
    assert main(["--functions", "4", "--files", "1", "--repeat", "1", "--no-skeleton"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  skeleton cargo check +0\.00 s wall +0\.00 s CPU$", out, re.M), out
