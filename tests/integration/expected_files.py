"""Expected files (tests/expected): the field lists they were written with,
and the comparison that names the first differing line. They are written as
Wireshark 4.0 prints; what later versions print differently is mapped here,
exactly, and nowhere else."""

FIELDS = ["frame.number", "sip.Status-Code", "sip.CSeq.method", "sipcat.code", "sipcat.class",
          "sipcat.method", "sipcat.known", "sipcat.reason", "sipcat.rfc", "sipcat.summary"]
DIAG_FIELDS = ["frame.number", "udp.dstport", "sipcat.code", "sipcat.method", "sipcat.request_frame", "sipcat.auth",
               "sipcat.expected", "sipcat.call.outcome", "sipcat.retransmission", "sipcat.q850.cause",
               "sipcat.warning.code", "sipcat.retry_after"]

# Boolean columns per kind of expected file.
BOOL_COLUMNS = {"fields": [FIELDS.index("sipcat.known")],
                "diagnosis": [DIAG_FIELDS.index("sipcat.expected"), DIAG_FIELDS.index("sipcat.retransmission")]}


# Frames with a response annotation or a request's Reason: the findings on requests nobody answers
# (test_silence.py) differ by design between one pass and two, and are left out here.
ANNOTATED = "sipcat.code || sipcat.bad_status || sipcat.q850.cause || sipcat.reason.sip.cause"


def fields_text(ts, capture, extra=()):
    """The FIELDS columns of every frame with a response annotation (ANNOTATED), as -T fields prints them."""
    rows = ts.fields(capture, FIELDS, extra=list(extra) + ["-Y", ANNOTATED])
    return "".join("\t".join(r) + "\n" for r in rows)


def for_version(version, text, kind):
    """Wireshark 4.2 and later print booleans in -T fields as True/False, 4.0 as 1/0."""
    if version < (4, 2) or kind not in BOOL_COLUMNS:
        return text
    names = {"1": "True", "0": "False", "": ""}
    lines = []
    for line in text.splitlines():
        cols = line.split("\t")
        for c in BOOL_COLUMNS[kind]:
            cols[c] = "|".join(names[v] for v in cols[c].split("|"))
        lines.append("\t".join(cols))
    return "".join(l + "\n" for l in lines)


def compare(actual, expected_file, version=None, kind=None):
    """Fails naming the first line of `expected_file` that `actual` differs in."""
    with open(expected_file, encoding="utf-8") as f:
        expected = f.read()
    if version is not None:
        expected = for_version(version, expected, kind)
    if actual != expected:
        a, e = actual.splitlines(), expected.splitlines()
        for i, (x, y) in enumerate(zip(a, e)):
            if x != y:
                raise AssertionError(f"{expected_file}:{i + 1} differs\n expected: {y}\n actual:   {x}")
        raise AssertionError(f"{expected_file}: {len(e)} lines expected, {len(a)} got")
