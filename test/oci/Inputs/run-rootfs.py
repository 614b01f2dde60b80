"""run-rootfs.py BUNDLE [--qemu=QEMU] [--env=NAME=VALUE ...] [ARG ...]: runs the process of a runtime bundle
that `umoci unpack` made from an image, the way a container runtime would but without one: in an empty root
(`unshare -r chroot BUNDLE/rootfs`, unprivileged where user namespaces are allowed), with exactly the
bundle's argv (the image's Entrypoint and Cmd; ARGs, if any, replace the Cmd) and environment (--env adds
or replaces a variable, as `docker run -e` does). The exit status is the program's.

--qemu=qemu-aarch64-static runs a foreign architecture's entrypoint: there is no binfmt_misc here, so the
static qemu is copied into the root filesystem as /.qemu and started with the entrypoint as its argument."""
import json
import os
import shutil
import subprocess
import sys

bundle, rest = sys.argv[1], sys.argv[2:]
qemu = [a.split("=", 1)[1] for a in rest if a.startswith("--qemu=")]
overrides = [a.split("=", 1)[1] for a in rest if a.startswith("--env=")]
extra = [a for a in rest if not a.startswith("--qemu=") and not a.startswith("--env=")]
with open(os.path.join(bundle, "config.json")) as f:
    process = json.load(f)["process"]
argv = process["args"][:1] + extra if extra else process["args"]
env = dict(e.split("=", 1) for e in process.get("env", []))
env.update(dict(e.split("=", 1) for e in overrides))
rootfs = os.path.join(bundle, "rootfs")
if qemu:
    shutil.copy(shutil.which(qemu[0]), os.path.join(rootfs, ".qemu"))
    argv = ["/.qemu"] + argv
cmd = [shutil.which("unshare"), "-r", shutil.which("chroot"), rootfs] + argv
sys.stdout.flush()
sys.exit(subprocess.run(cmd, env=env).returncode)
