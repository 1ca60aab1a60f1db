"""Real C nobody on the team wrote: the entries of the development corpus listed in
tests/data/corpus_limits.json are migrated (builtin) and each keeps its floors (verified functions, library
links, C tests pass with the Rust) and ceilings (unsafe lines, untested functions).

A change may tighten a limit; loosening one needs a reason in the commit message. The file is written from
measured figures by `python bench/corpus_fidelity.py --only ... --write-limits tests/data/corpus_limits.json`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus_lib import ROOT, default_corpus, find_entries, measure_all
from corpus_limits import check_all, load_limits

pytestmark = [pytest.mark.corpus, pytest.mark.slow]
CORPUS = default_corpus()
LIMITS = ROOT / "tests" / "data" / "corpus_limits.json"
TIMEOUT = 600.0  # seconds per migrate run


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the development corpus is absent: no {CORPUS} (it lives "
                    "beside the checkout as ../shared/corpus, or set LLMIGRATE_CORPUS)")
def test_corpus_entries_keep_their_limits(tmp_path: Path):
    limits = load_limits(LIMITS)
    entries = find_entries(CORPUS, sorted(limits))
    figures = measure_all(entries, tmp_path, jobs=os.cpu_count() or 1, timeout=TIMEOUT, clean_build=False)
    broken = check_all(figures, limits)
    assert not broken, "\n".join(broken)
