#!/usr/bin/env python3
"""Instructions per frame that sipcat adds, under callgrind (issue 14's table).

Each figure is a run on CAPTURE minus the same install's same command on an
empty capture, divided by the frames; sipcat installed against sipcat not
installed at all (a HOME without the plugin). Runs tshark as `nobody` when
started as root (Wireshark ignores personal plugins for root). A measuring
helper, not a test: usage
  callgrind_frames.py --plugin sipcat.so --series 4.0 --capture mix.pcap --empty empty.pcap [--jobs 2]"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness.modes import FLOOR, MODES  # noqa: E402  (the one table, shared with tests/bench/run)


def home(plugin, series):
    h = tempfile.mkdtemp(prefix="sipcat-cg-")
    if plugin:
        d = os.path.join(h, ".local/lib/wireshark/plugins", series, "epan")
        os.makedirs(d)
        shutil.copy(plugin, d)
    for root, dirs, files in os.walk(h):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    return h


def instructions(h, args, capture, tshark):
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    env = {"HOME": h, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
           "WIRESHARK_PLUGIN_DIR": os.path.join(h, "no-global-plugins")}
    cmd = prefix + ["nice", "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                    tshark, "-r", capture] + args
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        raise RuntimeError(f"no count from {' '.join(cmd)}:\n{p.stderr[-2000:]}")
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--series", required=True)
    ap.add_argument("--capture", required=True)
    ap.add_argument("--empty", required=True)
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="mode names to run")
    a = ap.parse_args()
    frames = int(subprocess.run(["capinfos", "-M", "-c", a.capture], capture_output=True, text=True).stdout.split()[-1])
    work = tempfile.mkdtemp(prefix="sipcat-cg-caps-")
    os.chmod(work, 0o755)
    caps = {}
    for k, src in (("mix", a.capture), ("empty", a.empty)):
        caps[k] = shutil.copy(src, work)
        os.chmod(caps[k], 0o644)
    homes = {"with": home(a.plugin, a.series), "none": home(None, a.series)}
    modes = [m for m in MODES if not a.only or m[0] in a.only]
    runs = set()
    for name, w, b, _ in modes:
        runs |= {("with", tuple(w), c) for c in caps} | {("none", tuple(b), c) for c in caps}
    runs |= {("none", tuple(FLOOR[1]), c) for c in caps} | {("none", tuple(FLOOR[2]), c) for c in caps}
    runs |= {("with", tuple(MODES[0][1]), "empty"), ("none", tuple(MODES[0][2]), "empty")}
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        futures = {r: ex.submit(instructions, homes[r[0]], list(r[1]), caps[r[2]], a.tshark) for r in sorted(runs)}
        ir = {r: f.result() for r, f in futures.items()}

    def per_frame(install, args):
        return (ir[(install, tuple(args), "mix")] - ir[(install, tuple(args), "empty")]) / frames

    print(f"Wireshark {a.series}, {frames} frames of {os.path.basename(a.capture)}; instructions per frame")
    print("| mode | with sipcat | baseline (not installed) | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    for name, w, b, target in modes:
        x, y = per_frame("with", w), per_frame("none", b)
        print(f"| {name} | {x:,.0f} | {y:,.0f} | {x / y:.3f} | {target} |")
    x, y = per_frame("none", FLOOR[1]), per_frame("none", FLOOR[2])
    print(f"| {FLOOR[0]} | {x:,.0f} | {y:,.0f} | {x / y:.3f} | |")
    s = ir[("with", tuple(MODES[0][1]), "empty")] - ir[("none", tuple(MODES[0][2]), "empty")]
    print(f"start-up (empty capture, {' '.join(MODES[0][1])}): {s / 1e6:+.2f} M instructions")
    for h in homes.values():
        shutil.rmtree(h, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
