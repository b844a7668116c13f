#!/usr/bin/env python3
"""Validate a built site's endoflife.date-compatible API against the JSON Schemas of the
endoflife.date API 1.2.1 (schema-1.2.1.json beside this file, written from the spec's
components/schemas), with date, date-time and uri formats checked.

Usage: python check_api.py SITE_OUTPUT_DIR

Every api/v1/**/index.json is matched to its response schema by its path (the operations
of api_v1/openapi.yml); api/all.json, api/<product>.json and api/<product>/<cycle>.json
are checked against the v0 shapes. Prints one JSON object on stdout:
  {"checked": N, "files": {"<path>": "<schema>"}}
and each problem on stderr as "PATH: message". Exit 0 no problem, 1 problems, 2 usage.
"""

import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_VERSION = "1.2.1"

# Path below api/v1/ (without index.json) -> response schema, as in the spec's paths.
ROUTES = [
    (r"", "UriListResponse"),
    (r"products", "ProductListResponse"),
    (r"products/full", "FullProductListResponse"),
    (r"products/[^/]+", "ProductResponse"),
    (r"products/[^/]+/releases/[^/]+", "ProductReleaseResponse"),
    (r"categories", "UriListResponse"),
    (r"categories/[^/]+", "ProductListResponse"),
    (r"tags", "UriListResponse"),
    (r"tags/[^/]+", "ProductListResponse"),
    (r"identifiers", "UriListResponse"),
    (r"identifiers/[^/]+", "IdentifierListResponse"),
]

V0_CYCLE = {
    "type": "object",
    "required": ["releaseDate", "eol", "latest", "lts"],
    "properties": {
        "cycle": {"type": "string"},
        "releaseDate": {"type": "string", "format": "date"},
        "eol": {"type": ["string", "boolean"]},
        "support": {"type": ["string", "boolean"]},
        "latest": {"type": "string"},
        "latestReleaseDate": {"type": "string", "format": "date"},
        "link": {"type": ["string", "null"]},
        "lts": {"type": ["string", "boolean"]},
    },
}


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = argv[1]
    with open(os.path.join(HERE, f"schema-{SPEC_VERSION}.json"), encoding="utf-8") as f:
        schema = json.load(f)
    fmt = jsonschema.Draft202012Validator.FORMAT_CHECKER

    def validator(name):
        sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}
        return jsonschema.Draft202012Validator(sub, format_checker=fmt)

    problems = []
    files = {}
    v1 = os.path.join(out, "api", "v1")
    for root, _dirs, names in os.walk(v1):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, out)
            if name != "index.json":
                continue
            segments = os.path.relpath(root, v1).replace(os.sep, "/")
            segments = "" if segments == "." else segments
            route = next((s for r, s in ROUTES if re.fullmatch(r, segments)), None)
            if route is None:
                problems.append(f"{rel}: no API v1 operation has this path")
                continue
            files[rel] = route
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            if doc.get("schema_version") != SPEC_VERSION:
                problems.append(f"{rel}: schema_version {doc.get('schema_version')!r}")
            for e in validator(route).iter_errors(doc):
                problems.append(f"{rel}: {route}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    # v0
    api = os.path.join(out, "api")
    with open(os.path.join(api, "all.json"), encoding="utf-8") as f:
        products = json.load(f)
    files["api/all.json"] = "v0 all"
    if not (isinstance(products, list) and all(isinstance(p, str) for p in products)):
        problems.append("api/all.json: not a list of product names")
        products = []
    v0 = jsonschema.Draft202012Validator({"type": "array", "items": V0_CYCLE}, format_checker=fmt)
    one = jsonschema.Draft202012Validator(V0_CYCLE, format_checker=fmt)
    for p in products:
        rel = f"api/{p}.json"
        with open(os.path.join(out, rel), encoding="utf-8") as f:
            cycles = json.load(f)
        files[rel] = "v0 product"
        for e in v0.iter_errors(cycles):
            problems.append(f"{rel}: {e.message}")
        for c in cycles if isinstance(cycles, list) else []:
            crel = f"api/{p}/{c.get('cycle')}.json"
            try:
                with open(os.path.join(out, crel), encoding="utf-8") as f:
                    cyc = json.load(f)
            except OSError as err:
                problems.append(f"{crel}: {err}")
                continue
            files[crel] = "v0 cycle"
            for e in one.iter_errors(cyc):
                problems.append(f"{crel}: {e.message}")
            if "cycle" in cyc:
                problems.append(f"{crel}: a cycle file has no `cycle` field in v0")
    print(json.dumps({"checked": len(files), "files": files}))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
