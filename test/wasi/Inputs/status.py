"""status.py EXPECTED CMD ARGS...: runs CMD and fails unless its exit status is EXPECTED."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.run(sys.argv[2:]).returncode
if got != want:
    sys.exit(f"status.py: {sys.argv[2:]} exited with {got}, expected {want}")
