"""pytest set-up of the integration tests: the real tshark with the freshly
built plugin. ctest runs one module per test (Integration.cmake); directly:

  sudo /usr/bin/python3 -m pytest tests/integration/test_filters.py [-k NAME] [--plugin build/sipcat.so]

Options (or the environment variables named) say what to test; without them
the plugin is build/sipcat.so of the source tree this file is in and the
Wireshark series is that of the tshark on PATH."""
import os
import re
import subprocess
import sys

import pytest

# Assertions in helper modules get pytest's explanations too (test modules and
# this file have them anyway). Must come before they are imported.
pytest.register_assert_rewrite("batch_tool", "expected_files", "expert_lines", "source_tree", "stats_tree_text",
                               "tshark_env", "uat_rows", "diagnosis_rows", "field_flags")

from source_tree import PublicCaptures, Source, public_captures as find_public_captures, public_folder  # noqa: E402
from tshark_env import Tshark  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def pytest_addoption(parser):
    g = parser.getgroup("sipcat")
    g.addoption("--plugin", default=os.environ.get("SIPCAT_PLUGIN"),
                help="the sipcat.so under test (SIPCAT_PLUGIN; default: build/sipcat.so of the source tree)")
    g.addoption("--series", default=os.environ.get("SIPCAT_SERIES"),
                help="Wireshark series the plugin is built for, e.g. 4.0 (SIPCAT_SERIES; default: tshark's)")
    g.addoption("--source", default=os.environ.get("SIPCAT_SOURCE", os.path.dirname(os.path.dirname(HERE))),
                help="the source tree (SIPCAT_SOURCE; default: the one holding this file)")
    g.addoption("--preload", default=os.environ.get("SIPCAT_PRELOAD"),
                help="sanitizer runtime to preload into tshark (sanitized builds; SIPCAT_PRELOAD)")
    g.addoption("--skipped-exit", type=int, default=None,
                help="exit status when tests were skipped and none failed (ctest's SKIP_RETURN_CODE)")


def pytest_configure(config):
    # Bare asserts vanish under -O / PYTHONOPTIMIZE wherever pytest does not
    # rewrite them: a test that cannot fail must not look green.
    if sys.flags.optimize:
        raise pytest.UsageError("the sipcat tests refuse to run with python -O or PYTHONOPTIMIZE: "
                                "assert statements would not be executed")


# Outcomes of this run, for pytest_sessionfinish.
COUNTS = {"failed": 0, "skipped": 0}


def pytest_runtest_logreport(report):
    if report.failed:
        COUNTS["failed"] += 1
    elif report.skipped and not hasattr(report, "wasxfail"):
        COUNTS["skipped"] += 1


def pytest_sessionfinish(session, exitstatus):
    """A module with a skipped test and no failure reports "skipped" to ctest:
    it passes only when everything in it ran."""
    code = session.config.getoption("skipped_exit")
    if code is not None and exitstatus == 0 and COUNTS["skipped"] and not COUNTS["failed"]:
        session.exitstatus = code


class Settings:
    def __init__(self, config):
        self.source = os.path.abspath(config.getoption("source"))
        self.plugin = config.getoption("plugin") or os.path.join(self.source, "build", "sipcat.so")
        if not os.path.isfile(self.plugin):
            pytest.exit(f"no plugin at {self.plugin}: build it or give --plugin", pytest.ExitCode.USAGE_ERROR)
        self.series = config.getoption("series") or tshark_series()
        self.preload = config.getoption("preload")


def tshark_series():
    first = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    m = re.search(r"(\d+)\.(\d+)\.\d+", first)
    if not m:
        pytest.exit(f"cannot read tshark's version from {first!r}: give --series", pytest.ExitCode.USAGE_ERROR)
    return f"{m.group(1)}.{m.group(2)}"


@pytest.fixture(scope="session")
def settings(pytestconfig):
    return Settings(pytestconfig)


@pytest.fixture
def ts(settings):
    """tshark with the plugin under test, in a private HOME of its own for each test."""
    t = Tshark(settings.plugin, settings.series, preload=settings.preload)
    yield t
    t.close()


@pytest.fixture(scope="session")
def source(settings):
    return Source(settings.source)


@pytest.fixture(scope="session")
def public(source):
    """../shared/captures/public, or the test is skipped with a message saying where it was looked for."""
    return find_public_captures(source)


def pytest_generate_tests(metafunc):
    """A test taking `public_name` runs once per capture of the public set's
    MANIFEST; without the set, once, to be skipped by the `public` fixture."""
    if "public_name" in metafunc.fixturenames:
        folder = public_folder(Source(os.path.abspath(metafunc.config.getoption("source"))))
        try:
            names = PublicCaptures(folder).names()
        except OSError:
            names = ["absent"]
        metafunc.parametrize("public_name", names)
