"""sipcat-batch [options] FILE|DIR...

Runs tshark with the sipcat plugin on many capture files in parallel and
writes one record per SIP response (CSV and/or JSON Lines), a summary on
stdout and, if asked, a self-contained HTML report."""
import argparse
import concurrent.futures
import csv
import json
import os
import signal
import sys
import tempfile
import threading

from . import html_report
from .extract import FileError, Tshark, extract
from .records import COLUMNS, normalise
from .summary import Summary, render_text

# In a folder, files with these endings are notes, not captures.
TEXT_ENDINGS = (".txt", ".md", ".tsv", ".csv", ".json", ".jsonl", ".html", ".xml", ".log", ".sh", ".py", ".cfg")


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="sipcat-batch", description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="exit status: 0 all files read; 1 some could not be read (the rest is reported); "
               "2 usage or set-up error; 130 interrupted.\n"
               "Merging: run with --jsonl per host or per file, then sipcat-batch --merge *.jsonl.")
    ap.add_argument("inputs", nargs="+", metavar="FILE|DIR", help="captures, or folders searched recursively")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="parallel tshark runs (default: cores)")
    ap.add_argument("--csv", metavar="FILE", help="write one CSV row per response ('-' for stdout)")
    ap.add_argument("--jsonl", metavar="FILE", help="write one JSON object per response ('-' for stdout)")
    ap.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    ap.add_argument("--no-summary", action="store_true", help="do not print the summary table")
    ap.add_argument("--merge", action="store_true", help="inputs are --jsonl outputs of earlier runs: combine them")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    ap.add_argument("--tshark", default="tshark", help="the tshark to run (default: tshark on PATH)")
    ap.add_argument("-C", "--profile", help="Wireshark configuration profile (e.g. one with sipcat_overrides)")
    ap.add_argument("-o", "--option", action="append", default=[], metavar="PREF:VALUE",
                    help="a Wireshark preference, e.g. sipcat.language:de (repeatable)")
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if [args.csv, args.jsonl].count("-") > 1:
        ap.error("only one of --csv and --jsonl can write to stdout")
    return args


def find_files(inputs, merge):
    """Files in command-line order; folders are searched recursively, sorted."""
    out = []
    for path in inputs:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    if merge != f.endswith(".jsonl") or (not merge and f.lower().endswith(TEXT_ENDINGS)):
                        continue
                    out.append(os.path.join(root, f))
        else:
            out.append(path)
    return out


class Output:
    """A file written next to its destination and renamed into place when
    complete: an interrupted run leaves no half-written output."""

    def __init__(self, path, newline=None):
        self.path = path
        if path == "-":
            self.f, self.tmp = sys.stdout, None
        else:
            d = os.path.dirname(os.path.abspath(path))
            fd, self.tmp = tempfile.mkstemp(prefix=".sipcat-batch-", dir=d)
            self.f = os.fdopen(fd, "w", encoding="utf-8", newline=newline)

    def commit(self):
        if self.tmp:
            self.f.close()
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.path)
            self.tmp = None
        else:
            self.f.flush()

    def discard(self):
        if self.tmp:
            self.f.close()
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


class Progress:
    def __init__(self, total, quiet):
        self.total, self.done, self.responses = total, 0, 0
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.lock = threading.Lock()

    def file_done(self, path, count, error=None):
        with self.lock:
            self.done += 1
            self.responses += count
            if error:
                self.clear()
                print(f"sipcat-batch: {path}: {error}", file=sys.stderr)
            if self.quiet:
                return
            line = f"sipcat-batch: [{self.done}/{self.total} files] {self.responses:,} responses"
            if self.tty:
                print("\r" + line[:150].ljust(80), end="", file=sys.stderr, flush=True)
            else:
                print(f"{line} ({os.path.basename(path)})", file=sys.stderr, flush=True)

    def clear(self):
        if self.tty and not self.quiet:
            print("\r" + " " * 80 + "\r", end="", file=sys.stderr, flush=True)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    files = find_files(args.inputs, args.merge)
    if not files:
        print("sipcat-batch: no input files", file=sys.stderr)
        return 2
    tshark = Tshark(args.tshark, args.option, args.profile)
    if not args.merge:
        try:
            tshark.check_plugin()
        except FileError as e:
            print(f"sipcat-batch: {e}", file=sys.stderr)
            return 2

    outputs = []
    try:
        csv_out = Output(args.csv, newline="") if args.csv else None
        jsonl_out = Output(args.jsonl) if args.jsonl else None
        html_out = Output(args.html) if args.html else None
    except OSError as e:
        print(f"sipcat-batch: cannot write output: {e}", file=sys.stderr)
        return 2
    outputs = [o for o in (csv_out, jsonl_out, html_out) if o]
    writer = csv.DictWriter(csv_out.f, fieldnames=COLUMNS) if csv_out else None
    if writer:
        writer.writeheader()

    summary = Summary()
    lock = threading.Lock()
    progress = Progress(len(files), args.quiet)

    def on_record(r):
        with lock:
            summary.add(r)
            if writer:
                writer.writerow({k: ("" if v is None else (int(v) if isinstance(v, bool) else v))
                                 for k, v in r.items()})
            if jsonl_out:
                jsonl_out.f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def on_file(path, count, error):
        with lock:
            summary.files[path] += 0
            if error:
                summary.errors[path] = error
            if jsonl_out:
                jsonl_out.f.write(json.dumps({"file": path, "file_status": "error" if error else "ok",
                                              "responses": count, "message": error}, ensure_ascii=False) + "\n")
        progress.file_done(path, count, error)

    def run_one(path):
        count = [0]

        def counted(r):
            count[0] += 1
            on_record(r)
        try:
            extract(tshark, path, counted)
            on_file(path, count[0], None)
        except FileError as e:
            on_file(path, count[0], str(e))
        except Exception as e:  # a bug here must not lose the other files
            on_file(path, count[0], f"internal error: {type(e).__name__}: {e}")

    def merge_one(path):
        count, error = 0, None
        try:
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError:
                        error = f"line {n} is not JSON"
                        break
                    if "file_status" in obj:
                        with lock:
                            summary.files[obj["file"]] += 0
                            if obj.get("message"):
                                summary.errors[obj["file"]] = obj["message"]
                            if jsonl_out:
                                jsonl_out.f.write(line if line.endswith("\n") else line + "\n")
                    else:
                        on_record(normalise(obj))
                        count += 1
        except OSError as e:
            error = e.strerror or str(e)
        progress.file_done(path, count, error)
        if error:
            with lock:
                summary.errors[path] = error

    interrupted = False
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1 if args.merge else args.jobs)
    try:
        futures = [pool.submit(merge_one if args.merge else run_one, f) for f in files]
        for fut in concurrent.futures.as_completed(futures):
            fut.result()
    except KeyboardInterrupt:
        interrupted = True
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        pool.shutdown(wait=False, cancel_futures=True)
        for p in list(tshark.running):
            p.kill()
        for o in outputs:
            o.discard()
        progress.clear()
        print("sipcat-batch: interrupted; no output written", file=sys.stderr)
        return 130
    finally:
        if not interrupted:
            pool.shutdown(wait=True)
    progress.clear()

    files_total = len(summary.files) if args.merge else len(files)
    if html_out or not args.no_summary:
        summary.class_names.update(tshark.class_names())
    if html_out:
        html_out.f.write(html_report.render(summary, files_total))
    for o in outputs:
        o.commit()
    if not args.no_summary:
        stdout_taken = "-" in (args.csv, args.jsonl)
        print(render_text(summary, files_total), end="", file=sys.stderr if stdout_taken else sys.stdout)
    return 1 if summary.errors else 0
