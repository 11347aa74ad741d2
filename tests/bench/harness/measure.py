"""Everything measured on one target (one Wireshark): per-frame and whole-run
instructions per mode on the SIP and the non-SIP slice, start-up, the Lua
equivalent, wall-time medians, CPU time of duets, peak RSS on the large capture."""
import os
import subprocess

from . import callgrind, timing
from .modes import FLOOR, LUA, MODES, STARTUP, by_name


def cut(src, dst, frames):
    if frames:
        subprocess.run(["editcap", "-r", src, dst, f"1-{frames}"], check=True, stderr=subprocess.DEVNULL)
    else:  # no frame at all: the start-up
        subprocess.run(["editcap", "-r", src, dst, "0"], check=True, stderr=subprocess.DEVNULL)
    os.chmod(dst, 0o644)
    return dst


def frames_of(path):
    out = subprocess.run(["capinfos", "-M", "-c", path], capture_output=True, text=True).stdout
    return int(out.split()[-1])


def measure(t, inputs, o, log):
    """t: a Target; inputs: dict sip, non, big (paths on this machine); o: the options."""
    caps = {"sip": cut(inputs["sip"], os.path.join(t.work, "slice-sip.pcap"), o.slice),
            "non": cut(inputs["non"], os.path.join(t.work, "slice-non.pcap"), o.slice),
            "empty": cut(inputs["sip"], os.path.join(t.work, "empty.pcap"), 0)}
    frames = {k: frames_of(caps[k]) for k in ("sip", "non")}
    r = {"target": t.name, "version": t.version, "series": t.series, "frames": frames, "runs": o.runs,
         "startup_runs": o.startup_runs}

    # ---- instructions
    runs = set()
    for cap in caps:
        for _, w, b, _ in MODES:
            runs |= {("with", tuple(w), cap), ("none", tuple(b), cap)}
            if cap != "sip":  # the dispatch floor of the non-SIP rows
                runs.add(("noop", tuple(b), cap))
        runs |= {("none", tuple(FLOOR[1]), cap), ("none", tuple(FLOOR[2]), cap)}
    runs |= {("lua", tuple(LUA), "sip"), ("lua", tuple(LUA), "empty")}
    counted = callgrind.count_all(t, {(i, ("-r", t.inner(caps[c])) + a) for i, a, c in runs}, o.jobs, log,
                                  callgrind.Cache(o.cache and os.path.join(o.cache, f"callgrind-{t.version}.json")), caps.values())
    ir = {(i, a, c): counted[(i, ("-r", t.inner(caps[c])) + a)] for i, a, c in runs}

    def per_frame(install, args, cap):
        return (ir[(install, tuple(args), cap)] - ir[(install, tuple(args), "empty")]) / frames[cap]

    r["modes"] = []
    for name, w, b, limit in MODES:
        row = {"name": name, "with": w, "base": b, "limit": limit}
        for cap in ("sip", "non"):
            x, y = per_frame("with", w, cap), per_frame("none", b, cap)
            row[cap] = {"with": x, "base": y, "ratio": x / y,
                        "whole": ir[("with", tuple(w), cap)] / ir[("none", tuple(b), cap)],
                        "whole_with": ir[("with", tuple(w), cap)], "whole_base": ir[("none", tuple(b), cap)]}
        # A post-dissector that does nothing, with the baseline's command: Wireshark's per-frame dispatch alone.
        z = per_frame("noop", b, "non")
        row["non"].update({"noop": z, "floor": z / row["non"]["base"], "over_floor": row["non"]["with"] / z})
        r["modes"].append(row)
    x, y = per_frame("none", FLOOR[1], "sip"), per_frame("none", FLOOR[2], "sip")
    r["floor"] = {"with": x, "base": y, "ratio": x / y}
    r["startup_instr"] = ir[("with", tuple(STARTUP), "empty")] - ir[("none", tuple(STARTUP), "empty")]
    fields = next(m for m in MODES if m[0] == "sipcat fields")
    sipcat_added = per_frame("with", fields[1], "sip") - per_frame("none", fields[2], "sip")
    lua_added = per_frame("lua", LUA, "sip") - per_frame("none", fields[2], "sip")
    r["lua"] = {"sipcat_added": sipcat_added, "lua_added": lua_added,
                "factor": lua_added / sipcat_added if sipcat_added > 0 else float("inf"),
                "startup": ir[("lua", tuple(LUA), "empty")] - ir[("none", tuple(fields[2]), "empty")]}

    # ---- start-up CPU (after the callgrind runs' load has gone)
    timing.settle(log=lambda m: log(f"{t.version}: timings: {m}"))
    r["startup_cpu"] = timing.startup_cpu(t, ["-r", t.inner(caps["empty"])] + STARTUP, o.startup_runs)
    log(f"{t.version}: start-up CPU {r['startup_cpu']}")

    # ---- wall time: alternating runs on the first --wall-frames frames
    wall_cap = cut(inputs["sip"], os.path.join(t.work, "wall-sip.pcap"), o.wall_frames)
    r["wall_frames"] = frames_of(wall_cap)
    r["wall"] = {}
    for name, w, b, _ in MODES if o.runs > 0 else []:  # --runs 0: no wall times
        args = ["-r", t.inner(wall_cap)]
        r["wall"][name] = timing.alternating(t, ("with", args + w), ("none", args + b), o.runs)
        log(f"{t.version}: wall {name}: {r['wall'][name]}")

    # ---- CPU time per frame, duets: the slice and an empty capture, start-up taken off
    r["duet_runs"] = o.duet_runs
    r["duet"] = {}
    empty = ["-r", t.inner(caps["empty"])]
    for name, w, b, _ in MODES if o.duet_runs > 0 else []:
        args = ["-r", t.inner(wall_cap)]
        run = timing.duet(t, ("none", args + b), ("with", args + w), o.duet_runs)
        start = timing.duet(t, ("none", empty + b), ("with", empty + w), o.duet_runs)
        per_frame = (run["b"] - start["b"]) / (run["a"] - start["a"])
        r["duet"][name] = {"run": run, "startup": start, "per_frame": per_frame}
        log(f"{t.version}: duet {name}: per frame {per_frame:.3f}, run {run}")
    if o.duet_runs > 0:  # the method's own spread: not installed against itself
        args = ["-r", t.inner(wall_cap)] + by_name("passive")[2]
        r["duet_control"] = timing.duet(t, ("none", args), ("none", args), o.duet_runs)
        log(f"{t.version}: duet control: {r['duet_control']}")

    r.update(rss(t, inputs, o, log))
    return r


def rss(t, inputs, o, log):
    """Peak RSS on the large capture in --rss-modes (a filter on sipcat makes it keep its state)."""
    r = {"rss": []}
    if inputs.get("big"):
        big = t.place(inputs["big"], "big-sip.pcap")
        r["big_frames"] = frames_of(big)
        for name in o.rss_modes:
            _, w, b, _ = next(m for m in MODES if m[0] == name)
            a, z = timing.peak_rss(t, ("with", ["-r", t.inner(big)] + w), ("none", ["-r", t.inner(big)] + b))
            r["rss"].append({"name": name, "with": a, "base": z})
            log(f"{t.version}: peak RSS {name}: {a} KiB / {z} KiB")
    return r
