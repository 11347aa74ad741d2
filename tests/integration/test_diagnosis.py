"""The diagnosis in context on a capture made by Kamailio between SIPp peers
(tests/kamailio/record-diagnosis.sh)."""
import pytest

from expected_files import DIAG_FIELDS, compare


@pytest.mark.parametrize("passes", [[], ["-2"]], ids=["one_pass", "two_pass"])
def test_diagnosis(ts, source, passes):
    """Every rule of the diagnosis on both legs of each call."""
    rows = ts.fields(source.capture("kamailio-diagnosis-udp"), DIAG_FIELDS, extra=passes + ["-Y", "sipcat"])
    text = "".join("\t".join(r) + "\n" for r in rows)
    compare(text, source.expected("kamailio-diagnosis-udp.diagnosis.tsv"), ts.version, "diagnosis")


def test_diagnosis_experts(ts, source):
    cap = source.capture("kamailio-diagnosis-udp")
    out, _ = ts.run(["-q", "-z", "expert,sipcat"], cap)
    rejected = [l for l in out.splitlines() if "Credentials rejected" in l]
    assert len(rejected) == 2, rejected  # bob's REGISTER and alice's INVITE with a wrong password
    assert any('user "bob"' in l for l in rejected) and any('user "alice"' in l for l in rejected), rejected
    assert "Reason: Q.850 cause 21, \"Call rejected\"" in out, out
    assert "Warning 305 \"Incompatible media format\" (RFC 3261 §20.43): One or more offered media formats" in out, out
    assert "Warning 399 \"No trunk available\"" in out, out
    assert "503 Service Unavailable: " in out and "Retry after 120 s." in out, out
    rows = ts.fields(cap, ["sipcat.request_frame", "sipcat.request_uri"], extra=["-Y", "frame.number == 8"])
    assert rows == [["7", "sip:127.0.0.1:5090"]], rows
    # The Reason leads: its expert item comes before the response's in the frame.
    rows = ts.fields(cap, ["_ws.expert.message"], extra=["-Y", "frame.number == 81"])
    messages = rows[0][0].split("|")
    assert messages[0].startswith("Reason: Q.850 cause 21") and messages[1].startswith("603 Decline"), messages
    # In German too.
    out, _ = ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.language:de"], cap)
    assert "Zugangsdaten abgelehnt" in out and "Grund: Q.850-Ursache 21" in out, out
    assert "Warnung 399 \"No trunk available\" (RFC 3261 §20.43): " in out, out
