"""spec_files.py: finding spec-test JSON files and what MANIFEST.json says about them.

Shared by the two spec runners (spec_runner.py, through the embedding API, and run_spec.py, through
executables). A path is a .json file, a directory (all *.json in it) or @LIST, a file of JSON paths
relative to it such as WASM-2.0-SET.txt. MANIFEST.json (beside the suite's folders) lists, per file,
the lines whose assertions the reference runner itself fails: runners skip and count them.
"""
import json
import os


def expand_paths(paths):
    out = []
    for p in paths:
        if p.startswith("@"):
            lst = p[1:]
            with open(lst) as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        out.append(os.path.join(os.path.dirname(lst), line))
        elif os.path.isdir(p):
            # NAME.dropped.json files record what the converter could not convert: not test scripts.
            out += sorted(os.path.join(p, f) for f in os.listdir(p)
                          if f.endswith(".json") and not f.endswith(".dropped.json"))
        else:
            out.append(p)
    return out


# Assertions of the Wasm 2.0 set that Wasm 3.0 reversed, skipped and counted like MANIFEST's: the
# compiler follows 3.0, where a constant expression may read any earlier immutable global (the
# extended-const proposal), so these modules, invalid in 2.0, are valid now.
SUPERSEDED_BY_3_0 = {
    "core-2.0/global.json": (352, 356),
    "core-2.0/data.json": (89, 93),
    "core-2.0/elem.json": (171, 175),
}


def manifest_failing_lines(json_path):
    """Lines to skip: MANIFEST.json's failing lines and the assertions Wasm 3.0 superseded."""
    parts = os.path.abspath(json_path).split(os.sep)
    superseded = set(SUPERSEDED_BY_3_0.get("/".join(parts[-2:]), ()))
    return superseded | _manifest_lines(json_path)


def _manifest_lines(json_path):
    d = os.path.dirname(os.path.abspath(json_path))
    for up in (os.path.dirname(d), d):
        mf = os.path.join(up, "MANIFEST.json")
        if os.path.exists(mf):
            rel = os.path.relpath(os.path.abspath(json_path), up)
            with open(mf) as f:
                for e in json.load(f)["files"]:
                    if e.get("json") == rel:
                        # Entries are line numbers, or [line, reason] pairs.
                        lines = e.get("spectest_interp", {}).get("failing_lines", []) or []
                        return {x[0] if isinstance(x, list) else x for x in lines}
    return set()
