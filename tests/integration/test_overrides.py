"""The user table sipcat_overrides and the severity preferences: files in a
profile, the personal and the global folder, -o uat: rows, and bad rows."""
import collections
import hashlib
import os

from expert_lines import expert_items, severity_of
from uat_rows import uat_file, uat_row

# The provider FAQ of the seeds, as the provider would enter it (en and de).
PROVIDER_401_EN = ("Login to our VoIP service failed: this is the most common error message of the service.",
                   "Check your user name (your phone number in international format) and the password shown in "
                   "the customer portal; in isolated cases resetting the password there helps.")
PROVIDER_401_DE = ("Die Anmeldung an unserem VoIP-Dienst ist fehlgeschlagen; die häufigste Fehlermeldung des Dienstes.",
                   "Benutzernamen (Rufnummer im internationalen Format) und Passwort aus dem Kundenportal prüfen; "
                   "in Einzelfällen hilft es, das Passwort dort neu zu setzen.")
FRITZ_487 = "A FRITZ!Box ends an unanswered call with 487 after 60 seconds."
PREPAID_499 = ("Provider code: the prepaid credit is used up.", "Top up the account in the customer portal.")
REMEDY_486 = "Ask the callee to free the line, or send the call to voicemail."


def by_frame(ts, capture, fields, extra=()):
    rows = ts.fields(capture, ["frame.number"] + fields, extra=list(extra) + ["-Y", "sipcat.code"])
    return {int(r[0]): dict(zip(fields, r[1:])) for r in rows}


def test_overrides_profile(ts, source):
    """The seed's provider text for 401 on REGISTER, in a profile: shown with
    sipcat.source == "user" in that profile only; empty cells keep the built-in
    text; an added code; severities changed and switched off."""
    # The example shipped in share/, plus a row that only sets a remedy.
    with open(source.path("share", "sipcat_overrides.example"), encoding="utf-8") as f:
        example = f.read()
    ts.write_config("sipcat_overrides", example + uat_row("486", "", "", "", REMEDY_486, "") + "\n",
                    profile="provider")
    diag, codes = source.capture("kamailio-diagnosis-udp"), source.capture("sipp-codes-udp")
    fields = ["sipcat.code", "sipcat.method", "sipcat.source", "sipcat.explanation", "sipcat.remedy"]
    builtin = by_frame(ts, diag, fields)
    user = by_frame(ts, diag, fields, ["-C", "provider"])
    german = by_frame(ts, diag, fields, ["-C", "provider", "-o", "sipcat.language:de"])
    _, err = ts.run(["-C", "provider", "-c", "1"], diag)
    assert "sipcat_overrides" not in err and "Error loading table" not in err, err
    reg401 = [f for f, r in user.items() if r["sipcat.code"] == "401" and r["sipcat.method"] == "REGISTER"]
    assert len(reg401) == 5, user
    for f in reg401:
        assert (user[f]["sipcat.explanation"], user[f]["sipcat.remedy"]) == PROVIDER_401_EN, user[f]
        assert (german[f]["sipcat.explanation"], german[f]["sipcat.remedy"]) == PROVIDER_401_DE, german[f]
        assert user[f]["sipcat.source"] == "user" and builtin[f]["sipcat.source"] == "builtin"
        assert builtin[f]["sipcat.remedy"] not in (PROVIDER_401_EN[1], ""), builtin[f]
    for f, r in user.items():
        if f not in reg401 and r["sipcat.code"] not in ("486", "487", "180"):
            assert r == builtin[f], f"frame {f}: a row for another code or method changed it: {r}"
    out, _ = ts.run(["-C", "provider", "-Y", 'sipcat.source == "user" && sipcat.code == 401', "-T", "fields",
                     "-e", "frame.number"], diag)
    assert sorted(int(x) for x in out.split()) == sorted(reg401)

    builtin = by_frame(ts, codes, fields)
    user = by_frame(ts, codes, fields, ["-C", "provider"])
    f486 = next(f for f, r in user.items() if r["sipcat.code"] == "486")
    assert user[f486]["sipcat.remedy"] == REMEDY_486
    assert user[f486]["sipcat.explanation"] == builtin[f486]["sipcat.explanation"] != "", "empty cell must keep it"
    f499 = next(f for f, r in user.items() if r["sipcat.code"] == "499")
    assert (user[f499]["sipcat.explanation"], user[f499]["sipcat.remedy"]) == PREPAID_499
    assert user[f499]["sipcat.source"] == "user"
    f401 = [f for f, r in user.items() if r["sipcat.code"] == "401" and r["sipcat.method"] != "REGISTER"]
    assert f401 and all(user[f] == builtin[f] for f in f401), "the REGISTER rows must not touch 401 to INVITE"

    items = expert_items(ts.run(["-C", "provider", "-q", "-z", "expert,sipcat"], codes)[0])
    plain = expert_items(ts.run(["-q", "-z", "expert,sipcat"], codes)[0])
    assert severity_of(items, "499 (unregistered code): " + " ".join(PREPAID_499)) == "Errors"
    assert severity_of(plain, "499 (unregistered code): ") == "Warns"
    assert severity_of(items, "487 Request Terminated: " + FRITZ_487) == "Notes"
    assert severity_of(plain, "487 Request Terminated: ") == "Warns"
    assert severity_of(items, "180 Ringing") is None and severity_of(plain, "180 Ringing") == "Chats"
    assert severity_of(items, "486 Busy Here: " + REMEDY_486) == "Warns"
    # The user's table explains 499 now, so it is no longer "unknown"; 699 still is.
    unknown = [t for s, g, n, t in items if t.startswith("Unregistered code")]
    assert len([t for t in unknown if "600 Busy Everywhere" in t]) == 1 and len(unknown) == 1, unknown


def test_overrides_global_personal(ts, source):
    """A global file serves everyone; a personal file replaces it as a whole
    (Wireshark's rule for tables); a profile without its own file uses the global one."""
    cap = source.capture("sipp-codes-udp")
    fields = ["sipcat.code", "sipcat.source", "sipcat.explanation"]
    ts.write_global("sipcat_overrides", uat_file([("486", "", "", "global 486", "", ""),
                                                  ("480", "", "", "global 480", "", "")]))
    rows = {r["sipcat.code"]: r for r in by_frame(ts, cap, fields).values()}
    assert rows["486"]["sipcat.explanation"] == "global 486" and rows["480"]["sipcat.explanation"] == "global 480"
    assert rows["486"]["sipcat.source"] == "user"
    ts.write_config("sipcat_overrides", uat_file([("486", "", "", "personal 486", "", "")]))
    rows = {r["sipcat.code"]: r for r in by_frame(ts, cap, fields).values()}
    assert rows["486"]["sipcat.explanation"] == "personal 486"
    assert rows["480"]["sipcat.source"] == "builtin", "the personal file replaces the global one"
    ts.write_config("dummy", "", profile="empty")  # a profile without its own table
    rows = {r["sipcat.code"]: r for r in by_frame(ts, cap, fields, ["-C", "empty"]).values()}
    assert rows["486"]["sipcat.explanation"] == "global 486"


def test_overrides_option_rows(ts, source):
    """-o uat:sipcat_overrides rows: alone, and after a file's rows (the later row wins)."""
    cap = source.capture("sipp-codes-udp")
    fields = ["sipcat.code", "sipcat.source", "sipcat.explanation", "sipcat.remedy"]
    opt = ["-o", "uat:sipcat_overrides:" + uat_row("486", "INVITE", "en", "from the command line", "", "")]
    rows = {r["sipcat.code"]: r for r in by_frame(ts, cap, fields, opt).values()}
    assert rows["486"]["sipcat.explanation"] == "from the command line" and rows["486"]["sipcat.source"] == "user"
    ts.write_config("sipcat_overrides", uat_file([("486", "INVITE", "en", "from the file", "file remedy", ""),
                                                  ("480", "", "", "file 480", "", "")]))
    rows = {r["sipcat.code"]: r for r in by_frame(ts, cap, fields, opt).values()}
    assert rows["486"]["sipcat.explanation"] == "from the command line"
    assert rows["486"]["sipcat.remedy"] == "file remedy", "fields the later row leaves empty come from the earlier"
    assert rows["480"]["sipcat.explanation"] == "file 480"
    bad = ["-o", "uat:sipcat_overrides:" + uat_row("99", "", "", "x", "", "")]
    out, err = ts.run(opt + bad + ["-Y", "sipcat.code == 486", "-T", "fields", "-e", "sipcat.explanation"], cap)
    assert out.strip() == "from the command line", out
    assert 'sipcat_overrides: row 4 (code "99"): the code must be a number from 100 to 699; row ignored' in err, err


BAD_ROWS = [
    (("99", "", "", "too small", "", ""), 'row {n} (code "99"): the code must be a number from 100 to 699'),
    (("700", "", "", "too big", "", ""), 'row {n} (code "700"): the code must be a number from 100 to 699'),
    (("4o4", "", "", "letter o", "", ""), 'row {n} (code "4o4"): the code must be a number from 100 to 699'),
    (("", "", "", "", "", ""), "row {n}: the row is empty"),
    (("", "", "", "no code", "", ""), "row {n}: the code is missing"),
    (("480", "", "fr", "français", "", ""), 'row {n} (code "480"): unknown language "fr" (the catalogue has en, de'),
    (("480", "", "", "loud", "", "critical"), 'row {n} (code "480"): unknown severity "critical"'),
    (("480", "", "", "x" * 1001, "", ""), 'row {n} (code "480"): the explanation is 1001 bytes long'),
    (("480", "IN VITE", "", "space", "", ""), 'row {n} (code "480"): the method "IN VITE" is not a SIP method name'),
    (("480", "INVITE", "en", "", "", ""), 'row {n} (code "480"): nothing to override'),
]


def test_overrides_bad_rows(ts, source):
    """Each bad row is refused with a message naming it; the good rows around
    them apply; the file on disk is not rewritten; a corrupt or unreadable file
    does not stop tshark."""
    cap = source.capture("sipp-codes-udp")
    rows = [("486", "", "", "good before", "", "")]
    for bad, _ in BAD_ROWS:
        rows.append(bad)
    rows.append(("603", "", "", "good after", "", "error"))
    path = ts.write_config("sipcat_overrides", uat_file(rows))
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    out, err = ts.run(["-T", "fields", "-e", "sipcat.code", "-e", "sipcat.source", "-e", "sipcat.explanation",
                       "-Y", "sipcat.code == 486 || sipcat.code == 480 || sipcat.code == 603"], cap)
    got = {line.split("\t")[0]: line.split("\t")[1:] for line in out.splitlines()}
    assert got["486"] == ["user", "good before"] and got["603"] == ["user", "good after"], got
    assert got["480"][0] == "builtin", got
    for i, (_, message) in enumerate(BAD_ROWS):
        want = "tshark: sipcat_overrides: " + message.format(n=i + 2)
        assert want in err, f"missing message {want!r} in:\n{err}"
    assert err.count("sipcat_overrides: row") == len(BAD_ROWS), err
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == digest, "the plugin rewrote the table file"

    # Corrupt or unreadable files: Wireshark's loader reports them; tshark runs on with the built-in texts.
    for content, mode in ((bytes(range(256)) * 8, 0o644), (b'"486","","","short row"\n', 0o644),
                          (uat_file([("486", "", "", "hidden", "", "")]).encode(), 0o000)):
        path = ts.write_config("sipcat_overrides", content)
        os.chmod(path, mode)
        out, err = ts.run(["-T", "fields", "-e", "sipcat.source", "-Y", "sipcat.code == 486"], cap)
        # (Wireshark 4.0's table loader echoes bytes it cannot parse to stdout; not ours to fix.)
        assert out.splitlines()[-1].endswith("builtin"), (out, err)
        assert "Error loading table 'SIP response overrides'" in err, err


def test_severity_prefs(ts, source):
    """Severity per class, "off" hiding a class's sipcat.response items;
    expected failures stay lowered; the remedy preference with a user row."""
    cap = source.capture("sipp-codes-udp")
    counts = lambda items: collections.Counter(s for s, g, n, t in items for _ in range(n) if g == "Response")
    plain = expert_items(ts.run(["-q", "-z", "expert,sipcat"], cap)[0])
    quiet = expert_items(ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.severity_1xx:off",
                                 "-o", "sipcat.severity_2xx:off"], cap)[0])
    responses = ts.fields(cap, ["sip.Status-Code"], ["-Y", "sip.Status-Code"])
    codes = [int(c) for r in responses for c in r[0].split("|")]
    low = sum(1 for c in codes if c < 300)
    assert counts(plain)["Chats"] - counts(quiet)["Chats"] == low, (counts(plain), counts(quiet), low)
    assert severity_of(quiet, "180 Ringing") is None and severity_of(quiet, "200 OK") is None
    assert severity_of(quiet, "401 Unauthorized") == "Chats", "a first challenge stays chat"
    loud = expert_items(ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.severity_4xx:error"], cap)[0])
    assert severity_of(loud, "486 Busy Here") == "Errors" and severity_of(loud, "401 Unauthorized") == "Chats"
    assert severity_of(loud, "491 Request Pending") == "Notes", "expected failures are lowered to note"
    # A row's severity beats the class preference, also "off".
    row = ["-o", "uat:sipcat_overrides:" + uat_row("486", "", "", "", "", "chat")]
    items = expert_items(ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.severity_4xx:off"] + row, cap)[0])
    assert severity_of(items, "486 Busy Here") == "Chats" and severity_of(items, "480 Temporarily") is None
    # With remedy_in_expert a user remedy is in the line once.
    row = ["-o", "uat:sipcat_overrides:" + uat_row("486", "", "", "", REMEDY_486, "")]
    items = expert_items(ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.remedy_in_expert:TRUE"] + row,
                                cap)[0])
    line = next(t for s, g, n, t in items if t.startswith("486 "))
    assert line == "486 Busy Here: " + REMEDY_486, line
