"""What a verify run found, and how it is told: never more than was checked.

"passed" needs something checked (a translated function compared on generated inputs, or executed by a C
test passing against the C and the Rust) and nothing failed; a C test that does not build against the C is a
setup error, never a pass; everything that could not be checked is counted, with its most common reasons.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from llmigrate.verify.ctests import BUILD_ERROR, PASSED, CTestResult
from llmigrate.verify.difftest.driver import DiffResult

PASSED_VERDICT, FAILED_VERDICT, SETUP_VERDICT, NOTHING_VERDICT = (
    "passed", "FAILED", "setup error", "nothing checked")
TOP_REASONS = 3


@dataclass
class VerifyResult:
    c_tests: list[CTestResult] = field(default_factory=list)
    functions: dict[str, DiffResult] = field(default_factory=dict)
    build_error: str | None = None  # the crate did not build: nothing ran against the Rust
    clippy: str = ""
    ub_detection: str = ""
    sandbox: str = ""  # what the programs under test were isolated by
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    translated: set[str] = field(default_factory=set)  # function ids whose Rust was under test

    @property
    def regressions(self) -> list[CTestResult]:
        return [t for t in self.c_tests if t.regression]

    @property
    def differs(self) -> list[DiffResult]:
        return [d for d in self.functions.values() if d.equivalence == "differs"]

    @property
    def setup_errors(self) -> list[CTestResult]:
        """C tests that do not build against the C: the test setup is wrong, nothing was learnt."""
        return [t for t in self.c_tests if t.c == BUILD_ERROR]

    @property
    def compared(self) -> list[DiffResult]:
        """Functions whose C and Rust were run on at least one input on which the C is defined."""
        return [d for d in self.functions.values() if d.inputs_tested > 0]

    @property
    def exercised(self) -> set[str]:
        """Translated functions a C test passing against the C and the Rust executed (any of them, for a
        test whose reach is unknown)."""
        ran: set[str] = set()
        for t in self.c_tests:
            if t.c == PASSED and t.rust == PASSED:
                ran |= self.translated if t.executed is None else self.translated & set(t.executed)
        return ran

    @property
    def unchecked(self) -> list[DiffResult]:
        return [d for d in self.functions.values() if d.inputs_tested == 0]

    @property
    def verdict(self) -> str:
        if self.build_error is not None or self.regressions or self.differs:
            return FAILED_VERDICT
        if self.setup_errors:
            return SETUP_VERDICT
        if not self.compared and not self.exercised:
            return NOTHING_VERDICT
        return PASSED_VERDICT

    @property
    def ok(self) -> bool:
        return self.verdict == PASSED_VERDICT

    def __bool__(self) -> bool:
        return self.ok


def reason_kind(reason: str | None) -> str:
    """A reason without its particulars (names, types, compiler output): like reasons count together."""
    text = (reason or "no reason recorded").strip().splitlines()[0]
    text = " ".join(re.sub(r"'[^']*'|\([^)]*\)", "", text).split())
    head, sep, _ = text.partition(": ")
    return head if sep and len(head) >= 6 else text


def differential_line(result: VerifyResult) -> str:
    """How many functions were compared on how many inputs, how many could not be checked and why."""
    compared = result.compared
    inputs = sum(d.inputs_tested for d in compared)
    ub = sum(d.skipped_ub for d in result.functions.values())
    line = (f"differential: {len(compared)} function(s) compared on {inputs} input(s) "
            f"({len(compared) - len(result.differs)} equivalent, {len(result.differs)} differ; {ub} input(s) "
            f"skipped for C undefined behaviour); {len(result.unchecked)} could not be checked")
    reasons = Counter(reason_kind(d.untested_reason) for d in result.unchecked)
    if reasons:
        line += ": " + "; ".join(f"{n} {why}" for why, n in reasons.most_common(TOP_REASONS))
        rest = len(result.unchecked) - sum(n for _, n in reasons.most_common(TOP_REASONS))
        line += f"; {rest} for other reasons" if rest else ""
    return line


def c_tests_line(result: VerifyResult) -> str:
    tests = result.c_tests
    both = sum(t.c == PASSED and t.rust == PASSED for t in tests)
    c_failed = sum(t.c not in (PASSED, BUILD_ERROR) for t in tests)
    return (f"c-tests: {len(tests)} found: {both} passed against the C and the Rust (executing "
            f"{len(result.exercised)} translated function(s)), {len(result.regressions)} regressed, "
            f"{c_failed} fail against the C already, {len(result.setup_errors)} setup error(s) (do not build "
            f"against the C)")


def verdict_line(result: VerifyResult) -> str:
    why = {NOTHING_VERDICT: ": no translated function was compared on inputs or executed by a passing C "
                            "test, so no claim about the Rust can be made",
           SETUP_VERDICT: f": {len(result.setup_errors)} C test(s) do not build against the C"}
    return f"verify: {result.verdict}{why.get(result.verdict, '')}"


def overview(result: VerifyResult) -> list[str]:
    """The counted lines migrate and verify print."""
    lines = [c_tests_line(result)] if result.c_tests else []
    return [*lines, differential_line(result), verdict_line(result)]
