"""The table `migrate` prints at the end: one row per function, then totals and time per stage."""

from __future__ import annotations

from llmigrate.journal import FINAL_STATUSES, Journal, Status


def print_summary(journal: Journal, timings: dict[str, float]) -> dict[str, int]:
    """Print the summary to stdout; returns the count of functions per final status."""
    rows = []
    for fid, rec in sorted(journal.functions.items(), key=lambda kv: (kv[1].file, kv[0])):
        why = rec.reasons[-1] if rec.reasons and rec.status != Status.COMPILED else ""
        rows.append((fid, rec.file, str(rec.status), str(len(rec.rounds)), rec.equivalence or "-",
                     note(why)))
    head = ("function", "file", "status", "repairs", "equivalence", "note")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
             for row in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = {s: sum(1 for r in journal.functions.values() if r.status == s) for s in FINAL_STATUSES}
    built = journal.run.build is not None and journal.run.build.ok
    lines += ["", "  ".join(f"{s}: {n}" for s, n in counts.items()) + f"  (of {len(journal.functions)})",
              f"cargo build: {'ok' if built else 'FAILED'}",
              "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())]
    print("\n".join(line.rstrip() for line in lines), flush=True)
    return counts


def note(why: str, width: int = 160) -> str:
    """A reason in one line; a compiler's reason shows its first `error:` line, not its header."""
    lines = [line.strip() for line in why.splitlines() if line.strip()]
    if not lines:
        return ""
    error = next((line for line in lines[1:] if "error:" in line), None)
    text = f"{lines[0].rstrip(':')}: {error}" if lines[0].endswith(":") and error else lines[0]
    return text if len(text) <= width else text[:width - 3] + "..."
