"""Client for tcp-listen.c: tcp_client.py WASM2NATIVE PROG.wasm OUT.exe compile|runtime

Picks a free 127.0.0.1 port, builds the server with a preopened directory and either
--tcp-listen=127.0.0.1:PORT (compile) or W2N_TCP_LISTEN=127.0.0.1:PORT (runtime), starts it, connects
(retrying while it starts), sends one line and prints the reply and the server's output. Everything
is bounded by timeouts; only loopback is used."""
import os
import socket
import subprocess
import sys
import tempfile
import time

w2n, wasm, exe, mode = sys.argv[1:5]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
box = tempfile.mkdtemp()
cmd = [w2n, wasm, "-o", exe, "--dir=" + box]
env = {"PATH": os.environ.get("PATH", "")}
if mode == "compile":
    cmd.append("--tcp-listen=127.0.0.1:%d" % port)
else:
    env["W2N_TCP_LISTEN"] = "127.0.0.1:%d" % port
subprocess.run(cmd, check=True)
server = subprocess.Popen([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
reply = b""
try:
    deadline = time.time() + 20
    while True:
        try:
            conn = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                raise
            time.sleep(0.05)
    with conn:
        conn.settimeout(10)
        conn.sendall(b"hello world\n")
        while True:
            chunk = conn.recv(100)
            if not chunk:
                break
            reply += chunk
    out, _ = server.communicate(timeout=20)
finally:
    if server.poll() is None:
        server.kill()
        server.wait()
sys.stdout.write(out.decode())
print("client got: %r" % reply.decode())
print("server exit status %d" % server.returncode)
