"""The rules of this suite, checked: it refuses to run where asserts vanish,
a skip reaches ctest as a skip, and test modules do not import each other."""
import ast
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_MODULES = sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("test_") and f.endswith(".py"))


def pytest_run(settings, args, python_flags=(), env=None, source=None):
    """pytest in a child process on a module of this folder, with the options of this run."""
    cmd = [sys.executable, *python_flags, "-m", "pytest", "-p", "no:cacheprovider", *args,
           "--plugin", settings.plugin, "--series", settings.series, "--source", source or settings.source]
    if settings.preload:
        cmd += ["--preload", settings.preload]
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONOPTIMIZE", "SIPCAT_REQUIRE_PUBLIC")}
    full.update(env or {})
    return subprocess.run(cmd, cwd=HERE, env=full, capture_output=True, text=True, timeout=600)


def test_refuses_python_O(settings):
    """python -O and PYTHONOPTIMIZE, the two ways of turning asserts off: a usage error, no test run."""
    for flags, env in ((["-O"], None), ([], {"PYTHONOPTIMIZE": "1"})):
        p = pytest_run(settings, ["test_plugin.py"], flags, env)
        assert p.returncode == 4 and "refuse to run with python -O" in p.stderr, (flags, env, p.returncode,
                                                                                  p.stdout, p.stderr)
        assert "passed" not in p.stdout, p.stdout


def test_skip_reaches_ctest(settings, tmp_path):
    """A module whose tests skip exits with --skipped-exit; without it, 0 as pytest does."""
    empty = str(tmp_path / "src")  # a source tree with no ../shared beside it
    os.makedirs(empty)
    p = pytest_run(settings, ["test_public_batch.py", "--skipped-exit", "77"], source=empty)
    assert p.returncode == 77 and "public captures not found at" in p.stdout, (p.returncode, p.stdout, p.stderr)
    p = pytest_run(settings, ["test_public_batch.py"], source=empty)
    assert p.returncode == 0 and "1 skipped" in p.stdout, (p.returncode, p.stdout)
    # Where the public set must be there (tests/matrix/run), its absence fails.
    p = pytest_run(settings, ["test_public_batch.py", "--skipped-exit", "77"], env={"SIPCAT_REQUIRE_PUBLIC": "1"},
                   source=empty)
    assert p.returncode == 1 and "SIPCAT_REQUIRE_PUBLIC=1" in p.stdout, (p.returncode, p.stdout)


def test_no_test_module_imports_another():
    """Shared helpers live in modules that are not test modules; conftest.py is not imported."""
    for name in TEST_MODULES:
        with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        assert not imported & (set(TEST_MODULES) | {"conftest"}), (name, imported & set(TEST_MODULES))
