"""The table `migrate` prints at the end: one row per function, then totals and time per stage."""

from __future__ import annotations

from llmigrate.journal import FINAL_STATUSES, Journal


def print_summary(journal: Journal, timings: dict[str, float]) -> dict[str, int]:
    """Print the summary to stdout; returns the count of functions per final status."""
    rows = []
    for fid, e in sorted(journal.functions.items(), key=lambda kv: (kv[1]["file"], kv[0])):
        rounds = len(e.get("rounds") or [])
        why = next((r for r in reversed(e.get("reasons") or [])), "") if e["status"] != "compiled" else ""
        rows.append((fid, e["file"], e["status"], str(rounds), (e.get("equivalence") or "-"), note(why)))
    head = ("function", "file", "status", "repairs", "equivalence", "note")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
             for row in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = {s: sum(1 for e in journal.functions.values() if e["status"] == s) for s in FINAL_STATUSES}
    build = journal.data.get("build") or {}
    lines += ["", "  ".join(f"{s}: {n}" for s, n in counts.items()) + f"  (of {len(journal.functions)})",
              f"cargo build: {'ok' if build.get('ok') else 'FAILED'}",
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
