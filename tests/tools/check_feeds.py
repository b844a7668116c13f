#!/usr/bin/env python3
"""Check RSS 2.0 / Atom 1.0 feed files with feedparser.

Usage: python check_feeds.py FILE [FILE...]

For each FILE, prints one JSON object on its own line on stdout:
  {"file", "version", "bozo", "bozo_exception", "title",
   "entries": [{"title", "link", "id", "published", "updated", "summary"}]}
where "published" is the entry's published date, or its updated date when it has
none (Atom entries often carry only <updated>), as feedparser reports the string.

Each problem found is printed on stderr as "FILE: message". A file has a problem when:
  - feedparser sets bozo (XML not well-formed, bad encoding, ...);
  - its version is not rss20 or atom10;
  - the feed has no title;
  - an entry has no link or no id (RSS <guid>, Atom <id>);
  - two entries share one id;
  - an entry's published/updated date is present but cannot be parsed.

Exit codes: 0 every file is fine, 1 some file has a problem, 2 usage error or a file
that cannot be read.
"""

import json
import sys

import feedparser


def check(path):
    """Returns (report dict, list of problem messages)."""
    with open(path, "rb") as f:
        data = f.read()
    d = feedparser.parse(data)
    problems = []
    if d.bozo:
        problems.append(f"not well-formed (bozo): {d.get('bozo_exception')!r}")
    version = d.get("version") or ""
    if version not in ("rss20", "atom10"):
        problems.append(f"version is {version!r}, expected 'rss20' or 'atom10'")
    title = d.feed.get("title")
    if not title:
        problems.append("feed has no title")
    entries = []
    seen_ids = {}
    for i, e in enumerate(d.entries):
        label = f"entry {i + 1} ({e.get('title')!r})"
        link = e.get("link")
        eid = e.get("id")
        if not link:
            problems.append(f"{label} has no link")
        if not eid:
            problems.append(f"{label} has no id")
        elif eid in seen_ids:
            problems.append(f"{label} has the same id as entry {seen_ids[eid]}: {eid!r}")
        else:
            seen_ids[eid] = i + 1
        for key in ("published", "updated"):
            if e.get(key) and not e.get(key + "_parsed"):
                problems.append(f"{label} has an unparsable {key} date: {e.get(key)!r}")
        entries.append(
            {
                "title": e.get("title"),
                "link": link,
                "id": eid,
                "published": e.get("published") or e.get("updated"),
                "updated": e.get("updated"),
                "summary": e.get("summary"),
            }
        )
    exc = d.get("bozo_exception")
    report = {
        "file": path,
        "version": version,
        "bozo": bool(d.bozo),
        "bozo_exception": None if exc is None else repr(exc),
        "title": title,
        "entries": entries,
    }
    return report, problems


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    unreadable = False
    for path in argv[1:]:
        try:
            report, problems = check(path)
        except OSError as err:
            print(f"{path}: cannot read: {err}", file=sys.stderr)
            unreadable = True
            continue
        print(json.dumps(report, ensure_ascii=False), flush=True)
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        failed = failed or bool(problems)
    if unreadable:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
