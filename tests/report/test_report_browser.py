"""The HTML report in a real headless Chromium: no console errors, and the status/module filters work.

Chromium is driven over the DevTools protocol on `--remote-debugging-pipe` (NUL-separated JSON on fds 3/4),
so the test needs no package beyond the stdlib and the system browser that .ci/run installs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.outdir import make_out

from llmigrate.report.render import write_reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


class Browser:
    """A minimal DevTools-protocol client over the pipe: send commands, collect events."""

    def __init__(self, profile: Path):
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()
        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_child_r, 3), os.dup2(from_child_w, 4)))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def call(self, method: str, timeout: float = 20.0, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._next(deadline))
        return next(e for e in self.events if e.get("method") == method)

    def _next(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            assert time.monotonic() < deadline, "chromium did not answer in time"
            chunk = os.read(self._r, 65536)
            assert chunk, "chromium closed the DevTools pipe"
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def eval(self, expr: str) -> Any:
        res = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        assert "exceptionDetails" not in res, res
        return res["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click at the centre of the element."""
        x, y = self.eval(f"(function(){{var e=document.querySelector({json.dumps(selector)});"
                         "e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                         "return [r.x+r.width/2, r.y+r.height/2];}())")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self._r)
        os.close(self._w)


def _errors(events: list[dict[str, Any]]) -> list[Any]:
    errors = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(params["exceptionDetails"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(params["args"])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            errors.append(params["entry"])
    return errors


@pytest.fixture
def page(tmp_path: Path):
    out = make_out(tmp_path)
    calc = out / "src" / "calc.rs"  # a hand edit, so the manual-edit section renders too
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "a.saturating_add(b)"))
    write_reports(out)
    browser = Browser(tmp_path / "profile")
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        browser.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Runtime.enable", "Log.enable", "Page.enable"):
            browser.call(domain)
        browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1,
                     mobile=False)
        browser.call("Page.navigate", url=(out / "report" / "index.html").as_uri())
        browser.wait_event("Page.loadEventFired")
        yield browser
    finally:
        browser.close()


VISIBLE = "Array.from(document.querySelectorAll('article.fn')).filter(e => !e.hidden).map(e => e.id).sort()"


def test_report_loads_without_errors_and_filters_work(page: Browser) -> None:
    assert page.eval("document.querySelectorAll('article.fn').length") == 4
    assert page.eval(VISIBLE) == ["fn-add", "fn-peek", "fn-slow", "fn-twice"]
    assert page.eval("document.documentElement.scrollWidth <= window.innerWidth") is True
    page.click('.chip[data-status="compiled"]')
    assert page.eval(VISIBLE) == ["fn-peek", "fn-twice"]
    assert page.eval("document.getElementById('shown-count').textContent") == "2 of 4 shown"
    page.eval("var s=document.getElementById('module-filter'); s.value='calc';"
              "s.dispatchEvent(new Event('change'));")
    assert page.eval(VISIBLE) == ["fn-twice"]
    page.click('.chip[data-status="all"]')
    assert page.eval(VISIBLE) == ["fn-add", "fn-twice"]
    # a callee link jumps to the callee and opens it, even when filters hide it
    page.click('.chip[data-status="compiled"]')
    page.eval("document.querySelector('#fn-twice details').open = true")
    page.click('#fn-twice a[href="#fn-add"]')
    time.sleep(0.2)
    assert page.eval("!document.getElementById('fn-add').hidden && "
                     "document.querySelector('#fn-add details').open") is True
    assert _errors(page.events) == []


def test_report_fits_a_phone_screen(page: Browser) -> None:
    page.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
    page.eval("document.querySelector('#fn-add details').open = true")
    # the C/Rust panes stack into one column and the page does not scroll sideways
    assert page.eval("document.documentElement.scrollWidth <= window.innerWidth + 1") is True
    panes = page.eval("Array.from(document.querySelectorAll('#fn-add .pane'))"
                      ".map(p => p.getBoundingClientRect().x)")
    assert len(panes) == 2 and panes[0] == panes[1]
    assert "edited" in page.eval("document.querySelector('#fn-add summary').textContent")
    assert _errors(page.events) == []


def test_why_each_function_ended_there_shows_without_opening_it(page: Browser) -> None:
    why = page.eval("Object.fromEntries(Array.from(document.querySelectorAll('article.fn')).map(a => {"
                    "var w = a.querySelector('summary .why'); var r = w && w.getBoundingClientRect();"
                    "var shown = w && !a.querySelector('details').open && r.height > 0;"
                    "return [a.id, shown ? w.textContent : null];"
                    "}))")
    assert why == {"fn-add": "verified by C tests (tests/test_calc.c)",
                   "fn-twice": "the Rust differs from the C: a=2147483648",
                   "fn-peek": "verify has not run",
                   "fn-slow": "kept in C: the model's Rust never compiled"}
    assert _errors(page.events) == []
