"""A real Tiny Tiny RSS on 127.0.0.1 for the sync tests (issue 14): Debian 12's
tt-rss package (21~git20210204, API level 15) with its own PostgreSQL, both
started here in a temporary directory and stopped at the end. Nothing of
the system's configuration is changed: the web root is a copy of the
package's with its own config.php.

What it takes (as root, which CI is; the first run installs the packages
from Debian's registry if they are missing):
  - packages: tt-rss (with dbconfig-no-thanks: no debconf database set-up),
    php-cli php-pgsql php-curl php-intl php-mbstring php-xml, postgresql;
  - a PostgreSQL cluster made by initdb as the postgres user, listening on a
    unix socket in the temporary directory only (no TCP), trust auth;
  - the schema from the package's dbconfig data loaded into it;
  - the web root copied, config.php written with SELF_URL_PATH, the lock and
    cache directories (and images/upload/export under the cache) in the
    temporary directory, owned by www-data;
  - PHP's built-in web server run as www-data (tt-rss refuses root) on
    127.0.0.1 and an ephemeral port;
  - ENABLE_API_ACCESS set for the user in ttrss_user_prefs.
TT-RSS refuses feeds on 127.*, localhost and ports other than 80/443 (and
drops ports from feed URLs); an http server on [::1] port 80 passes, so the
test feeds are served there (FeedServer).

Use:
    with TTRSS(tmpdir) as tt:          # skips (77) when it cannot be set up
        tt.url, tt.api("getFeeds", cat_id=-3), tt.sql("UPDATE ...")
"""

import glob
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

import realserver
# Skip: the tests catch ttrss_real.Skip.
from realserver import Skip, as_user, free_port, stop_all, wait_for  # noqa: F401

SCHEMA = "/usr/share/dbconfig-common/data/tt-rss/install/pgsql"
WWW = "/usr/share/tt-rss/www"
# php-cgi satisfies tt-rss's "libapache2-mod-php | php-cgi | php", so apt
# need not bring Apache (which would take port 80 if something started it).
PACKAGES = ["tt-rss", "dbconfig-no-thanks", "php-cli", "php-cgi", "php-pgsql", "php-curl",
            "php-intl", "php-mbstring", "php-xml", "postgresql"]


log = realserver.logger("ttrss")


def install_if_missing():
    need = []
    if not os.path.exists(os.path.join(WWW, "api", "index.php")) or not os.path.exists(SCHEMA):
        need = PACKAGES
    elif not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        need = ["postgresql"]
    realserver.apt_install(log, "tt-rss", need, PACKAGES,
                           preseed="tt-rss tt-rss/dbconfig-install boolean false\n")


class TTRSS:
    user = "admin"
    password = "password"	# the schema's own admin (SHA1 of "password")

    def __init__(self, tmp):
        self.tmp = os.path.join(tmp, "ttrss")
        self.procs = []
        self.php = None

    # ---- set-up ----
    def __enter__(self):
        t0 = time.time()
        # PostgreSQL and the web server run as their users: root starts them.
        realserver.need_root("to run postgres and php as their own users")
        install_if_missing()
        realserver.make_tmp(os.path.dirname(self.tmp), "ttrss")
        try:
            self.start_db()
            self.start_web()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        log("server up in %.1f s at %s" % (time.time() - t0, self.url))
        return self

    def start_db(self):
        bindir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.pgdata = os.path.join(self.tmp, "pg")
        self.sock = os.path.join(self.tmp, "pgsock")
        for d in (self.pgdata, self.sock):
            os.makedirs(d)
            shutil.chown(d, "postgres", "postgres")
        subprocess.run(as_user("postgres", [os.path.join(bindir, "initdb"), "-D", self.pgdata,
                                                 "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
                       check=True, capture_output=True)
        self.pg = subprocess.Popen(as_user("postgres", [
            os.path.join(bindir, "postgres"), "-D", self.pgdata, "-k", self.sock,
            "-c", "listen_addresses=", "-c", "fsync=off"]),
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.tmp, "pg.log"), "w"))
        self.procs.append(self.pg)
        wait_for(lambda: os.path.exists(os.path.join(self.sock, ".s.PGSQL.5432")), "postgres")
        wait_for(lambda: subprocess.run(["psql", "-h", self.sock, "-U", "postgres", "-c", "SELECT 1"],
                                        capture_output=True).returncode == 0, "postgres ready")
        self.psql("postgres", "postgres", "CREATE USER ttrss")
        self.psql("postgres", "postgres", "CREATE DATABASE ttrss OWNER ttrss")
        subprocess.run(["psql", "-q", "-h", self.sock, "-U", "ttrss", "-d", "ttrss",
                        "-v", "ON_ERROR_STOP=1", "-f", SCHEMA], check=True, capture_output=True)
        self.sql("INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value) "
                 "SELECT id, 'ENABLE_API_ACCESS', 'true' FROM ttrss_users WHERE login = 'admin'")

    def psql(self, user, db, sql):
        p = subprocess.run(["psql", "-h", self.sock, "-U", user, "-d", db, "-At",
                            "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("psql: %s" % p.stderr)
        return p.stdout

    def sql(self, sql):
        """Run SQL on tt-rss's database; its output rows as lists."""
        out = self.psql("ttrss", "ttrss", sql)
        return [line.split("|") for line in out.splitlines() if line]

    def start_web(self):
        self.www = os.path.join(self.tmp, "www")
        shutil.copytree(WWW, self.www, symlinks=True)
        # The package's links are relative (../../../php/...): point them
        # where they pointed from the original tree.
        for root, dirs, files in os.walk(self.www):
            for name in dirs + files:
                path = os.path.join(root, name)
                if os.path.islink(path):
                    orig = os.path.join(WWW, os.path.relpath(path, self.www))
                    os.remove(path)
                    os.symlink(os.path.realpath(orig), path)
        os.remove(os.path.join(self.www, "config.php"))
        state = os.path.join(self.tmp, "state")
        for d in ("lock", "cache/images", "cache/upload", "cache/export", "icons"):
            os.makedirs(os.path.join(state, d))
        subprocess.run(["chown", "-R", "www-data:www-data", state], check=True)
        port = free_port()
        self.url = "http://127.0.0.1:%d/" % port
        # The package's config.php, with this set-up's values.
        with open("/etc/tt-rss/config.php") as f:
            conf = f.read()
        conf = conf.replace("include_once('/etc/tt-rss/database.php');",
                            "$dbtype='pgsql'; $dbserver='%s'; $dbport=''; $dbuser='ttrss';"
                            " $dbname='ttrss'; $dbpass='';" % self.sock)
        conf = conf.replace("%SELF_URL_PATH", self.url.rstrip("/"))
        conf = conf.replace("'/var/lib/tt-rss'", "'%s/lock'" % state)
        conf = conf.replace("'/var/cache/tt-rss'", "'%s/cache'" % state)
        conf = conf.replace('define(\'ICONS_DIR\', "feed-icons")',
                            "define('ICONS_DIR', '%s/icons')" % state)
        conf = conf.replace("define('LOG_DESTINATION', 'syslog')", "define('LOG_DESTINATION', '')")
        with open(os.path.join(self.www, "config.php"), "w") as f:
            f.write(conf)
        self.run_php(port, "w", "tt-rss API")

    def run_php(self, port, logmode, what):
        self.php = subprocess.Popen(as_user("www-data", [
            "php", "-S", "127.0.0.1:%d" % port, "-t", self.www]),
            cwd=self.www, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.tmp, "php.log"), logmode))
        self.procs.append(self.php)
        wait_for(self.answers, what)

    def answers(self):
        """The API answers JSON (NOT_LOGGED_IN before a login)."""
        req = urllib.request.Request(self.url + "api/", data=b'{"op":"getVersion"}',
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return "status" in json.loads(r.read().decode())
        except (OSError, ValueError):
            return False

    # ---- the API, as a client other than newsreader ----
    def api(self, op, login=True, _again=True, **args):
        if login and not getattr(self, "sid", None):
            self.sid = self.api("login", login=False, user=self.user,
                                password=self.password)["session_id"]
        body = dict(args, op=op)
        if login:
            body["sid"] = self.sid
        req = urllib.request.Request(self.url + "api/", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            ans = json.loads(r.read().decode())
        if login and _again and ans.get("content", {}) == {"error": "NOT_LOGGED_IN"}:
            self.sid = None		# the test expired the sessions
            return self.api(op, login=True, _again=False, **args)
        if ans.get("status") != 0:
            raise RuntimeError("%s: %s" % (op, ans))
        return ans["content"]

    def headlines(self, **args):
        args.setdefault("feed_id", -4)
        args.setdefault("limit", 200)
        return self.api("getHeadlines", **args)

    # ---- stop and start the web server (the "server down" scenarios) ----
    def stop_web(self):
        if self.php is not None:
            self.php.terminate()
            self.php.wait(timeout=30)
            self.procs.remove(self.php)
            self.php = None

    def start_web_again(self):
        port = int(self.url.rsplit(":", 1)[1].strip("/"))
        self.run_php(port, "a", "tt-rss API again")

    def __exit__(self, *exc):
        return stop_all(self.procs, self.tmp, ("php.log", "pg.log"), exc)


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        body = self.server.docs.get(self.path.split("?")[0])
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _V6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True


class FeedServer:
    """The test feeds on http://[::1]/ (port 80: TT-RSS takes no other)."""

    def __init__(self):
        try:
            self.srv = _V6Server(("::1", 80), _FeedHandler)
        except OSError as e:
            raise RuntimeError("cannot serve the test feeds on [::1] port 80 (%s): is a web "
                               "server running, or IPv6 off?" % e)
        self.srv.docs = {}
        self.thread = threading.Thread(target=self.srv.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def set(self, path, body):
        self.srv.docs[path] = body.encode() if isinstance(body, str) else body

    def url(self, path):
        return "http://[::1]" + path

    def __exit__(self, *exc):
        self.srv.shutdown()
        self.srv.server_close()
        return False
