"""Runs the real tshark with the freshly built plugin.

Wireshark ignores personal plugins when run as root, so as root tshark runs as
`nobody` with a private HOME that holds only our plugin; captures are fed on
stdin to a copy in the private HOME, so that their folders' permissions do not matter."""
import os
import re
import shutil
import stat
import subprocess
import tempfile

# A sanitizer's report on stderr (ASan, LSan, UBSan): any one fails the test.
SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error: ")


def sanitizer_env(preload):
    """Environment that makes an uninstrumented tshark run a sanitized plugin:
    the ASan runtime must be the first library loaded. Leaks are memcheck's job
    (tshark leaves much allocated at exit that is not ours)."""
    if not preload:
        return {}
    return {"LD_PRELOAD": preload,
            "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0:exitcode=86:detect_odr_violation=0:"
                            "allocator_may_return_null=1:handle_abort=1",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:exitcode=86",
            "G_SLICE": "always-malloc"}


def sanitizer_report(text):
    m = SANITIZER_REPORT.search(text)
    return text[max(0, m.start() - 200):m.start() + 4000] if m else None


def searchable_by_others(folder):
    """Every folder on the way to `folder` lets others through (o+x), as it must for `nobody`."""
    path = os.path.abspath(folder)
    while True:
        try:
            if not os.stat(path).st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
        if path == os.path.dirname(path):
            return True
        path = os.path.dirname(path)


class Tshark:
    def __init__(self, plugin: str, series: str, preload=None):
        self.preload = preload
        self.home = tempfile.mkdtemp(prefix="sipcat-test-")
        plugdir = os.path.join(self.home, ".local/lib/wireshark/plugins", series, "epan")
        os.makedirs(plugdir)
        shutil.copy(plugin, plugdir)
        for root, dirs, files in os.walk(self.home):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        self.copies = {}
        first = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        m = re.search(r"(\d+)\.(\d+)\.(\d+)", first)
        self.version = tuple(int(x) for x in m.groups()) if m else (0, 0, 0)
        self.data_dir = None  # a global config folder (WIRESHARK_DATA_DIR), see write_global
        self.prefix = []
        if os.geteuid() == 0:
            self.prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    def close(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def readable(self, capture):
        """A copy of `capture` that the unprivileged user can read."""
        if capture not in self.copies:
            d = os.path.join(self.home, "captures")
            os.makedirs(d, mode=0o755, exist_ok=True)
            dst = os.path.join(d, "%d-%s" % (len(self.copies), os.path.basename(capture)))
            shutil.copy(capture, dst)
            os.chmod(dst, 0o644)
            self.copies[capture] = dst
        return self.copies[capture]

    def _write(self, path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        d = os.path.dirname(path)
        while d.startswith(self.home) and d != self.home:
            os.chmod(d, 0o755)
            d = os.path.dirname(d)
        os.chmod(path, 0o644)
        return path

    def write_config(self, name, text, profile=None):
        """A file in the personal configuration folder, or in a profile's."""
        base = os.path.join(self.home, ".config", "wireshark")
        if profile:
            base = os.path.join(base, "profiles", profile)
        return self._write(os.path.join(base, name), text)

    def write_global(self, name, text):
        """A file in a global configuration folder that otherwise mirrors the
        installed one (tshark reads it through WIRESHARK_DATA_DIR)."""
        if self.data_dir is None:
            self.data_dir = os.path.join(self.home, "global-data")
            os.makedirs(self.data_dir)
            os.chmod(self.data_dir, 0o755)
            installed = "/usr/share/wireshark"
            for entry in os.listdir(installed):
                os.symlink(os.path.join(installed, entry), os.path.join(self.data_dir, entry))
        path = os.path.join(self.data_dir, name)
        if os.path.islink(path):
            os.unlink(path)
        return self._write(path, text)

    def run(self, args, capture=None, check=True, locale=None):
        """Returns (stdout, stderr) of tshark [-r capture] args; `locale`
        replaces LC_ALL=C.UTF-8 by the given variables."""
        # WIRESHARK_PLUGIN_DIR replaces the global plugin folder: an empty one keeps
        # an installed sipcat from loading beside the one under test.
        env = self.env()
        if locale is not None:
            del env["LC_ALL"]
            env.update(locale)
        cmd = self.prefix + ["tshark"] + (["-r", self.readable(capture)] if capture else []) + list(args)
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=300)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        report = sanitizer_report(err)
        if report:
            raise AssertionError(f"sanitizer report in tshark {' '.join(args)}:\n{report}")
        if "Dissector bug, protocol" in out or "Dissector bug" in err:
            raise AssertionError(f"Dissector bug in tshark {' '.join(args)}:\n{err[-2000:]}")
        if check and p.returncode != 0:
            raise AssertionError(f"tshark {' '.join(args)} exited {p.returncode}:\n{err[-2000:]}")
        return out, err

    def env(self):
        path = os.environ.get("PATH", "/usr/bin:/bin")
        if self.prefix:
            # What `nobody` cannot reach (root's pyenv shims) would shadow /usr/bin's python3.
            path = ":".join(d for d in path.split(":") if d and searchable_by_others(d))
        env = {"HOME": self.home, "PATH": path, "LC_ALL": "C.UTF-8",
               "WIRESHARK_PLUGIN_DIR": os.path.join(self.home, "no-global-plugins")}
        if self.data_dir:
            env["WIRESHARK_DATA_DIR"] = self.data_dir
        env.update(sanitizer_env(self.preload))
        if self.preload:
            # Extcap helpers (androiddump ...) inherit LD_PRELOAD and can hang at exit
            # in glibc's locale lock under the ASan runtime; they are not under test.
            env["WIRESHARK_EXTCAP_DIR"] = os.path.join(self.home, "no-extcap")
        return env

    def workdir(self, name):
        """A folder in the private HOME that the tshark user can read and write."""
        d = os.path.join(self.home, name)
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o777)
        return d

    def run_tool(self, cmd, timeout=600):
        """Runs a command (e.g. sipcat-batch) as tshark runs: same user, HOME and plugin."""
        p = subprocess.run(self.prefix + list(cmd), stdin=subprocess.DEVNULL, capture_output=True,
                           env=self.env(), timeout=timeout, text=True, errors="replace")
        report = sanitizer_report(p.stderr)
        if report:
            raise AssertionError(f"sanitizer report in {' '.join(cmd)}:\n{report}")
        return p

    def popen_tool(self, cmd, **kw):
        return subprocess.Popen(self.prefix + list(cmd), stdin=subprocess.DEVNULL, env=self.env(), **kw)

    def fields(self, capture, fields, extra=()):
        args = list(extra) + ["-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|"]
        for f in fields:
            args += ["-e", f]
        out, _ = self.run(args, capture)
        return [line.split("\t") for line in out.splitlines()]
