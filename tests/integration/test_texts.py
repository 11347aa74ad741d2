"""The texts users read: per method, in both languages, wrapped lines, and
the notes on what a response lacks or gets wrong."""
import json
import xml.etree.ElementTree as ET

import pytest

from expected_files import ANNOTATED, compare


def test_wrapped_lines(ts, source):
    """Long texts are also shown line by line (tree labels stop at 240 bytes):
    the first line in the item's label, the others below it; the lines fit and
    join to the whole field; the preference turns them off."""
    args = ["-Y", "sipcat.code == 401 && sipcat.method == \"REGISTER\""]
    for lang, names in (("en", ("Explanation", "Remedy")), ("de", ("Erklärung", "Abhilfe"))):
        out, _ = ts.run(args + ["-T", "pdml", "-o", "sipcat.language:" + lang], source.capture("sipp-codes-udp"))
        pdml = ET.fromstring(out)
        for field, name in zip(("sipcat.explanation", "sipcat.remedy"), names):
            item = pdml.find(f".//field[@name='{field}']")
            assert item.get("showname").startswith(name + ": "), (field, item.get("showname"))
            lines = [item.get("showname")[len(name) + 2:]] + [c.get("show") for c in item]
            assert len(lines) >= 3, (field, lines)
            assert all(0 < len(l.encode()) <= 110 for l in lines), lines
            assert " ".join(lines) == item.get("show"), (field, lines, item.get("show"))
    args += ["-T", "json", "--no-duplicate-keys"]
    out, _ = ts.run(args + ["-o", "sipcat.wrap_long_text:FALSE"], source.capture("sipp-codes-udp"))
    cat = json.loads(out)[0]["_source"]["layers"]["sipcat"]
    assert "sipcat.remedy_tree" not in cat and cat["sipcat.remedy"].startswith("Normal on the first REGISTER")


def test_method_specific_text(ts, source):
    rows = ts.fields(source.capture("sipp-codes-udp"),
                     ["sipcat.code", "sipcat.method", "sipcat.remedy", "sipcat.summary"],
                     extra=["-Y", " || ".join("sipcat.code == " + c for c in ("401", "429", "481", "489"))])
    remedies = {(c, m): r for c, m, r, _ in rows}
    summaries = {(c, m): s for c, m, _, s in rows}
    assert remedies[("401", "REGISTER")].startswith("Normal on the first REGISTER"), remedies
    assert remedies[("401", "INVITE")].startswith("Normal on the first INVITE"), remedies
    assert remedies[("481", "BYE")].startswith("The call was already gone"), remedies
    assert remedies[("481", "CANCEL")].startswith("Usually harmless: the callee answered just as"), remedies
    # Summaries vary by method too: the general text, and the CANCEL, REFER and SUBSCRIBE ones.
    assert summaries[("481", "BYE")].startswith("The request matches no dialog or transaction"), summaries
    assert summaries[("481", "CANCEL")].startswith("The CANCEL found no INVITE transaction"), summaries
    assert summaries[("429", "REFER")].startswith("The referee refuses this REFER"), summaries
    assert summaries[("489", "SUBSCRIBE")].startswith("The notifier does not support"), summaries


# Summaries and explanations vary by method too (issue 15): a 405 to OPTIONS shows the peer is up, 202 to
# SUBSCRIBE is a deprecated 200, 200 to OPTIONS reports the state an INVITE would meet; English and German.
METHOD_TEXT_FIELDS = ["sipcat.code", "sipcat.method", "sipcat.summary", "sipcat.explanation", "sipcat.remedy"]
METHOD_TEXTS = {
    "en": {("405", "OPTIONS", 0): "The peer is up (it answered)",
           ("405", "OPTIONS", 2): "The 405 is itself an answer",
           ("202", "SUBSCRIBE", 0): "Deprecated here: treat it exactly like 200",
           ("202", "SUBSCRIBE", 1): "Under RFC 3265 a notifier sent 202",
           ("200", "OPTIONS", 1): "The peer is up and answers with the code an INVITE",
           ("204", "SUBSCRIBE", 2): "Check that the SUBSCRIBE was sent inside an established",
           ("413", "MESSAGE", 2): "Shorten the message",
           ("415", "MESSAGE", 2): "Resend the text as text/plain"},
    "de": {("405", "OPTIONS", 0): "Die Gegenstelle ist erreichbar (sie antwortet)",
           ("202", "SUBSCRIBE", 0): "Hier veraltet: genau wie 200 behandeln",
           ("200", "OPTIONS", 1): "Die Gegenstelle ist erreichbar und antwortet"},
}


@pytest.mark.parametrize("lang", sorted(METHOD_TEXTS))
def test_method_specific_summary_and_explanation(ts, source, lang):
    flt = ["-Y", " || ".join("sipcat.code == %d" % c for c in (200, 202, 204, 405, 413, 415))]
    rows = ts.fields(source.capture("sipp-codes-udp"), METHOD_TEXT_FIELDS,
                     extra=flt + ["-o", "sipcat.language:" + lang])
    texts = {(c, m): t for c, m, *t in rows}
    for (code, method, i), start in METHOD_TEXTS[lang].items():
        got = texts[(code, method)][i]
        assert got.startswith(start), (lang, code, method, METHOD_TEXT_FIELDS[2 + i], got)


LANG_FIELDS = ["frame.number", "sipcat.code", "sipcat.method", "sipcat.summary", "sipcat.explanation",
               "sipcat.remedy", "sipcat.note"]


def test_languages(ts, source):
    """Every code in both languages (-o sipcat.language), as users read it."""
    cap = source.capture("sipp-codes-udp")
    texts = {}
    for lang in ("en", "de"):
        rows = ts.fields(cap, LANG_FIELDS, extra=["-o", "sipcat.language:" + lang, "-Y", ANNOTATED])
        for r in rows:
            assert all(r[1:6]), f"{lang}: empty field in {r}"
        texts[lang] = "".join("\t".join(r) + "\n" for r in rows)
        compare(texts[lang], source.expected(f"sipp-codes-udp.{lang}.tsv"))
    assert texts["en"] != texts["de"]
    # The expert text follows the language too.
    out, _ = ts.run(["-o", "sipcat.language:de", "-q", "-z", "expert,sipcat.code == 486"], cap)
    assert "486 Busy Here: Das Gerät des Angerufenen ist besetzt" in out, out
    # The subtree label of an unregistered code, in both languages.
    for lang, label in (("en", "[SIP Response Catalogue: 499 (unregistered code) (Client Error)]"),
                        ("de", "[SIP-Antwortkatalog: 499 (nicht registrierter Code) (Client-Fehler)]")):
        out, _ = ts.run(["-o", "sipcat.language:" + lang, "-V", "-Y", "sipcat.code == 499"], cap)
        assert label in out.splitlines(), (lang, [l for l in out.splitlines() if "Catalogue" in l])


DE_486 = ("Das Gerät des Angerufenen ist besetzt; später erneut versuchen, "
          "evtl. ist er anderswo erreichbar (etwa über die Mailbox).")
EN_486 = "The callee's device is busy; try later or elsewhere (e.g. voicemail)."


@pytest.mark.parametrize("locale, extra, want", [
    ({"LANG": "de_DE.UTF-8"}, [], DE_486),
    ({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, [], DE_486),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, [], EN_486),
    ({"LANG": "fr_FR.UTF-8"}, [], EN_486),  # no French: the default language
    ({"LANG": "de_DE.UTF-8"}, ["-o", "sipcat.language:en"], EN_486),
], ids=["LANG", "LC_MESSAGES_before_LANG", "LC_ALL_first", "unknown_language", "preference_beats_locale"])
def test_language_auto(ts, source, locale, extra, want):
    """The default language follows the locale: LC_ALL, then LC_MESSAGES, then LANG."""
    out, _ = ts.run(extra + ["-Y", "sipcat.code == 486", "-T", "fields", "-e", "sipcat.summary"],
                    source.capture("odd-responses-udp"), locale=locale)
    assert out.strip() == want


def test_missing_headers(ts, source):
    """The SIPp UAS of tests/sipp sends bare responses: each required header
    that is missing is reported once, naming the header."""
    rows = ts.fields(source.capture("sipp-codes-udp"), ["sipcat.code", "sipcat.method", "_ws.expert.message"],
                     extra=["-Y", "sipcat.missing_header"])
    got = {}
    for code, method, messages in rows:
        got[(code, method)] = [m for m in messages.split("|") if "header it requires" in m]
    want = {("401", "REGISTER"): "WWW-Authenticate", ("401", "INVITE"): "WWW-Authenticate",
            ("405", "OPTIONS"): "Allow", ("407", "INVITE"): "Proxy-Authenticate", ("420", "INVITE"): "Unsupported",
            ("421", "INVITE"): "Require", ("422", "INVITE"): "Min-SE", ("423", "REGISTER"): "Min-Expires",
            ("494", "REGISTER"): "Security-Server"}
    assert set(got) == set(want), sorted(got)
    for key, header in want.items():
        assert len(got[key]) == 1 and f"without the {header} header" in got[key][0], (key, got[key])


def test_phrase_differs(ts, source):
    rows = ts.fields(source.capture("sipp-codes-udp"), ["sipcat.code", "_ws.expert.message"],
                     extra=["-Y", "sipcat.phrase_differs"])
    assert sorted(r[0] for r in rows) == ["481", "504"], rows  # "Call Leg/...", "Gateway Time-out"
    assert any('"Gateway Time-out" on the wire; the registered phrase of 504 is "Server Time-out"' in r[1]
               for r in rows), rows


@pytest.mark.parametrize("cap", ["odd-responses-udp", "odd-responses-tcp"])
def test_bad_status(ts, source, cap):
    rows = ts.fields(source.capture(cap), ["sipcat.code", "sipcat.class", "_ws.expert.message"],
                     extra=["-Y", "sipcat.bad_status"])
    assert [r[0] for r in rows] == ["700", "0"], rows
    assert all(r[1] == "" for r in rows), "no class for an out-of-range code"
    assert "Status code 700 is outside 100..699" in rows[0][2], rows


def sipcat_subtrees(verbose):
    """The lines of each sipcat subtree of `tshark -V` output (the top line first)."""
    trees, cur = [], None
    for line in verbose.splitlines():
        if line.startswith("[SIP Response Catalogue") or line.startswith("[SIP-Antwortkatalog"):
            cur = [line]
            trees.append(cur)
        elif cur is not None and line.startswith(" "):
            cur.append(line)
        else:
            cur = None
    return trees


def test_german_tree_has_no_english_label(ts, source):
    """Every label sipcat writes in the tree is German in German output, the
    field names stay what filters use; English output keeps Wireshark's labels."""
    names, _ = ts.run(["-G", "fields"])
    english = sorted({row.split("\t")[1] for row in names.splitlines()
                      if row.startswith("F\t") and row.split("\t")[2].startswith("sipcat.")}, key=len, reverse=True)
    assert "Summary" in english and "Defined in" in english and "RFC text" in english, english
    for cap in ("sipp-codes-udp", "kamailio-diagnosis-udp", "odd-responses-udp"):
        out, _ = ts.run(["-V", "-o", "sipcat.language:de"], source.capture(cap))
        trees = sipcat_subtrees(out)
        assert len(trees) >= 5, (cap, len(trees))
        for tree in trees:
            assert tree[0].startswith("[SIP-Antwortkatalog"), tree[0]
            for line in tree[1:]:
                item = line.strip()
                if not item.startswith("[") or item.startswith("[Expert Info") or item.startswith("[Severity level") \
                        or item.startswith("[Group:"):
                    continue  # wrapped lines, expert items (Wireshark's own labels)
                for name in english:
                    assert not item.startswith("[" + name + ":") and not item.startswith("[" + name + " ["), \
                        (cap, item)
        # German words where the value is an English keyword, the keyword kept for filters.
        assert "[Status in der IANA-Registry: aktuell (current)]" in out
        assert "[Im Katalog: ja]" in out
    out, _ = ts.run(["-V", "-o", "sipcat.language:de", "-Y", "sipcat.call.outcome == \"busy\""],
                    source.capture("kamailio-diagnosis-udp"))
    assert "[Ergebnis des Anrufs: besetzt (busy)]" in out, out
    # English: the registered names, as before.
    out, _ = ts.run(["-V", "-Y", "sipcat.code == 486"], source.capture("sipp-codes-udp"))
    tree = sipcat_subtrees(out)[0]
    assert tree[0] == "[SIP Response Catalogue: 486 Busy Here (Client Error)]", tree[0]
    assert "    [Class: Client Error (4)]" in tree and "    [In catalogue: True]" in tree, tree
