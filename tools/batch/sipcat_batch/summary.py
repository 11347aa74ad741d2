"""The summary of many records: counts per code, class and outcome, the files
with the most failures, failures over time. Computed from records only, so a
summary of merged partial outputs equals that of one run."""
import collections

from .records import is_failure, is_response
from .timestamps import seconds


class Summary:
    def __init__(self):
        # class -> name, filled from the plugin before rendering (extract.Tshark.class_names); 0: no valid code
        self.class_names = {0: "Invalid"}
        self.files = collections.Counter()        # file -> responses (retransmissions not counted)
        self.failures = collections.Counter()     # file -> real failures
        self.codes = collections.Counter()
        self.reasons = {}
        self.classes = collections.Counter()
        self.outcomes = collections.Counter()
        self.retransmissions = 0
        self.failure_times = []                   # (epoch seconds) of real failures
        self.errors = {}                          # file -> message
        self.unanswered = collections.Counter()   # method -> requests never answered (transactions)
        self.no_ack = 0                           # 2xx to INVITE never ACKed
        self.late = 0                             # responses after the sender gave up

    def add(self, r):
        self.files[r["file"]] += 0
        if not is_response(r):
            # One transaction per request never answered: its first copy.
            if r.get("unanswered") and r.get("copies") == 1:
                self.unanswered[r["method"] or "?"] += 1
            return
        if r.get("ack_missing") and not r["retransmission"]:
            self.no_ack += 1
        if r.get("late"):
            self.late += 1
        if r["retransmission"]:
            self.retransmissions += 1
            return
        self.files[r["file"]] += 1
        code = r["code"] if r["code"] is not None else -1
        self.codes[code] += 1
        if r["reason"]:
            self.reasons.setdefault(code, r["reason"])
        self.classes[r["class"] or 0] += 1
        if r["outcome"]:
            self.outcomes[r["outcome"]] += 1
        t = seconds(r["time"])
        if is_failure(r):
            self.failures[r["file"]] += 1
            if t is not None:
                self.failure_times.append(t)

    @property
    def responses(self):
        return sum(self.codes.values())

    def code_rows(self):
        total = self.responses or 1
        return [(c, self.reasons.get(c, "(unregistered code)" if 100 <= c <= 699 else "(invalid)"), n,
                 100.0 * n / total) for c, n in sorted(self.codes.items())]

    def outcome_rows(self):
        total = sum(self.outcomes.values()) or 1
        return [(o, n, 100.0 * n / total) for o, n in sorted(self.outcomes.items(), key=lambda x: (-x[1], x[0]))]

    def class_rows(self):
        total = self.responses or 1
        return [(c, self.class_names.get(c, ""), n, 100.0 * n / total) for c, n in sorted(self.classes.items())]

    def silence_rows(self):
        """(what, count) of the findings without a status code."""
        rows = [(f"{m} never answered", n) for m, n in sorted(self.unanswered.items(), key=lambda x: (-x[1], x[0]))]
        return rows + [("2xx to INVITE never ACKed", self.no_ack), ("responses after the sender gave up", self.late)]

    def top_failure_files(self, n=10):
        return sorted(((f, k) for f, k in self.failures.items() if k), key=lambda x: (-x[1], x[0]))[:n]

    def failure_histogram(self, max_buckets=48):
        """(bucket start epoch, bucket seconds, counts) of real failures over
        the time they span, in at most max_buckets bars of a round size."""
        if not self.failure_times:
            return None, 0, []
        first, last = min(self.failure_times), max(self.failure_times)
        span = max(last - first, 1.0)
        steps = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400,
                 365 * 86400]
        size = next((s for s in steps if span / s <= max_buckets), None)
        if size is None:  # decades: whole years
            size = 365 * 86400 * int(-(-span // (365 * 86400 * max_buckets)))
        start = first - (first % size)
        counts = [0] * (int((last - start) // size) + 1)
        for t in self.failure_times:
            counts[min(int((t - start) // size), len(counts) - 1)] += 1
        return start, size, counts


def _table(headers, rows, aligns):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    def fmt(cells):
        return "  ".join(str(c).rjust(w) if a == ">" else str(c).ljust(w)
                         for c, w, a in zip(cells, widths, aligns)).rstrip()
    return [fmt(headers), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


def render_text(s, files_total):
    """The summary table printed on stdout."""
    lines = [f"sipcat-batch: {files_total} files ({len(s.errors)} with errors), {s.responses:,} responses "
             f"({s.retransmissions:,} retransmissions not counted), {sum(s.failures.values()):,} failures", ""]
    lines.append("Responses by code")
    lines += _table(["code", "reason", "count", "share"],
                    [(c if c >= 0 else "?", r, f"{n:,}", f"{p:.1f}%") for c, r, n, p in s.code_rows()],
                    [">", "<", ">", ">"])
    lines += ["", "Responses by class"]
    lines += _table(["class", "", "count", "share"],
                    [(f"{c}xx" if c else "-", name, f"{n:,}", f"{p:.1f}%") for c, name, n, p in s.class_rows()],
                    [">", "<", ">", ">"])
    lines += ["", "Call outcomes"]
    rows = s.outcome_rows()
    lines += _table(["outcome", "count", "share"], [(o, f"{n:,}", f"{p:.1f}%") for o, n, p in rows],
                    ["<", ">", ">"]) if rows else ["(no INVITE outcomes)"]
    lines += ["", "Requests without a response, 2xx without ACK"]
    lines += _table(["finding", "count"], [(w, f"{n:,}") for w, n in s.silence_rows()], ["<", ">"])
    lines += ["", "Files with the most failures (4xx-6xx, not expected, not retransmitted)"]
    top = s.top_failure_files()
    lines += _table(["failures", "file"], [(f"{k:,}", f) for f, k in top], [">", "<"]) if top else ["(none)"]
    if s.errors:
        lines += ["", "Files that could not be read (whole)"]
        lines += [f"  {f}: {m}" for f, m in sorted(s.errors.items())]
    return "\n".join(lines) + "\n"
