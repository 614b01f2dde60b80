# test/windows/Inputs/status.py: runs a command and prints its stdout, its stderr and "status N" (its
# exit status), so that FileCheck can check all three; lit's shell cannot print $?.
#   python3 status.py [--stdin FILE] COMMAND...
import subprocess
import sys

args = sys.argv[1:]
stdin = subprocess.DEVNULL
if args[:1] == ["--stdin"]:
    stdin = open(args[1], "rb")
    args = args[2:]
r = subprocess.run(args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
sys.stdout.write(r.stdout.decode("utf-8", "replace"))
sys.stdout.write(r.stderr.decode("utf-8", "replace"))
sys.stdout.write("status %d\n" % r.returncode)
