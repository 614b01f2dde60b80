"""fifo-output.py: runs a command whose output file is a named pipe; checks the pipe survives.

Usage: fifo-output.py DIR COMMAND... where an argument @OUT@ stands for the pipe (DIR/out.fifo). A
reader thread copies what arrives through the pipe to DIR/out.bin. Fails if the command fails, if the
pipe was replaced (a compiler that renames a temporary file onto its output would do that, and would
do the same to /dev/null), or if nothing arrives within 60 seconds.
"""
import os, stat, subprocess, sys, threading

d, cmd = sys.argv[1], sys.argv[2:]
fifo = os.path.join(d, "out.fifo")
if os.path.exists(fifo):
    os.remove(fifo)
os.mkfifo(fifo)
received = []
reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()), daemon=True)
reader.start()
r = subprocess.run([fifo if a == "@OUT@" else a for a in cmd])
if r.returncode != 0:
    sys.exit(f"command failed with status {r.returncode}")
if not stat.S_ISFIFO(os.stat(fifo).st_mode):
    sys.exit("the named pipe was replaced by a regular file")
reader.join(60)
if not received:
    sys.exit("nothing came through the pipe")
open(os.path.join(d, "out.bin"), "wb").write(received[0])
