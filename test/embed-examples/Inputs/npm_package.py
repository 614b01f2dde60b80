#!/usr/bin/env python3
"""test/embed-examples/Inputs/npm_package.py: a file from a pinned npm package, for tests that need a module
nobody here wrote, and a clean skip when the npm registry cannot be reached.

  npm_package.py fetch NAME VERSION INTEGRITY MEMBER OUT [--cache DIR]
      Gets NAME@VERSION's tarball with `npm pack` (the registry's own client) into DIR (default
      $W2N_NPM_CACHE/tarballs, else ~/.cache/wasm2native/npm), unless a tarball with that integrity is
      already there; checks its npm integrity string (sha512-<base64>), then copies the tarball member
      MEMBER (e.g. package/quickjs.wasm) to OUT. A wrong checksum or a missing member is an error
      (exit 1). When the registry is unreachable (npm missing, DNS, refused or timed-out connections),
      it prints "SKIPPED: ..." and exits 0 without writing OUT.
  npm_package.py then OUT -- COMMAND...
      Runs COMMAND (its exit status is ours) when OUT exists; otherwise does nothing, so the rest of a
      test is skipped along with the fetch.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile

NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH",
                  "ECONNRESET", "network", "socket hang up")


def integrity_of(path):
    with open(path, "rb") as f:
        return "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()


def skip(reason):
    print(f"SKIPPED: the npm registry is unreachable ({reason}); the rest of this test does nothing")
    sys.exit(0)


def fetch(name, version, integrity, member, out, cache):
    os.makedirs(cache, exist_ok=True)
    # npm pack names the tarball after the package: @scope/name becomes scope-name.
    tarball = os.path.join(cache, f"{name.lstrip('@').replace('/', '-')}-{version}.tgz")
    if not (os.path.exists(tarball) and integrity_of(tarball) == integrity):
        if not shutil.which("npm"):
            skip("npm is not installed")
        try:
            p = subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", cache,
                                "--fetch-retries=1", "--fetch-timeout=30000", "--no-audit", "--no-fund"],
                               capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired:
            skip("npm pack timed out")
        if p.returncode != 0:
            lines = [l for l in p.stderr.splitlines() if any(e in l for e in NETWORK_ERRORS)]
            if lines:
                skip(lines[0].strip())
            sys.exit(f"npm_package.py: npm pack {name}@{version} failed:\n{p.stderr}")
        got = integrity_of(tarball)
        if got != integrity:
            os.remove(tarball)
            sys.exit(f"npm_package.py: {name}@{version}: integrity {got}, expected {integrity}")
    with tarfile.open(tarball) as t:
        try:
            data = t.extractfile(member).read()
        except KeyError:
            sys.exit(f"npm_package.py: {name}@{version} has no {member}")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)


def main(argv):
    if len(argv) >= 7 and argv[1] == "fetch":
        cache = argv[argv.index("--cache") + 1] if "--cache" in argv else None
        if not cache:
            base = os.environ.get("W2N_NPM_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "wasm2native", "npm")
            cache = os.path.join(base, "tarballs")
        fetch(*argv[2:7], cache)
    elif len(argv) >= 5 and argv[1] == "then" and argv[3] == "--":
        if os.path.exists(argv[2]):
            sys.exit(subprocess.run(argv[4:]).returncode)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
