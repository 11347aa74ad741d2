"""Wall time, CPU time and peak RSS of tshark runs (wait4's rusage), and the
machine's load beside them: the machine is shared, so wall times are only a
measurement when the load stays below 1 (callgrind counts do not care)."""
import os
import statistics
import subprocess
import time


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def timed(target, install, args):
    """(wall s, CPU s, peak RSS KiB) of one run; tshark's exit status must be 0."""
    cmd = target.tshark(install, args)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with status {status}: {err.decode(errors='replace')[-800:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def alternating(target, a, b, runs):
    """`runs` alternating pairs of a = (install, args) and b; medians and the load seen.
    Returns dict(a=median wall, b=..., ratio=median of a/b per pair, lo, hi, load=max 1-min load)."""
    wa, wb, loads = [], [], [load()]
    for _ in range(runs):
        wa.append(timed(target, *a)[0])
        wb.append(timed(target, *b)[0])
        loads.append(load())
    ratios = [x / y for x, y in zip(wa, wb)]
    return {"a": statistics.median(wa), "b": statistics.median(wb), "ratio": statistics.median(ratios),
            "lo": min(ratios), "hi": max(ratios), "load": max(loads)}


def startup_cpu(target, args, runs):
    """Median CPU ms of `args` with sipcat and not installed, alternating, and the load seen."""
    cpu = {"with": [], "none": []}
    loads = [load()]
    for _ in range(runs):
        for install in ("with", "none"):
            cpu[install].append(timed(target, install, args)[1] * 1000)
        loads.append(load())
    return {k: statistics.median(v) for k, v in cpu.items()} | {"load": max(loads)}


def peak_rss(target, a, b):
    """Peak RSS KiB of a and of b (one run each)."""
    return timed(target, *a)[2], timed(target, *b)[2]
