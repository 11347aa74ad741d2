"""tools/quickstart.sh's stdout is the answer: `tools/quickstart.sh capture.pcap
> explained.txt` holds only explained responses. Its two parts are run here:
the annotate step (tools/explain.sh, as tshark runs: same user, HOME, plugin)
and the set-up and build step (tools/setup.sh on the build under test, which is
up to date, so it only configures and checks). The install step between them
writes to the same log."""
import os
import re
import subprocess

import pytest

# What explain.sh may print on stdout: a response's head line, its meaning and
# remedy, and their wrapped continuation lines.
ANSWER_LINE = re.compile(r"^(frame \d+: \d+ \S.*|  meaning: \S.*|  remedy : \S.*| {11}\S.*)$")


def explain(ts, source, capture, *options):
    p = ts.run_tool([source.path("tools", "explain.sh"), ts.readable(source.capture(capture))] + list(options))
    assert p.returncode == 0, p.stderr
    return p


def responses(ts, source, capture):
    rows = ts.fields(source.capture(capture), ["sip.Status-Code"], ["-Y", "sip.Status-Code"])
    return sum(len(r[0].split("|")) for r in rows)


def readme_example():
    """The example output the README shows for quickstart.sh."""
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "README.md"), encoding="utf-8") as f:
        text = f.read()
    block = text.split("every response of the capture", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


@pytest.mark.parametrize("capture", ["kamailio-diagnosis-udp", "odd-responses-tcp", "sipp-codes-udp"])
def test_explain_prints_only_explanations(ts, source, capture):
    """Every stdout line is part of an explained response, one head line per
    response Wireshark's SIP dissector sees (several in one TCP segment, BYE
    and CANCEL with a Reason left out); the count goes to stderr."""
    p = explain(ts, source, capture)
    bad = [l for l in p.stdout.splitlines() if not ANSWER_LINE.match(l)]
    assert not bad, bad[:5]
    heads = [l for l in p.stdout.splitlines() if l.startswith("frame ")]
    n = responses(ts, source, capture)
    assert len(heads) == n, (len(heads), n)
    assert p.stderr == f"sipcat: {n} SIP responses annotated\n", p.stderr


def test_explain_gives_the_readme_example(ts, source):
    """The README's example lines are what the script prints (lines ending in "..." as a prefix)."""
    example = readme_example()
    first, _, comment = example[0].partition("#")
    assert comment.strip() == "tools/quickstart.sh tests/captures/kamailio-diagnosis-udp.pcapng", example[0]
    assert first.rstrip() in explain(ts, source, "kamailio-diagnosis-udp").stdout.splitlines()
    default = explain(ts, source, "sipp-codes-udp").stdout  # quickstart.sh's default capture
    rest = [l for l in example[1:] if l != "..."]
    assert len(rest) >= 4, example
    for line in rest:
        if line.endswith("..."):
            assert "\n" + line[:-3].rstrip() in default, line
        else:
            assert "\n" + line + "\n" in default, line


def test_explain_refuses_a_missing_capture(ts, source):
    p = ts.run_tool([source.path("tools", "explain.sh"), "/nonexistent.pcap"])
    assert p.returncode == 1 and p.stdout == "" and p.stderr == "sipcat: cannot read /nonexistent.pcap\n", p


def test_setup_prints_short_progress_on_stderr_only(settings):
    """tools/setup.sh on the build under test: nothing on stdout, one short
    line per step on stderr, the build log in BUILD/setup.log."""
    build = os.path.dirname(os.path.abspath(settings.plugin))
    if not os.path.isfile(os.path.join(build, "CMakeCache.txt")):
        pytest.skip(f"{settings.plugin} is not in a CMake build folder")
    p = subprocess.run([os.path.join(settings.source, "tools", "setup.sh")], capture_output=True, text=True,
                       env=dict(os.environ, SIPCAT_BUILD_DIR=build), timeout=1200)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "", p.stdout[:2000]
    lines = p.stderr.splitlines()
    assert [l.split(" ")[1] for l in lines] == ["packages:", "configuring", "building"], lines
    assert all(l.startswith("sipcat: ") and len(l) <= 120 for l in lines), lines
    with open(os.path.join(build, "setup.log"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    assert "Built target sipcat" in log and "-- Configuring done" in log, log[-2000:]
