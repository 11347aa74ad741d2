"""The GUI (--gui): Wireshark (Qt) opens the full SIP-heavy capture under Xvfb,
with sipcat and not installed. Loading is CPU-bound and Wireshark idles once
all packets are in the list, so "loaded" is taken as the moment its CPU time
stops growing (below BUSY of a core for SETTLE seconds); reported are the wall time to
that moment and the CPU seconds spent until then (the latter does not depend
on the machine's load). Only on this machine (the chroots have no Qt)."""
import os
import shutil
import signal
import subprocess
import time

from . import timing

SETTLE = 4.0   # seconds without CPU growth that count as idle
BUSY = 0.05    # share of a core below which Wireshark counts as idle
LIMIT = 900.0  # give up after this many seconds


def descendants(pid):
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def one(t, install, capture, log):
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    # Wireshark (unlike tshark) waits behind a dialog when it cannot make its profile folder: a writable HOME.
    home = os.path.join(t.work, "gui-home-" + install)
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(t.homes[install], home)
    if nobody:
        for r, ds, fs in os.walk(home):
            for x in [r] + [os.path.join(r, f) for f in fs]:
                os.chown(x, 65534, 65534)
    cmd = nobody + ["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8",
                    f"WIRESHARK_PLUGIN_DIR={os.path.join(t.work, 'no-global-plugins')}",
                    "xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "wireshark", "-r", capture]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    ws, last_cpu, busy_cpu, last_growth, loads = None, 0.0, 0.0, t0, [timing.load()]
    try:
        while time.perf_counter() - t0 < LIMIT:
            time.sleep(0.25)
            if ws is None:
                ws = next((q for q in descendants(p.pid) if comm(q) == "wireshark"), None)
                continue
            try:
                c = cpu_of(ws)
            except OSError:
                raise RuntimeError(f"wireshark ({install}) ended before loading {capture}")
            now = time.perf_counter()
            if c - last_cpu > BUSY * 0.25:  # busy in this sample (idle timers cost far less)
                last_growth = now
                loads.append(timing.load())
            elif last_cpu > 0 and now - last_growth >= SETTLE:
                return last_growth - t0, busy_cpu, max(loads)
            if last_growth == now:
                busy_cpu = c
            last_cpu = c
        raise RuntimeError(f"wireshark ({install}) still busy after {LIMIT:.0f} s")
    finally:
        os.killpg(p.pid, signal.SIGTERM)  # our own session: xvfb-run, Xvfb and wireshark
        p.wait()


def measure(t, capture, log):
    if t.root or not shutil.which("wireshark") or not shutil.which("xvfb-run"):
        log(f"{t.version}: no GUI measurement (needs wireshark-qt and xvfb on this machine)")
        return None
    cap = t.place(capture, "gui-sip.pcap")
    r = {}
    for install in ("none", "with"):
        wall, cpu, load = one(t, install, cap, log)
        r[install] = {"wall": wall, "cpu": cpu, "load": load}
        log(f"{t.version}: GUI {install}: loaded after {wall:.1f} s, {cpu:.1f} s CPU (load {load:.1f})")
    return {"how": "Wireshark's CPU time stops growing", "frames": timing_frames(cap),
            "with": r["with"]["wall"], "none": r["none"]["wall"], "cpu_with": r["with"]["cpu"],
            "cpu_none": r["none"]["cpu"], "load": max(r["with"]["load"], r["none"]["load"])}


def timing_frames(cap):
    out = subprocess.run(["capinfos", "-M", "-c", cap], capture_output=True, text=True).stdout
    return int(out.split()[-1])
