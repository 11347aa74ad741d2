"""A self-contained HTML report: the summary tables and two inline SVG charts
(responses by class, failures over time). No script, no network."""
import datetime
import html

CLASS_COLOURS = {1: "#8fb8de", 2: "#7cc47c", 3: "#d7c45a", 4: "#f0a040", 5: "#e0604a", 6: "#b03a5a", 0: "#999999"}

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.8em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .2em .8em; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #555; } .err { color: #a00; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
"""


def _e(x):
    return html.escape(str(x), quote=True)


def class_chart(rows, width=640):
    """Horizontal bars, one per class."""
    bar_h, gap, label_w = 22, 6, 150
    h = max(1, len(rows)) * (bar_h + gap) + 10
    top = max((n for _, _, n, _ in rows), default=1) or 1
    out = [f'<svg id="chart-classes" role="img" aria-label="Responses by class" width="{width}" height="{h}" '
           f'viewBox="0 0 {width} {h}" xmlns="http://www.w3.org/2000/svg">']
    for i, (c, name, n, p) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        w = max(1, int((width - label_w - 120) * n / top))
        out.append(f'<text x="0" y="{y + 15}">{_e((str(c) + "xx ") if c else "")}{_e(name)}</text>')
        out.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" '
                   f'fill="{CLASS_COLOURS.get(c, "#999")}"><title>{n:,} ({p:.1f}%)</title></rect>')
        out.append(f'<text x="{label_w + w + 6}" y="{y + 15}">{n:,} ({p:.1f}%)</text>')
    out.append("</svg>")
    return "\n".join(out)


def time_chart(start, size, counts, width=900, height=240):
    """Vertical bars of real failures per time bucket."""
    if start is None or not counts:
        return "<p>No failures with a timestamp.</p>"
    left, bottom, top_pad = 50, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max(max(counts), 1)
    bw = plot_w / len(counts)
    out = [f'<svg id="chart-failures" role="img" aria-label="Failures over time" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="#444"/>',
           f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="#444"/>',
           f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end">{top:,}</text>',
           f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end">0</text>']
    for i, n in enumerate(counts):
        if not n:
            continue
        h = plot_h * n / top
        t = datetime.datetime.fromtimestamp(start + i * size, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        out.append(f'<rect class="bar" x="{left + i * bw + 1:.1f}" y="{top_pad + plot_h - h:.1f}" '
                   f'width="{max(bw - 2, 1):.1f}" height="{h:.1f}" fill="#e0604a"><title>{_e(t)} UTC: {n:,}'
                   f'</title></rect>')
    for i in (0, len(counts) // 2, len(counts) - 1):
        t = datetime.datetime.fromtimestamp(start + i * size, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
        anchor = "start" if i == 0 else ("end" if i == len(counts) - 1 and i else "middle")
        out.append(f'<text x="{left + i * bw + (bw / 2 if anchor == "middle" else 0):.1f}" y="{height - 20}" '
                   f'text-anchor="{anchor}">{_e(t)}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">time (UTC), '
               f'{_e(_duration(size))} per bar</text>')
    out.append("</svg>")
    return "\n".join(out)


def _duration(s):
    for unit, n in (("year", 365 * 86400), ("day", 86400), ("h", 3600), ("min", 60)):
        if s >= n and s % n == 0:
            return f"{s // n} {unit}"
    return f"{s} s"


def _rows(rows):
    return "\n".join("<tr>" + "".join(f'<td class="n">{_e(c)}</td>' if isinstance(c, (int, float)) or
                                      str(c).rstrip("%").replace(",", "").replace(".", "").isdigit()
                                      else f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)


def render(s, files_total):
    start, size, counts = s.failure_histogram()
    code_rows = [(c if c >= 0 else "?", r, f"{n:,}", f"{p:.1f}%") for c, r, n, p in s.code_rows()]
    outcome_rows = [(o, f"{n:,}", f"{p:.1f}%") for o, n, p in s.outcome_rows()]
    top = [(f"{k:,}", f) for f, k in s.top_failure_files()]
    errors = "".join(f"<li><code>{_e(f)}</code>: {_e(m)}</li>" for f, m in sorted(s.errors.items()))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>sipcat report</title><style>{STYLE}</style></head>
<body>
<h1>SIP responses explained — sipcat report</h1>
<p class="meta">{files_total} files ({len(s.errors)} with errors) · {s.responses:,} responses ·
{s.retransmissions:,} retransmissions not counted · {sum(s.failures.values()):,} failures
(4xx–6xx that are not normal protocol flow)</p>
<h2>Responses by class</h2>
{class_chart(s.class_rows())}
<h2>Failures over time</h2>
{time_chart(start, size, counts)}
<h2>Responses by code</h2>
<table id="codes"><tr><th>code</th><th>reason</th><th>count</th><th>share</th></tr>
{_rows(code_rows)}
</table>
<h2>Call outcomes</h2>
{"<table id='outcomes'><tr><th>outcome</th><th>count</th><th>share</th></tr>" + _rows(outcome_rows) + "</table>"
 if outcome_rows else "<p>No INVITE outcomes.</p>"}
<h2>Requests without a response, 2xx without ACK</h2>
<table id="silence"><tr><th>finding</th><th>count</th></tr>
{_rows([(w, f"{n:,}") for w, n in s.silence_rows()])}
</table>
<h2>Files with the most failures</h2>
{"<table id='files'><tr><th>failures</th><th>file</th></tr>" + _rows(top) + "</table>" if top else "<p>None.</p>"}
{"<h2 class='err'>Files that could not be read (whole)</h2><ul>" + errors + "</ul>" if errors else ""}
</body></html>
"""
