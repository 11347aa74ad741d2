"""Paths in the source tree the tests read: own captures, expected files, the
public captures in ../shared (present on some machines only)."""
import collections
import os

import pytest


class Source:
    def __init__(self, root):
        self.root = root

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def capture(self, name):
        return self.path("tests", "captures", name + ".pcapng")

    def expected(self, name):
        return self.path("tests", "expected", name)


class PublicCaptures:
    """../shared/captures/public and its MANIFEST.tsv (one row per file)."""

    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "MANIFEST.tsv"), encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            self.manifest = {}
            for line in f:
                row = dict(zip(head, line.rstrip("\n").split("\t")))
                self.manifest[row["file"]] = row

    def path(self, name):
        return os.path.join(self.folder, name)

    def names(self):
        return sorted(self.manifest)

    def status_codes(self, name):
        """code -> count as the MANIFEST lists them."""
        want = collections.Counter()
        for item in self.manifest[name]["status_codes(code:count)"].split():
            code, n = item.split(":")
            want[code] += int(n)
        return want


def public_folder(source):
    return os.path.normpath(source.path("..", "shared", "captures", "public"))


def public_captures(source):
    """The public set, or a skip that says why (a failure where the caller said
    it must be there: SIPCAT_REQUIRE_PUBLIC=1, as tests/matrix/run does)."""
    d = public_folder(source)
    if not os.path.isfile(os.path.join(d, "MANIFEST.tsv")):
        why = f"public captures not found at {d}"
        if os.environ.get("SIPCAT_REQUIRE_PUBLIC") == "1":
            pytest.fail(why + ", and SIPCAT_REQUIRE_PUBLIC=1 says they must be there")
        pytest.skip(why + "; the tests on that set are skipped")
    return PublicCaptures(d)
