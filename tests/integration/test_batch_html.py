"""The HTML report of sipcat-batch rendered in headless Chromium (skipped,
with a message, where no Chromium is installed)."""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from batch_tool import Batch


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_batch_html(ts, source):
    """The HTML report renders in headless Chromium with both charts and no console error."""
    browser = chromium()
    if not browser:
        pytest.skip("chromium not installed (apt-get install chromium); the HTML rendering test is skipped")
    b = Batch(ts, source)
    d = b.folder("in", bad=True)
    out = ts.workdir("out")
    report = os.path.join(out, "report.html")
    p = b.run(["-q", "--html", report, d])
    assert p.returncode == 1, p.stderr
    page = open(report, encoding="utf-8").read()
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:|//)', page), "the report must not load anything"
    profile = tempfile.mkdtemp(prefix="sipcat-chromium-")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
             "--enable-logging=stderr", "--v=0", "--window-size=1100,1400"]
    try:
        shot = os.path.join(profile, "report.png")
        r = subprocess.run(flags + ["--screenshot=" + shot, "file://" + report], capture_output=True, text=True,
                           timeout=120)
        assert os.path.getsize(shot) > 20000, "screenshot too small: the page did not render"
        console = [l for l in r.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]
        assert not console, console
        dom = subprocess.run(flags + ["--dump-dom", "file://" + report], capture_output=True, text=True,
                             timeout=120).stdout
        for chart in ("chart-classes", "chart-failures"):
            m = re.search(r'<svg id="%s".*?</svg>' % chart, dom, re.S)
            assert m and m.group(0).count('class="bar"') >= 2, f"{chart} has no bars"
        assert 'id="codes"' in dom and "486" in dom and "cut.pcapng" in dom
        keep = os.environ.get("SIPCAT_REPORT_SCREENSHOT")
        if keep:
            shutil.copy(shot, keep)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
