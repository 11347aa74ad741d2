"""The Markdown report of one benchmark run: each target with its figure and
✓/✗ per Wireshark version, then each version's details."""
from .modes import (LUA, LUA_MIN_FACTOR, MODES, NON_SIP_MAX, RSS_MAX_PCT, STARTUP, STARTUP_MAX_INSTR,
                    STARTUP_MAX_MS, WALL_MAX, WALL_MAX_OTHER, FLOOR)


def mark(ok):
    return "–" if ok is None else "✓" if ok else "✗"


def cmd(args):
    return "`" + " ".join(f"'{a}'" if " " in a else a for a in args) + "`"


def checks(r):
    """[(target, limit, figure, ok)] of one version's results."""
    out = []
    for m in r["modes"]:
        s = m["sip"]
        out.append((f"{m['name']}: {cmd(m['with'])}" + ("" if m["with"] == m["base"] else f" / {cmd(m['base'])}"),
                    f"≤ {m['limit']}", f"{s['ratio']:.3f}", s["ratio"] <= m["limit"]))
    worst = max(r["modes"], key=lambda m: m["non"]["ratio"])
    floor = f"; a no-op post-dissector {worst['non']['floor']:.4f}" if "floor" in worst["non"] else ""
    out.append(("non-SIP traffic, worst mode", f"≤ {NON_SIP_MAX}",
                f"{worst['non']['ratio']:.4f} ({worst['name']}{floor})", worst["non"]["ratio"] <= NON_SIP_MAX))
    s = r["startup_instr"]
    out.append(("start-up, instructions over not installed", f"≤ +{STARTUP_MAX_INSTR / 1e6:.0f} M",
                f"{s / 1e6:+.2f} M", s <= STARTUP_MAX_INSTR))
    c = r["startup_cpu"]
    ms = c["with"] - c["none"]
    out.append(("start-up, CPU over not installed (median)", f"≤ {STARTUP_MAX_MS:.0f} ms",
                f"{ms:+.1f} ms ({c['with']:.0f} / {c['none']:.0f} ms{loaded(c['load'])})",
                ms <= STARTUP_MAX_MS if c["load"] <= 1 else None))
    for x in r["rss"]:
        p = 100.0 * (x["with"] - x["base"]) / x["base"]
        out.append((f"peak RSS, {r['big_frames']:,} frames (1,000,000 SIP messages), {x['name']}",
                    f"≤ +{RSS_MAX_PCT:.0f} %", f"{p:+.2f} % ({x['with'] / 1024:.0f} / {x['base'] / 1024:.0f} MiB)",
                    p <= RSS_MAX_PCT))
    # Wall time: the passive mode, and the worst of the others. Judged only on an idle machine (None: not judged).
    walls = r["wall"]
    for label, names, limit in time_groups(walls):
        n = max(names, key=lambda x: walls[x]["ratio"])
        w = walls[n]
        out.append((f"wall time, {label} (median ratio of alternating pairs)", f"≤ {limit}",
                    f"{w['ratio']:.3f} ({n if len(names) > 1 else ''}{' ' if len(names) > 1 else ''}"
                    f"{w['lo']:.3f}–{w['hi']:.3f}){loaded(w['load'])}",
                    w["ratio"] <= limit if w["load"] <= 1 else None))
    # CPU time per frame of duets: same limits as the wall times; the control duet shows the method's spread.
    duets = r.get("duet", {})
    for label, names, limit in time_groups(duets):
        n = max(names, key=lambda x: duets[x]["per_frame"])
        d = duets[n]
        out.append((f"CPU time per frame, {label} (duets, start-up taken off)", f"≤ {limit}",
                    f"{d['per_frame']:.3f} ({n + ' ' if len(names) > 1 else ''}whole run {d['run']['ratio']:.3f}, "
                    f"{d['run']['lo']:.3f}–{d['run']['hi']:.3f}; control {control(r)})", d["per_frame"] <= limit))
    lua = r["lua"]
    out.append(("Lua equivalent's added instructions / sipcat's (sipcat fields mode, per frame)",
                f"≥ {LUA_MIN_FACTOR:.0f}×", f"{lua['factor']:.1f}× ({lua['lua_added']:,.0f} / "
                f"{lua['sipcat_added']:,.0f})", lua["factor"] >= LUA_MIN_FACTOR))
    return out


def time_groups(measured):
    """(label, modes, limit) of the time targets over the modes `measured` holds: each
    mode with a limit of its own, then the worst of the others ([] if none was measured)."""
    if not measured:
        return []
    others = [n for n in measured if n not in WALL_MAX]
    return [(n, [n], lim) for n, lim in WALL_MAX.items() if n in measured] + \
        [("other modes, worst", others, WALL_MAX_OTHER)]


def control(r):
    c = r.get("duet_control")
    return f"{c['ratio']:.3f}, {c['lo']:.3f}–{c['hi']:.3f}" if c else "none"


def loaded(load):
    return f"; load {load:.1f}" + (" > 1: shared machine, not judged" if load > 1 else "")


def summary(results):
    """One table: target, limit, then figure and ✓/✗ per version ("not measured" where a version has no row)."""
    rows = [checks(r) for r in results]
    names = []
    for rw in rows:
        for name, limit, _, _ in rw:
            if name not in [n for n, _ in names]:
                names.append((name, limit))
    by_name = [{name: (fig, ok) for name, _, fig, ok in rw} for rw in rows]
    head = "| target | limit | " + " | ".join(f"{r['version']} | " for r in results) + " |\n"
    head += "|---|---|" + "---:|:-:|" * len(results) + "\n"
    lines = []
    for name, limit in names:
        cells = []
        for b in by_name:
            fig, ok = b.get(name, ("not measured", None))
            cells.append(f"{fig} | {mark(ok)}")
        lines.append(f"| {name} | {limit} | " + " | ".join(cells) + " |")
    foot = "\n" + "; ".join(f"{r['version']}: {sum(ok is True for *_, ok in rw)} met, "
                             f"{sum(ok is False for *_, ok in rw)} missed, {len(names) - len(rw) + sum(ok is None for *_, ok in rw)} "
                             f"not judged (timings on a loaded machine) or not measured"
                             for r, rw in zip(results, rows)) + "."
    return head + "\n".join(lines) + "\n" + foot + "\n"


def details(r):
    f = r["frames"]
    out = [f"### Wireshark {r['target']}", "",
           f"Instructions per frame (callgrind; each install's run of the same command on an empty capture taken "
           f"off, divided by the frames) on the first {f['sip']:,} frames of the SIP-heavy capture and the first "
           f"{f['non']:,} of the non-SIP one; \"whole run\" is the plain ratio of the two runs, start-up included.",
           "",
           "| mode | with sipcat | baseline: not installed | SIP: with | SIP: base | SIP ratio | whole run | "
           "non-SIP ratio | non-SIP: no-op post-dissector, ratio | non-SIP whole run | wall with / base (median), ratio | CPU ratio | "
           "duet CPU per frame (whole run) |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in r["modes"]:
        s, n = m["sip"], m["non"]
        w = r["wall"].get(m["name"], {"a": float("nan"), "b": float("nan"), "ratio": float("nan")})
        out.append(f"| {m['name']} | {cmd(m['with'])} | {cmd(m['base'])} | {s['with']:,.0f} | {s['base']:,.0f} | "
                   f"{s['ratio']:.3f} | {s['whole']:.3f} | {n['ratio']:.4f} | {floor_cell(n)} | {n['whole']:.4f} | "
                   f"{w['a']:.2f} s / {w['b']:.2f} s, {w['ratio']:.3f} | {w.get('cpu_ratio', float('nan')):.3f} | "
                   f"{duet_cell(r, m['name'])} |")
    fl = r["floor"]
    out.append(f"| {FLOOR[0]} | {cmd(FLOOR[1])} | {cmd(FLOOR[2])} | {fl['with']:,.0f} | {fl['base']:,.0f} | "
               f"{fl['ratio']:.3f} | | | | | | | |")
    lua = r["lua"]
    out += ["",
            f"- Start-up ({cmd(STARTUP)} on an empty capture): {r['startup_instr']:+,} instructions over not "
            f"installed; CPU median of {r['startup_runs']} alternating runs {r['startup_cpu']['with']:.1f} ms "
            f"with, {r['startup_cpu']['none']:.1f} ms without (load up to {r['startup_cpu']['load']:.1f}).",
            f"- Lua equivalent ({cmd(LUA)}, the post-dissector of tests/bench/lua_equivalent.py): "
            f"{lua['lua_added']:,.0f} instructions per frame over not installed, against sipcat's "
            f"{lua['sipcat_added']:,.0f} in the sipcat fields mode; its start-up {lua['startup'] / 1e6:+.1f} M.",
            "- Non-SIP, no-op post-dissector: tests/bench/harness/noop_postdissector.c (registered as sipcat "
            "registers itself, returns at once) with the baseline's command, against not installed: what any "
            "post-dissector pays per frame for Wireshark's dispatch (call_all_postdissectors, "
            "prime_epan_dissect_with_postdissector_wanted_hfids). sipcat / no-op beside it.",
            f"- Wall time: {r['runs']} alternating pairs per mode on the first {r['wall_frames']:,} frames of the "
            f"SIP-heavy capture; the load beside each figure is the highest 1-minute load average seen during it.",
            ]
    if r.get("duet"):
        out.append(f"- CPU time of duets: {r['duet_runs']} duets per mode on the same {r['wall_frames']:,} frames and "
                   f"{r['duet_runs']} on an empty capture (the start-up, taken off); per frame = (with, run − start-up) "
                   f"/ (not installed, run − start-up), from the medians. Control (not installed against itself, "
                   f"passive): {control(r)}.")
    for x in r["rss"]:
        out.append(f"- Peak RSS, {x['name']} ({cmd(next(m for m in MODES if m[0] == x['name'])[1])}) on "
                   f"{r['big_frames']:,} frames: {x['with']:,} KiB with sipcat, {x['base']:,} KiB not installed.")
    if r.get("gui"):
        g = r["gui"]
        out.append(f"- GUI (Wireshark under Xvfb opening the full SIP-heavy capture, {g['frames']:,} frames; loaded = "
                   f"{g['how']}): {g['with']:.1f} s with sipcat, {g['none']:.1f} s not installed (ratio "
                   f"{g['with'] / g['none']:.3f}{loaded(g['load'])}); CPU until then {g['cpu_with']:.1f} s / "
                   f"{g['cpu_none']:.1f} s (ratio {g['cpu_with'] / g['cpu_none']:.3f}).")
    return "\n".join(out) + "\n"


def floor_cell(n):
    return f"{n['floor']:.4f} (sipcat / no-op {n['over_floor']:.4f})" if "floor" in n else ""


def duet_cell(r, name):
    d = r.get("duet", {}).get(name)
    return f"{d['per_frame']:.3f} ({d['run']['ratio']:.3f})" if d else ""


def report(results):
    return ("## Targets\n\nPer frame against sipcat not installed (a HOME without the plugin), "
            "same tshark, same command unless a baseline is named.\n\n" + summary(results) + "\n## Details\n\n" +
            "\n".join(details(r) for r in results))
