"""Boolean fields as tshark prints them: 1/0 in 4.0, True/False from 4.2, and
nothing at all for a flag that exists only when true (as tcp.analysis.* flags
do). One reading for every test, so that either form of a flag passes."""

TRUE = ("1", "True")
FALSE = ("", "0", "False")


def flag(value):
    """True or False for one printed value; anything else is an error, not False."""
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(f"not a boolean field value: {value!r}")
