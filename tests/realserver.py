"""What the real-server harnesses share (tests/ttrss_real.py,
tests/wordpress_real.py): installing Debian packages when missing, running
commands as a service's user, a server's temporary directory, waiting for a
port or socket, and starting and stopping the server processes (with their
logs shown when a test fails).
"""

import os
import socket
import subprocess
import sys
import time


class Skip(Exception):
    """The server cannot be set up here: the test exits 77."""


def logger(name):
    def log(msg):
        sys.stdout.write("%s: %s\n" % (name, msg))
        sys.stdout.flush()
    return log


def apt_install(log, what, need, packages, preseed=None):
    """Install need (a list, empty when all is there) with apt-get, as root;
    Skip naming packages when that cannot be done."""
    if not need:
        return
    if os.geteuid() != 0:
        raise Skip("%s is not installed and this is not root: "
                   "apt-get install %s" % (what, " ".join(packages)))
    log("installing %s" % " ".join(need))
    t0 = time.time()
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if preseed:
        subprocess.run(["debconf-set-selections"], input=preseed, text=True, check=False,
                       env=env)
    cmd = ["apt-get", "install", "-y", "--no-install-recommends"] + need
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        subprocess.run(["apt-get", "update"], capture_output=True, text=True, env=env)
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.stdout.write(p.stdout[-3000:] + p.stderr[-3000:])
        raise Skip("apt-get install failed")
    log("installed in %.0f s" % (time.time() - t0))


def as_user(user, cmd):
    return ["runuser", "-u", user, "--"] + cmd


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(cond, what, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return
        time.sleep(0.1)
    raise RuntimeError("timed out waiting for " + what)


def need_root(why):
    """The services run as their own users: only root can start them."""
    if os.geteuid() != 0:
        raise Skip("needs root (%s)" % why)


def make_tmp(tmp, name):
    """tmp/name, readable by the services' users."""
    path = os.path.join(tmp, name)
    os.makedirs(path)
    os.chmod(tmp, 0o755)
    os.chmod(path, 0o755)
    return path


def stop(p):
    """Terminate a started process (kill it after 30 s); wait for it."""
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def stop_all(procs, tmp, logs, exc):
    """Stop procs, last started first; on a failure (exc set) show the
    tails of the logs (paths under tmp)."""
    for p in reversed(procs):
        stop(p)
    del procs[:]
    if exc and exc[0] is not None:
        for name in logs:
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                with open(path) as f:
                    sys.stdout.write("--- %s ---\n%s" % (name, f.read()[-1500:]))
    return False
