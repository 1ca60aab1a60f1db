"""`migrate --resume --no-verify`: a function whose C and Rust are as verified earlier stays verified.

Resume re-judges every status from this run's checks; without verification a verified function would drop
to `compiled`. Its evidence, equivalence and counterexample fields are still in its journal entry (a
retranslated function gets a fresh entry, and a new hash), so only the status needs putting back.
"""

from __future__ import annotations

from pathlib import Path

from llmigrate.journal import Journal, Status
from llmigrate.reintegrate.crate_format import crate_spans, span_hash

Hashes = dict[str, tuple[str | None, str | None]]


def verified_hashes(journal: Journal, out: Path) -> Hashes:
    """Function id -> (c_hash, hash of its Rust in OUT/src) of every function the journal holds as verified:
    verification ran on the crate as it is on disk, hand edits included, not on the journal's Rust."""
    spans = crate_spans(out) if (out / "src").is_dir() else {}
    with journal.lock:
        return {fid: (rec.c_hash, span_hash(spans[fid].text)) for fid, rec in journal.functions.items()
                if rec.status == Status.VERIFIED and fid in spans}


def keep_verified(journal: Journal, earlier: Hashes) -> int:
    """Mark verified again each compiled function whose C and Rust still hash as when it was verified."""
    with journal.lock:
        kept = [fid for fid, rec in journal.functions.items()
                if rec.status == Status.COMPILED and earlier.get(fid) == (rec.c_hash, rec.rust_hash)]
        for fid in kept:
            journal.functions[fid].status = Status.VERIFIED
        journal.save()
    return len(kept)
