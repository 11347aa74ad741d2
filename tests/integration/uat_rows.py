"""Rows of the sipcat_overrides table as Wireshark writes them."""


def cell(text):
    """A cell as Wireshark writes it: quoted, with \\x escapes for quote and backslash."""
    return '"' + text.replace("\\", "\\x5c").replace('"', "\\x22") + '"'


def uat_row(*cells):
    return ",".join(cell(c) for c in cells)


def uat_file(rows):
    return "# sipcat_overrides written by the tests\n" + "".join(uat_row(*r) + "\n" for r in rows)
