"""docs/benchmarks.md from one run of the benchmark: what was measured
against what, then the report itself."""
import hashlib
import os
import platform
import subprocess


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def describe(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    frames = subprocess.run(["capinfos", "-M", "-c", path], capture_output=True, text=True).stdout.split()[-1]
    return {"name": os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path), "md5": h.hexdigest(),
            "frames": int(frames)}


def write(path, text, results, meta):
    ins = meta["inputs"]
    versions = ", ".join(r["target"] for r in results)
    big = ins.get("big")
    r0 = results[0]
    intro = f"""# sipcat benchmarks

Written by `tests/bench/run --write-docs` on {meta['date']} from commit {meta['commit']}, in one run
{"(`--quick`: a short check, not the benchmark) " if meta.get("quick") else ""}on {versions}.
Re-run: `tests/bench/run --write-docs` (`--quick` for a short check,
`--versions native,4.4,4.6` for 4.4 too, `--gui` for the GUI).

## What is measured against what

- **Baseline: sipcat not installed** — the same tshark as `nobody` with a private HOME that holds no
  plugin, and no global plugins (`WIRESHARK_PLUGIN_DIR` pointed at an empty folder). sipcat's run
  uses a HOME that holds only `sipcat.so`. `--disable-protocol sipcat` is a row of its own
  ("disabled"), measured against not installed, not used as a baseline.
- **Commands**: issue 14's target table; each mode's baseline is the same command unless the table
  names another (a run without sipcat cannot name a sipcat field or tap).
- **Instructions per frame** (`valgrind --tool=callgrind`): a run on the slice minus the same install's
  same command on an empty capture (its start-up), divided by the slice's frames. "whole run" is the
  plain ratio of the two runs, start-up included. Callgrind counts do not depend on the machine's load.
  Every callgrind run gets the same hash seeds (`tests/bench/harness/fixed_random.c`, preloaded):
  Wireshark seeds its hash tables at random, and one and the same run otherwise varied by up to
  4 M instructions (about 1,000 a frame over 4,000 frames) on 4.0; with it, by under 1,000 in all.
- **Inputs** (made by `tests/bench/make_captures.py`, deterministic): `{ins['sip']['name']}`
  ({ins['sip']['frames']:,} frames, 210,001 SIP messages over UDP and TCP, md5 {ins['sip']['md5']});
  the instruction counts use its first {r0['frames']['sip']:,} frames; `{ins['non']['name']}`
  ({ins['non']['frames']:,} frames of HTTP-like TCP and DNS, md5 {ins['non']['md5']}), its first
  {r0['frames']['non']:,} frames for the non-SIP rows.""" + (f"""
- **Peak RSS** (`wait4`'s `ru_maxrss`): one run each on `{big['name']}` ({big['frames']:,} frames,
  1,000,000 SIP messages, md5 {big['md5']}), in the mode(s) {", ".join(x["name"] for x in r0["rss"])}
  (a filter on sipcat makes sipcat keep its per-file state), against the mode's baseline.""" if big else "") + f"""
- **Start-up**: `-q -z sip,stat` on an empty capture: callgrind instructions, and the median CPU time
  (user + system) of alternating runs.
- **Wall time**: medians of alternating pairs (with sipcat and not installed, the order swapped
  from pair to pair: the second run of a pair is up to 10 % slower here), started once the
  1-minute load is below 0.5, and their CPU time (user + system) beside them, on the first
  {r0['wall_frames']:,} frames of the SIP-heavy capture, with the highest 1-minute load average seen
  beside each figure. **The machine is shared** (2 cores, several engineers building and testing):
  a wall figure with a load above 1 is not a measurement of sipcat, only callgrind's are.
- **CPU time of duets**: with sipcat and not installed run at the same time, one on each core,
  the one started first swapped from duet to duet ("duet benchmarking", Bulej et al., 2020):
  both see the same noise of the shared host, so the ratio holds still where alternating runs
  vary by ±20 % from run to run. Per frame: the same duets on an empty capture (the start-up)
  taken off both sides. The control duet (not installed against itself) shows the method's own
  spread. The two processes share the caches, so the figure is the cost beside a co-runner.
- **Lua**: the post-dissector of `tests/bench/lua_equivalent.py` (catalogue fields and an expert item per
  response over `sip.Status-Code`) asked for `sipcatlua.code` and `sipcatlua.summary`, against the
  sipcat fields mode's baseline; the figure is its added instructions per frame over sipcat's.
- 4.0 runs on this machine; 4.4 and 4.6 in the matrix chroots (`tests/matrix/run --prepare-only`),
  where the benchmark builds the plugin from the same checkout and unpacks the chroot's own valgrind,
  all under the chroot's `/tmp`.
- Machine: {meta['machine']}.
""" + "".join(f"- {n}\n" for n in meta.get("notes", [])) + "".join(
        f"- {r['target']}: the run took {r['minutes']:.0f} minutes.\n" for r in results if r.get("minutes")) + """
"""
    with open(path, "w") as f:
        f.write(intro + text)
