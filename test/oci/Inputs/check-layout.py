"""check-layout.py LAYOUT: checks an OCI image layout directory (or its tar) against the image spec without
skopeo: every blob's name is the sha256 of its bytes; every descriptor, from index.json down through image
indexes and manifests to configs and layers, names a blob of that size; the config's diff_ids are the
digests of the uncompressed layers. Prints the tree of media types and platforms, then each layer's
entries with their mode, owner, mtime and size, and the gzip header's mtime, for FileCheck."""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

path = sys.argv[1]
if path.endswith(".tar"):
    with tarfile.open(path) as t:
        files = {m.name: t.extractfile(m).read() for m in t.getmembers() if m.isfile()}
else:
    files = {}
    for root, _, names in os.walk(path):
        for n in names:
            full = os.path.join(root, n)
            with open(full, "rb") as f:
                files[os.path.relpath(full, path)] = f.read()


def fail(message):
    sys.exit("check-layout.py: " + message)


print("oci-layout", json.loads(files["oci-layout"]))
for name, data in files.items():
    if name.startswith("blobs/sha256/") and hashlib.sha256(data).hexdigest() != name.split("/")[-1]:
        fail(f"{name}: the sha256 of its bytes is {hashlib.sha256(data).hexdigest()}")


def blob(d):
    data = files.get("blobs/sha256/" + d["digest"].split(":")[1])
    if data is None or len(data) != d["size"]:
        fail(f"descriptor {d} names no blob of that size")
    return data


def walk(d, depth):
    pad = "  " * depth
    platform = d.get("platform")
    print(pad + d["mediaType"], "/".join(platform[k] for k in ("os", "architecture", "variant") if k in platform)
          if platform else "", d.get("annotations", ""))
    doc = json.loads(blob(d))
    if doc.get("mediaType") != d["mediaType"]:
        fail(f"{d['digest']}: mediaType {doc.get('mediaType')}, descriptor says {d['mediaType']}")
    if d["mediaType"].endswith("index.v1+json"):
        for m in doc["manifests"]:
            walk(m, depth + 1)
        return
    config = json.loads(blob(doc["config"]))
    print(pad + "  " + doc["config"]["mediaType"], config["architecture"], config.get("variant", ""),
          json.dumps(config["config"], sort_keys=True))
    for layer, diff_id in zip(doc["layers"], config["rootfs"]["diff_ids"]):
        data = blob(layer)
        tar = gzip.decompress(data)
        if "sha256:" + hashlib.sha256(tar).hexdigest() != diff_id:
            fail(f"layer {layer['digest']}: diff_id {diff_id} is not the digest of its tar")
        print(pad + "  " + layer["mediaType"], "gzip mtime", int.from_bytes(data[4:8], "little"))
        with tarfile.open(fileobj=io.BytesIO(tar)) as t:
            for m in t.getmembers():
                print(pad + "    " + m.name, oct(m.mode), f"{m.uid}:{m.gid}", m.mtime,
                      "dir" if m.isdir() else m.size)


top = json.loads(files["index.json"])
print(top["mediaType"])
for m in top["manifests"]:
    walk(m, 1)
