"""The statistics tree `-z sipcat,tree[,FILTER]` against expected trees; its
counts against sip.Status-Code less retransmissions."""
from expected_files import compare
from stats_tree_text import check_counts, tree_text
from uat_rows import uat_row


def test_stats_tree(ts, source):
    """Expected tree for the Kamailio capture; counts match sip.Status-Code less retransmissions."""
    rows = check_counts(ts, source.capture("kamailio-diagnosis-udp"))
    compare(tree_text(rows), source.expected("kamailio-diagnosis-udp.tree.tsv"))


def test_stats_tree_filter(ts, source):
    """A display filter argument restricts the tree; German labels follow the language preference."""
    rows = check_counts(ts, source.capture("kamailio-diagnosis-udp"),
                        tree_filter='sipcat.method == "INVITE" && sipcat.class >= 4')
    compare(tree_text(rows), source.expected("kamailio-diagnosis-udp.tree-invite-failures.tsv"))
    rows = check_counts(ts, source.capture("sipp-codes-udp"), extra=["-o", "sipcat.language:de"])
    labels = [l.strip() for l, _, _ in rows]
    assert "Antworten (ohne Wiederholungen)" in labels and "Ergebnisse der Anrufe" in labels, labels
    assert any(l.startswith("486 Busy Here: Das Gerät des Angerufenen ist besetzt") for l in labels), labels
    # Class names and call outcomes in German too.
    assert "4xx Client-Fehler" in labels and "2xx Erfolg" in labels and "besetzt" in labels, labels
    assert not any("Client Error" in l or l == "busy" for l in labels), labels
    # A user's row shows in the tree with the user's words, and 499 is counted as itself.
    row = uat_row("499", "", "", "Provider code: prepaid credit used up.", "", "")
    rows = check_counts(ts, source.capture("sipp-codes-udp"), extra=["-o", "uat:sipcat_overrides:" + row])
    assert any(l.strip() == "499 (unregistered code): Provider code: prepaid credit used up." for l, _, _ in rows)
