"""Instructions (valgrind --tool=callgrind) of tshark runs, several at a time.
Counts do not depend on the machine's load, so they may run in parallel."""
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import threading


RUNNING, RUNNING_LOCK = set(), threading.Lock()  # valgrind processes of this run, ended if the run stops


def count(target, install, args):
    cmd = target.tshark(install, args, callgrind=True)  # not niced: a count does not depend on priority, and a shared machine would starve it
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
                         stdin=subprocess.DEVNULL)
    with RUNNING_LOCK:
        RUNNING.add(p)
    try:
        _, err = p.communicate()
    finally:
        with RUNNING_LOCK:
            RUNNING.discard(p)
    m = re.search(r"Collected : (\d+)", err)
    if not m:
        raise RuntimeError(f"no callgrind count from {' '.join(cmd)}:\n{err[-2000:]}")
    return int(m.group(1))


def md5(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Cache:
    """Counts already made (a JSON file), keyed by Wireshark version, the installed plugin's
    bytes, the command and the capture's bytes: a re-run after a fault elsewhere redoes none."""

    def __init__(self, path):
        self.path, self.lock = path, threading.Lock()
        self.data = {}
        if path and os.path.exists(path):
            with open(path) as f:
                self.data = json.load(f)

    def get(self, key):
        return self.data.get(key)

    def put(self, key, value):
        if not self.path:
            return
        with self.lock:
            self.data[key] = value
            with open(self.path + ".tmp", "w") as f:
                json.dump(self.data, f, indent=0)
            os.replace(self.path + ".tmp", self.path)


def count_all(target, runs, jobs, log, cache=None, captures=()):
    """runs: a set of (install, args tuple); returns {run: instructions}.
    captures: the capture paths in the args, named in the cache by their md5."""
    cache = cache or Cache(None)
    sums = {target.inner(c): md5(c) for c in captures}
    plugin = md5(target.plugin)

    def key(r):
        args = [sums.get(a, a) for a in r[1]]
        # "fixed-random": counts made with the same hash seeds (fixed_random.c); older ones are not comparable.
        return json.dumps([target.version, "fixed-random", r[0], plugin if r[0] == "with" else "", args])

    out = {r: cache.get(key(r)) for r in runs}
    todo = sorted(r for r, v in out.items() if v is None)
    if len(todo) < len(runs):
        log(f"{target.version}: {len(runs) - len(todo)} callgrind counts from {cache.path}")
    ex = concurrent.futures.ThreadPoolExecutor(jobs)
    try:
        futures = {ex.submit(count, target, r[0], list(r[1])): r for r in todo}
        for i, f in enumerate(concurrent.futures.as_completed(futures), 1):
            r = futures[f]
            out[r] = f.result()
            cache.put(key(r), out[r])
            log(f"{target.version}: callgrind {i}/{len(todo)}: {r[0]:4} {' '.join(r[1])[-90:]}: {out[r]:,}")
    finally:  # stopped or failed: start no more, end the ones running
        ex.shutdown(wait=False, cancel_futures=True)
        with RUNNING_LOCK:
            for p in RUNNING:
                p.kill()
    return out
