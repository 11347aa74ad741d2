"""Reading tshark's -z expert printout."""
import re


def expert_items(out):
    """(severity section, group, count, text) of each sipcat line of -z expert."""
    items, section = [], None
    for line in out.splitlines():
        m = re.match(r"^(Errors|Warns|Notes|Chats) \(", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"^\s+(\d+)\s+(\w+)\s+SIPCAT\s+(.*)$", line)
        if m and section:
            items.append((section, m.group(2), int(m.group(1)), m.group(3)))
    return items


def severity_of(items, prefix):
    """The one section holding the Response items that start with `prefix`, or None."""
    found = {s for s, g, n, t in items if g == "Response" and t.startswith(prefix)}
    assert len(found) <= 1, f"{prefix}: in several sections {found}"
    return found.pop() if found else None
