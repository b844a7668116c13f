#!/usr/bin/env python3
"""Check an iCalendar (RFC 5545) file of all-day events with the icalendar package.

Usage: python check_ics.py FILE

Prints on stdout one JSON object:
  {"file", "events": [{"uid", "summary", "dtstart", "dtend", "sequence", "url"}]}
with dtstart/dtend as YYYY-MM-DD (dtend null when absent) and sequence an integer
(0 when SEQUENCE is absent). The JSON is printed even when there are problems, as far
as the file could be parsed.

Each problem is printed on stderr as "FILE: message". Problems:
  - not UTF-8; a line not ended by CRLF (bare LF or CR, or no CRLF at the end);
  - a physical line longer than 75 octets (CRLF not counted);
  - not parsable, or a property value icalendar could not parse;
  - the calendar's VERSION is not 2.0, or it has no PRODID;
  - a VEVENT without UID, DTSTAMP or DTSTART; two VEVENTs with one UID;
  - a DTSTART that is not a date (all-day events only: DTSTART;VALUE=DATE:YYYYMMDD);
  - a DTEND that is not a date or not after DTSTART.

Exit codes: 0 no problem, 1 some problem, 2 usage error or unreadable file.
"""

import datetime
import json
import sys

import icalendar


def line_problems(data, limit=10):
    problems = []
    bad_endings = []
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        body = line.rstrip(b"\r\n")
        if line[len(body):] != b"\r\n":
            bad_endings.append(n)
        if len(body) > 75:
            problems.append(
                f"line {n}: {len(body)} octets, more than 75 (fold long lines): "
                f"{body[:40].decode('utf-8', 'replace')}..."
            )
    if bad_endings:
        shown = ", ".join(map(str, bad_endings[:limit]))
        more = f" and {len(bad_endings) - limit} more" if len(bad_endings) > limit else ""
        problems.insert(0, f"lines not ended by CRLF: {shown}{more}")
    return problems


def dt_of(prop):
    """The date/datetime of a DTSTART-like property, or None if it is broken."""
    try:
        return getattr(prop, "dt", None)
    except Exception:  # icalendar's BrokenCalendarProperty (already in comp.errors)
        return None


def text_of(ev, name):
    if name not in ev:
        return None
    try:
        return str(ev[name])
    except Exception:
        return None


def as_date_string(value):
    if value is None:
        return None
    return value.isoformat()


def check(data):
    """Returns (events list, problems list)."""
    problems = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(f"not UTF-8: {err}")
    problems += line_problems(data)
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as err:  # icalendar raises ValueError and friends
        problems.append(f"cannot parse: {err!r}")
        return [], problems
    if cal.name != "VCALENDAR":
        problems.append(f"top-level component is {cal.name}, expected VCALENDAR")
    for comp in cal.walk():
        for prop, msg in getattr(comp, "errors", []):
            problems.append(f"{comp.name} {prop}: {msg}")
    if str(cal.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {text_of(cal, 'VERSION')!r}, expected '2.0'")
    if not str(cal.get("PRODID", "")).strip():
        problems.append("no PRODID")
    events = []
    uids = {}
    for i, ev in enumerate(cal.walk("VEVENT"), 1):
        uid = text_of(ev, "UID")
        label = f"VEVENT {i} (UID {uid})"
        for prop in ("UID", "DTSTAMP", "DTSTART"):
            if prop not in ev:
                problems.append(f"{label}: no {prop}")
        if uid is not None:
            if uid in uids:
                problems.append(f"{label}: same UID as VEVENT {uids[uid]}")
            else:
                uids[uid] = i
        start = end = None
        if "DTSTART" in ev:
            prop = ev["DTSTART"]
            value = dt_of(prop)
            if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
                problems.append(f"{label}: DTSTART is not a date (all-day event): {value!r}")
            else:
                start = value
                if str(getattr(prop, "params", {}).get("VALUE", "")).upper() != "DATE":
                    problems.append(f"{label}: DTSTART has no VALUE=DATE parameter")
        if "DTEND" in ev:
            value = dt_of(ev["DTEND"])
            if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
                problems.append(f"{label}: DTEND is not a date (all-day event): {value!r}")
            else:
                end = value
                if start is not None and end <= start:
                    problems.append(f"{label}: DTEND {end} is not after DTSTART {start}")
        seq = ev.get("SEQUENCE")
        try:
            seq = 0 if seq is None else int(seq)
        except (TypeError, ValueError):
            problems.append(f"{label}: SEQUENCE is not an integer: {seq!r}")
            seq = None
        events.append(
            {
                "uid": uid,
                "summary": text_of(ev, "SUMMARY"),
                "dtstart": as_date_string(start),
                "dtend": as_date_string(end),
                "sequence": seq,
                "url": text_of(ev, "URL"),
            }
        )
    return events, problems


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        print(f"{path}: cannot read: {err}", file=sys.stderr)
        return 2
    try:
        events, problems = check(data)
    except Exception:
        import traceback

        traceback.print_exc()
        print(f"{path}: check_ics.py crashed (see above)", file=sys.stderr)
        return 2
    print(json.dumps({"file": path, "events": events}, ensure_ascii=False), flush=True)
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
