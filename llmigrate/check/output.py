"""Renderings of `llmigrate check` results: a human summary, GitHub Actions annotations, JUnit XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from llmigrate.check.run import CheckResult

# Characters XML 1.0 cannot carry (compiler output may hold ANSI escapes); ElementTree would write them as is.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SUITES = ("fix", "drift", "hand-edits", "build", "c-tests", "differential")


def _by_suite(results: list[CheckResult]) -> dict[str, list[CheckResult]]:
    groups: dict[str, list[CheckResult]] = {}
    for r in results:
        groups.setdefault(r.suite, []).append(r)
    order = {s: i for i, s in enumerate(SUITES)}
    return dict(sorted(groups.items(), key=lambda kv: order.get(kv[0], len(SUITES))))


def _location(r: CheckResult) -> str:
    if r.file and r.line:
        return f"{r.file}:{r.line}: "
    return f"{r.file}: " if r.file else ""


def _kind(r: CheckResult) -> str:
    return "skipped" if r.skipped else "warning" if r.warning else "ok" if r.ok else "failed"


def text(results: list[CheckResult]) -> str:
    """One line per check with its counts, then every failure and warning with its location."""
    lines = []
    for suite, rs in _by_suite(results).items():
        n = Counter(_kind(r) for r in rs)
        counts = ", ".join(f"{n[k]} {k}" for k in ("ok", "failed", "warning", "skipped") if n[k])
        lines.append(f"{suite:<13} {'FAILED' if n['failed'] else 'ok':<7} {counts}")
        for r in rs:
            if not r.ok or r.warning:
                kind = "warning" if r.warning else "error"
                lines.append(f"  {kind}: {_location(r)}{r.message}")
                lines += [f"    {x}" for x in r.output.splitlines()[:20]]
            elif r.message and (not r.skipped or len(rs) == 1):  # e.g. what --fix did, why verify did not run
                lines.append(f"  {r.message}")
    failed = sorted({r.suite for r in results if not r.ok})
    lines.append("result: " + (f"FAILED ({', '.join(failed)})" if failed else "all checks passed"))
    return "\n".join(lines) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(results: list[CheckResult]) -> str:
    """GitHub Actions workflow commands (::error / ::warning) for failures and warnings, then the summary."""
    lines = []
    for r in results:
        if r.ok and not r.warning:
            continue
        props = []
        if r.file:
            props.append(f"file={_escape_prop(r.file)}")
            if r.line:
                props.append(f"line={r.line}")
        props.append(f"title={_escape_prop(f'llmigrate {r.suite}: {r.name}')}")
        message = r.message + (f"\n{r.output}" if r.output and not r.file else "")
        lines.append(f"::{'warning' if r.warning else 'error'} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "") + text(results)


def _xml(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def junit(results: list[CheckResult]) -> ET.Element:
    """A <testsuites> tree: one <testsuite> per check, one <testcase> per function or step."""
    root = ET.Element("testsuites", name="llmigrate check")
    totals: Counter[str] = Counter()
    for suite, rs in _by_suite(results).items():
        el = ET.SubElement(root, "testsuite", name=suite)
        n: Counter[str] = Counter()
        for r in rs:
            case = ET.SubElement(el, "testcase", classname=f"llmigrate.{suite}", name=_xml(r.name), time="0")
            if r.file:
                case.set("file", r.file)
            if r.line:
                case.set("line", str(r.line))
            if r.skipped:
                ET.SubElement(case, "skipped", message=_xml(r.message))
                n["skipped"] += 1
            elif not r.ok:
                failure = ET.SubElement(case, "failure", message=_xml(r.message), type=suite)
                failure.text = _xml(r.output or r.message)
                n["failures"] += 1
            elif r.warning:
                ET.SubElement(case, "system-out").text = _xml(f"warning: {r.message}")
        n["tests"] = len(rs)
        for key in ("tests", "failures", "skipped"):
            el.set(key, str(n[key]))
            totals[key] += n[key]
        el.set("errors", "0")
        el.set("time", "0")
    for key in ("tests", "failures", "skipped"):
        root.set(key, str(totals[key]))
    root.set("errors", "0")
    return root


def write_junit(results: list[CheckResult], path: Path) -> None:
    """Write the JUnit XML file (creating its directory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = ET.ElementTree(junit(results))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
