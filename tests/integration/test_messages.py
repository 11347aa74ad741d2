"""The plugin's sentences as users read them: counts in the right plural form,
ordinals written per language, no placeholder left unfilled (messages.h,
catalogue/README.md), on every capture of the tests in both languages."""
import glob
import os
import re

import pytest

# What a counted or ordinal text must never say, whatever the numbers were.
WRONG = [re.compile(p) for p in (
    r"(?<![0-9])[01] challenges\b", r"(?<![0-9])[01] Challenges\b",   # "0 challenges", "1 challenges"
    r"(?<![0-9])1 Warning values\b", r"(?<![0-9])1 Warning-Werte\b",
    r"(?<![0-9])(?:1|[02-9]1|[0-9]*[02-9]1)th\b",                      # "1th", "21th"
    r"(?<![0-9])(?:[0-9]*[02-9])?2th\b", r"(?<![0-9])(?:[0-9]*[02-9])?3th\b",  # "2th", "3th", "23th"
    r"\{[a-z_]+\}",                                                    # a placeholder left as it is
)]


def captures(source):
    return sorted(glob.glob(source.path("tests", "captures", "*.pcapng")))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_wrong_count_ordinal_or_placeholder(ts, source, lang):
    seen = 0
    for cap in captures(source):
        out, _ = ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.language:" + lang], cap)
        for line in out.splitlines():
            if "SIPCAT" not in line:
                continue
            seen += 1
            for w in WRONG:
                assert not w.search(line), (os.path.basename(cap), w.pattern, line)
    assert seen > 100, seen


def test_counts_take_the_plural_form(ts, source):
    """The third challenge without a success is a loop of 3: the plural form,
    with its plural "frames", in both languages."""
    cap = source.capture("diagnosis-rules")
    out, _ = ts.run(["-q", "-z", "expert,sipcat"], cap)
    assert out.count("Challenge loop: 3 challenges in this dialog or registration without a success in between "
                     "(earlier: frames 2, 4).") == 1, out
    out, _ = ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.language:de"], cap)
    assert out.count("Challenge-Schleife: 3 Challenges in diesem Dialog bzw. dieser Registrierung ohne Erfolg "
                     "dazwischen (vorige: Frames 2, 4).") == 1, out


def test_wrong_patterns_catch_what_they_are_for():
    """The patterns above would see the old mistakes."""
    for bad in ("401 for the 3th time", "(0 challenges in this dialog", "(1 challenges in", "zum 21th Mal",
                "user \"{user}\"", "the first 1 Warning values"):
        assert any(w.search(bad) for w in WRONG), bad
    for good in ("401 for the 3rd time", "11th", "12th", "13th", "111th", "(after 2 challenges", "zum 3. Mal",
                 "(after 1 challenge in", "the first 32 Warning values"):
        assert not any(w.search(good) for w in WRONG), good
