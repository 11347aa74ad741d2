"""A record's time: ISO 8601 UTC to the microsecond ("2026-11-23T20:54:23.517048Z"),
written from tshark's frame.time_epoch and read back as seconds by the summary.
The summary reads only records (so that merged partial outputs give the same
summary as one run), hence both directions, in one place and one format."""
import datetime

FORMAT = "%Y-%m-%dT%H:%M:%S"


def record_time(epoch):
    """frame.time_epoch as a record's time: seconds in Wireshark 4.0-4.4,
    already ISO 8601 ("2026-11-23T20:54:23.517048540Z") from 4.6 on."""
    if not epoch:
        return None
    if "T" in epoch:
        date, _, rest = epoch.rstrip("Z").partition("T")
        clock, _, frac = rest.partition(".")
        frac = "".join(ch for ch in frac if ch.isdigit())
        return f"{date}T{clock[:8]}" + (("." + frac[:6]) if frac else "") + "Z"
    whole, _, frac = epoch.partition(".")
    t = datetime.datetime.fromtimestamp(int(whole), datetime.timezone.utc)
    return t.strftime(FORMAT) + (("." + frac[:6]) if frac else "") + "Z"


def seconds(text):
    """A record's time as seconds since the epoch; None for none."""
    if not text:
        return None
    t = datetime.datetime.strptime(text.rstrip("Z")[:26], FORMAT + ".%f" if "." in text else FORMAT)
    return t.replace(tzinfo=datetime.timezone.utc).timestamp()
