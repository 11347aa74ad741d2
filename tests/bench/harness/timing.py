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


def _start(target, install, args):
    cmd = target.tshark(install, args)
    return cmd, time.perf_counter(), subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                      stderr=subprocess.PIPE)


def _finish(started):
    """(wall s, CPU s, peak RSS KiB) of a run begun by _start; tshark's exit status must be 0."""
    cmd, t0, p = started
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with status {status}: {err.decode(errors='replace')[-800:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def timed(target, install, args):
    """(wall s, CPU s, peak RSS KiB) of one run; tshark's exit status must be 0."""
    return _finish(_start(target, install, args))


def settle(limit=0.5, most=300.0, log=None):
    """Waits (at most `most` s) until the 1-min load average is below `limit`: the
    callgrind runs before the timings keep it high for a minute or two after they end."""
    t0 = time.monotonic()
    while load() >= limit and time.monotonic() - t0 < most:
        time.sleep(5)
    if log:
        log(f"load {load():.2f} after {time.monotonic() - t0:.0f} s of waiting")


def alternating(target, a, b, runs):
    """`runs` pairs of a = (install, args) and b, in the order ab, ba, ab, ... (on these
    machines the second run of a pair is up to 10 % slower: one fixed order biases
    the ratio); medians and the load seen. Returns dict(a=median wall, b=..., ratio=median
    of a/b per pair, lo, hi, cpu_a, cpu_b, cpu_ratio (the same for CPU time), load=max 1-min load)."""
    wa, wb, ca, cb, loads = [], [], [], [], [load()]
    for i in range(runs):
        for which in ((a, b) if i % 2 == 0 else (b, a)):
            wall, cpu, _ = timed(target, *which)
            (wa if which is a else wb).append(wall)
            (ca if which is a else cb).append(cpu)
        loads.append(load())
    ratios = [x / y for x, y in zip(wa, wb)]
    return {"a": statistics.median(wa), "b": statistics.median(wb), "ratio": statistics.median(ratios),
            "lo": min(ratios), "hi": max(ratios), "cpu_a": statistics.median(ca), "cpu_b": statistics.median(cb),
            "cpu_ratio": statistics.median([x / y for x, y in zip(ca, cb)]), "load": max(loads)}


def duet(target, a, b, runs):
    """CPU time (user + system) of a and b run at the same time, one on each core,
    `runs` times, which one starts first swapped each time: both see the same noise
    of the shared host (steal, clock, other jobs), which alternating runs do not
    ("duet benchmarking", Bulej et al., 2020). Returns the medians and the median
    of b/a per duet with its range (two processes share the caches, so this is
    the cost under a co-runner, not on an idle machine)."""
    ca, cb = [], []
    for i in range(runs):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        s1 = _start(target, *first)
        s2 = _start(target, *second)
        x, y = _finish(s1)[1], _finish(s2)[1]
        (ca if first is a else cb).append(x)
        (cb if first is a else ca).append(y)
    ratios = [y / x for x, y in zip(ca, cb)]
    return {"a": statistics.median(ca), "b": statistics.median(cb), "ratio": statistics.median(ratios),
            "lo": min(ratios), "hi": max(ratios), "load": load()}


def startup_cpu(target, args, runs):
    """Median CPU ms of `args` with sipcat and not installed, alternating, and the load seen."""
    cpu = {"with": [], "none": []}
    loads = [load()]
    for i in range(runs):
        for install in (("with", "none") if i % 2 == 0 else ("none", "with")):
            cpu[install].append(timed(target, install, args)[1] * 1000)
        loads.append(load())
    return {k: statistics.median(v) for k, v in cpu.items()} | {"load": max(loads)}


def peak_rss(target, a, b):
    """Peak RSS KiB of a and of b (one run each)."""
    return timed(target, *a)[2], timed(target, *b)[2]
