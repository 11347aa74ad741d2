"""Where tshark runs: this machine's Wireshark, or one of the matrix chroots
(tests/matrix/run --prepare-only makes them). Each target has a scratch folder
(under the chroot's /tmp for a chroot, and nothing is left outside it) with
private HOMEs: "with" holds sipcat, "none" nothing (sipcat not installed),
"lua" the Lua equivalent, "noop" a post-dissector that does nothing
(noop_postdissector.c: what Wireshark's dispatch alone costs). tshark runs as `nobody` (Wireshark ignores personal
plugins for root)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.dirname(os.path.dirname(HERE))
PROC_LOCK = threading.Lock()
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def log(*x):
    print("bench:", *x, file=sys.stderr, flush=True)


def open_all(path):
    """Readable (and where the owner may run it, runnable) by nobody."""
    for r, ds, fs in os.walk(path):
        os.chmod(r, 0o755)
        for f in fs:
            p = os.path.join(r, f)
            if not os.path.islink(p):
                mode = os.stat(p).st_mode
                os.chmod(p, 0o755 if mode & 0o100 else 0o644)


class Target:
    def __init__(self, root=None, plugin=None):
        self.root = root  # None: this machine
        self.mounted_proc = False
        if root:
            if not os.path.isfile(os.path.join(root, "usr/bin/tshark")):
                raise SystemExit(f"bench: no tshark in {root} (tests/matrix/run --prepare-only 4.6)")
            self._mount_proc()
        self.work = tempfile.mkdtemp(prefix="sipcat-bench-", dir=os.path.join(root, "tmp") if root else None)
        os.chmod(self.work, 0o755)
        first = self.run_root(["tshark", "--version"]).stdout.splitlines()[0]
        m = re.search(r"(\d+)\.(\d+)\.(\d+)", first)
        self.version = m.group(0)
        self.series = f"{m.group(1)}.{m.group(2)}"
        self.name = (f"{self.version} ({os.path.basename(root)} chroot)" if root else f"{self.version} (this machine)")
        self.valgrind_env = {}
        self.valgrind = "valgrind"
        if root:
            self._valgrind_in_tmp()
            plugin = plugin or self._build_plugin()
        elif not shutil.which("valgrind"):
            raise SystemExit("bench: valgrind is missing (apt-get install valgrind)")
        self.plugin = plugin
        self.homes = {}
        for name in ("with", "none", "lua", "noop"):
            h = os.path.join(self.work, "home-" + name)
            os.makedirs(os.path.join(h, ".local/lib/wireshark/plugins", self.series, "epan"))
            self.homes[name] = h
        shutil.copy(plugin, os.path.join(self.homes["with"], ".local/lib/wireshark/plugins", self.series, "epan",
                                         "sipcat.so"))
        subprocess.run([sys.executable, os.path.join(HERE, "lua_equivalent.py"),
                        os.path.join(SRC, "catalogue", "responses.cat"),
                        os.path.join(self.homes["lua"], ".local/lib/wireshark/plugins", "sipcat_lua.lua")], check=True)
        os.makedirs(os.path.join(self.work, "no-global-plugins"))
        self.fixed_random = self._fixed_random()
        self._noop_plugin()
        open_all(self.work)
        self._check_installs()

    def _check_installs(self):
        """sipcat loads in "with" and in no other HOME, the no-op only in "noop"; else every ratio would be 1
        and look like a success."""
        for install in ("with", "none", "noop"):
            p = subprocess.run(self.tshark(install, ["-G", "plugins"]), capture_output=True, text=True,
                               errors="replace", stdin=subprocess.DEVNULL)
            for so, home in (("sipcat.so", "with"), ("noop.so", "noop")):
                if (so in p.stdout) != (install == home):
                    self.close()
                    raise SystemExit(f"bench: on {self.name}, tshark with the HOME {install!r} "
                                     f"{'does not load' if install == home else 'loads'} {so}:\n"
                                     f"{p.stdout[-800:]}{p.stderr[-800:]}")

    def _noop_plugin(self):
        """noop_postdissector.c built against the target's own Wireshark headers, into the "noop" HOME."""
        src = os.path.join(self.work, "noop_postdissector.c")
        shutil.copy(os.path.join(HERE, "harness", "noop_postdissector.c"), src)
        so = os.path.join(self.homes["noop"], ".local/lib/wireshark/plugins", self.series, "epan", "noop.so")
        p = self.run_root(["sh", "-c", f"g++ -x c -O2 -shared -fPIC $(pkg-config --cflags wireshark) "
                                       f"-o {self.inner(so)} {self.inner(src)}"])
        if p.returncode != 0:
            raise SystemExit(f"bench: could not build the no-op post-dissector on {self.name}:\n{p.stderr[-1500:]}")

    # ---- paths
    def inner(self, path):
        """`path` (on this machine) as tshark sees it."""
        return path[len(self.root):] if self.root else path

    def place(self, path, name=None):
        """A copy (a hard link where possible) of `path` in the scratch folder, readable by nobody."""
        dst = os.path.join(self.work, name or os.path.basename(path))
        if not os.path.exists(dst):
            try:
                os.link(path, dst)
            except OSError:
                shutil.copy(path, dst)
            if os.stat(dst).st_mode & 0o444 != 0o444:
                shutil.copy(path, dst + ".tmp")
                os.replace(dst + ".tmp", dst)
                os.chmod(dst, 0o644)
        return dst

    # ---- commands
    def run_root(self, cmd, **kw):
        """`cmd` as root inside the target (for set-up)."""
        full = (["chroot", self.root, "env", "-i", "PATH=/usr/bin:/bin", f"HOME={self.inner(self.work)}",
                 "LC_ALL=C.UTF-8"] if self.root else []) + cmd
        return subprocess.run(full, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL, **kw)

    def tshark(self, install, args, callgrind=False):
        """The argv of tshark as nobody with the HOME of `install` ("with", "none", "lua")."""
        self.ensure_proc()  # another job's chroot clean-up may have unmounted it meanwhile
        env = ["env", "-i", f"HOME={self.inner(self.homes[install])}", "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8",
               f"WIRESHARK_PLUGIN_DIR={self.inner(os.path.join(self.work, 'no-global-plugins'))}"]
        env += [f"{k}={v}" for k, v in self.valgrind_env.items()] if callgrind else []
        env += [f"LD_PRELOAD={self.inner(self.fixed_random)}"] if callgrind else []
        vg = [self.valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", "--vgdb=no"] if callgrind else []
        nobody = NOBODY if os.geteuid() == 0 else []
        return (["chroot", self.root] if self.root else []) + nobody + env + vg + ["tshark"] + list(args)

    def _fixed_random(self):
        """fixed_random.c built for the target (its own compiler in a chroot): the
        same hash seeds in every callgrind run, so that counts repeat exactly."""
        src = os.path.join(self.work, "fixed_random.c")
        shutil.copy(os.path.join(HERE, "harness", "fixed_random.c"), src)
        so = os.path.join(self.work, "fixed_random.so")
        p = self.run_root(["g++", "-x", "c", "-O2", "-shared", "-fPIC", "-o", self.inner(so), self.inner(src)])
        if p.returncode != 0:
            raise SystemExit(f"bench: could not build fixed_random.so on {self.name}:\n{p.stderr[-1500:]}")
        return so

    # ---- set-up in a chroot
    def ensure_proc(self):
        """valgrind needs the chroot's /proc; mounted again if someone unmounted it."""
        if self.root:
            with PROC_LOCK:
                self._mount_proc()

    def _mount_proc(self):
        proc = os.path.join(self.root, "proc")
        if subprocess.run(["mountpoint", "-q", proc]).returncode != 0:
            subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)
            self.mounted_proc = True

    def _valgrind_in_tmp(self):
        """The chroot's own valgrind, unpacked under the scratch folder (apt-get download, dpkg -x):
        nothing installed into the chroot."""
        vg = os.path.join(self.work, "valgrind")
        os.makedirs(vg)
        p = self.run_root(["sh", "-c", f"cd {self.inner(vg)} && apt-get -q -o Dir::Cache={self.inner(vg)}/cache "
                           f"-o Debug::NoLocking=1 download valgrind && dpkg -x valgrind_*.deb root"])
        if p.returncode != 0:
            raise SystemExit(f"bench: could not unpack valgrind in {self.root}:\n{p.stderr[-1500:]}")
        self.valgrind = self.inner(os.path.join(vg, "root/usr/bin/valgrind"))
        self.valgrind_env = {"VALGRIND_LIB": self.inner(os.path.join(vg, "root/usr/libexec/valgrind"))}

    def _build_plugin(self):
        """Builds sipcat.so from this checkout against the chroot's Wireshark, in the scratch folder."""
        src = os.path.join(self.work, "src")
        os.makedirs(src)
        tar = subprocess.Popen(["tar", "-C", SRC, "--exclude=./build*", "--exclude=./.git", "-cf", "-", "."],
                               stdout=subprocess.PIPE)
        subprocess.run(["tar", "-C", src, "-xf", "-"], stdin=tar.stdout, check=True)
        tar.wait()
        log(f"{self.version}: building sipcat.so in {self.root}")
        # The scratch folder's random name would end up in the debug info, and a plugin with
        # other bytes never hits the callgrind cache: map it to a fixed name.
        p = self.run_root(["sh", "-c", f"cd {self.inner(src)} && cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "
                           f"-DSIPCAT_BUILD_TESTS=OFF '-DCMAKE_CXX_FLAGS=-ffile-prefix-map={self.inner(src)}=/sipcat-src' "
                           f">/dev/null && cmake --build build -j2 --target sipcat"])
        so = os.path.join(src, "build", "sipcat.so")
        if p.returncode != 0 or not os.path.exists(so):
            raise SystemExit(f"bench: building sipcat in {self.root} failed:\n{p.stdout[-1500:]}{p.stderr[-1500:]}")
        return so

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)
        # Unmount the /proc we mounted unless another process (someone else's run) lives in the chroot.
        if self.mounted_proc and not self._others_inside():
            subprocess.run(["umount", os.path.join(self.root, "proc")])

    def _others_inside(self):
        for p in os.listdir("/proc"):
            try:
                if p.isdigit() and int(p) != os.getpid() and os.readlink(f"/proc/{p}/root") == self.root:
                    return True
            except OSError:
                pass
        return False
