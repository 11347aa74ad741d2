"""Reading the statistics tree `-z sipcat,tree[,FILTER]` and checking its
counts against Wireshark's own sip.Status-Code."""
import collections


def tree_rows(out):
    """(label with its indent, count, percent) of each row of a stats_tree printout."""
    # tshark pads the label column by bytes, not characters: cut in bytes.
    lines = [l.encode("utf-8") for l in out.splitlines()]
    head = next(i for i, l in enumerate(lines) if l.startswith(b"Topic / Item"))
    count_col = lines[head].index(b"Count")
    rows = []
    for raw in lines[head + 2:]:
        if raw.startswith(b"---") or not raw.strip():
            continue
        label, rest = raw[:count_col].decode("utf-8").rstrip(), raw[count_col:].decode("utf-8").split()
        percent = next((t for t in rest if t.endswith("%")), "")
        rows.append((label, int(rest[0]), percent))
    return rows


def canonical(rows):
    """The rows with siblings sorted by label: Wireshark versions order ties differently."""
    def depth(label):
        return len(label) - len(label.lstrip(" "))

    def build(i, d):
        nodes = []
        while i < len(rows) and depth(rows[i][0]) == d:
            children, j = build(i + 1, d + 1)
            nodes.append((rows[i], children))
            i = j
        return nodes, i

    def flat(nodes):
        for row, children in sorted(nodes, key=lambda n: n[0][0]):
            yield row
            yield from flat(children)

    return list(flat(build(0, 0)[0]))


def tree_text(rows):
    return "".join(f"{label}\t{count}\t{percent}\n" for label, count, percent in canonical(rows))


def status_code_counts(ts, capture, extra=(), display_filter="sip.Status-Code"):
    """Per code: responses Wireshark's SIP dissector saw, and how many sipcat calls retransmissions."""
    rows = ts.fields(capture, ["sip.Status-Code", "sipcat.code", "sipcat.retransmission"],
                     list(extra) + ["-Y", display_filter])
    seen, retrans = collections.Counter(), collections.Counter()
    for codes, cat_codes, flags in rows:
        for c in codes.split("|"):
            seen[int(c)] += 1
        flags = flags.split("|") if flags else []
        for c, f in zip(cat_codes.split("|") if cat_codes else [], flags):
            if f in ("1", "True"):
                retrans[int(c)] += 1
    return seen, retrans


def check_counts(ts, capture, extra=(), tree_filter=None):
    """The tree's counts equal sip.Status-Code counts less retransmissions, per code and in total."""
    arg = "sipcat,tree" + ("," + tree_filter if tree_filter else "")
    rows = tree_rows(ts.run(["-q", "-z", arg] + list(extra), capture)[0])
    seen, retrans = status_code_counts(ts, capture, extra,
                                       f"sip.Status-Code && ({tree_filter})" if tree_filter else "sip.Status-Code")
    top = {label: count for label, count, _ in rows if not label.startswith(" ")}
    responses = next(c for l, c in top.items() if l.startswith(("Responses", "Antworten")))
    retransmitted = next((c for l, c in top.items() if l.startswith(("Retransmitted", "Wiederholte"))), 0)
    assert responses + retransmitted == sum(seen.values()), (top, sum(seen.values()))
    assert retransmitted == sum(retrans.values()), (top, retrans)
    per_code = collections.Counter()
    for label, count, _ in rows:
        if label.startswith("  ") and not label.startswith("   "):
            token = label.strip().split(" ")[0]
            if token.isdigit() and 100 <= int(token) <= 699:
                per_code[int(token)] += count
    want = collections.Counter({c: n - retrans[c] for c, n in seen.items() if 100 <= c <= 699 and n - retrans[c]})
    assert per_code == want, f"per code: tree {dict(per_code)}, sip.Status-Code less retransmissions {dict(want)}"
    return rows
