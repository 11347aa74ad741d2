"""Issue 14's target table: each mode's command with sipcat, its baseline without
sipcat installed, and the most the per-frame ratio may be."""

# (name, command with sipcat, command of the baseline (not installed), at most)
MODES = [
    ("passive", ["-q", "-z", "sip,stat"], ["-q", "-z", "sip,stat"], 1.01),
    ("passive filter", ["-q", "-Y", "sip.Status-Code >= 400", "-z", "io,stat,0"],
     ["-q", "-Y", "sip.Status-Code >= 400", "-z", "io,stat,0"], 1.01),
    ("disabled", ["--disable-protocol", "sipcat", "-q", "-z", "sip,stat"], ["-q", "-z", "sip,stat"], 1.005),
    ("filter on sipcat", ["-q", "-Y", "sipcat.class >= 4", "-z", "io,stat,0"],
     ["-q", "-Y", "sip.Status-Code >= 400", "-z", "io,stat,0"], 1.10),
    ("GUI-like first pass", ["--color"], ["--color"], 1.10),
    ("statistics", ["-q", "-z", "sipcat,tree"], ["-q", "-Y", "sip", "-z", "sip,stat"], 1.10),
    ("details", ["-V"], ["-V"], 1.15),
    ("sipcat fields", ["-T", "fields", "-e", "sipcat.code", "-e", "sipcat.summary"],
     ["-T", "fields", "-e", "sip.Status-Code", "-e", "sip.Status-Line"], 1.10),
]
# What a tree alone costs: both sides without sipcat.
FLOOR = ("floor: a tree alone (both without sipcat)", ["-q", "-Y", "sip", "-z", "sip,stat"], ["-q", "-z", "sip,stat"])
# The Lua post-dissector (tests/bench/lua_equivalent.py) asked for the same fields as "sipcat fields".
LUA = ["-T", "fields", "-e", "sipcatlua.code", "-e", "sipcatlua.summary"]
# Start-up: the passive command on an empty capture.
STARTUP = MODES[0][1]

NON_SIP_MAX = 1.005        # every mode, per frame, on non-SIP traffic
STARTUP_MAX_INSTR = 2_000_000
STARTUP_MAX_MS = 2.0
RSS_MAX_PCT = 3.0
WALL_MAX = {"passive": 1.02}  # others: WALL_MAX_OTHER
WALL_MAX_OTHER = 1.10
LUA_MIN_FACTOR = 5.0


def by_name(name):
    return next(m for m in MODES if m[0] == name)
