"""Lists a directory from the host side, sorted: files as `name size first-line`, folders as `name/`."""
import os
import sys

root = sys.argv[1]
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name)
    if os.path.isdir(path):
        print(name + "/")
    else:
        with open(path, "rb") as f:
            first = f.read().split(b"\n")[0].decode("latin-1")
        print(name, os.path.getsize(path), first)
