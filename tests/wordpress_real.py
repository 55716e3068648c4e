"""A real WordPress on 127.0.0.1 for the comment tests (issue 15): Debian 12's
wordpress package (6.1) with its own MariaDB and Apache, all started here in
a temporary directory and stopped at the end. Nothing in /etc is changed and
no system service is started: the web root is a copy of the package's with
its own wp-config.php, MariaDB and Apache run from their own files.

What it takes (as root, which CI is; the first run installs the packages
from Debian's registry if they are missing):
  - packages: wordpress, mariadb-server, php-mysql, apache2-bin and
    libapache2-mod-php (with --no-install-recommends: no theme is needed for
    feeds and the REST API);
  - a MariaDB data directory made by mariadb-install-db, the server run as
    the mysql user with --skip-networking on a unix socket in the temporary
    directory; a database and a password user for WordPress;
  - the web root copied (the package's symlinks kept), wp-config.php written
    with DB_HOST naming the socket, WP_HOME/WP_SITEURL with the port, and
    WP_ENVIRONMENT_TYPE 'local': Application Passwords are refused over
    plain http otherwise;
  - Apache (apache2 -f with a config file of our own, prefork + mod_php, as
    www-data) on 127.0.0.1 and an ephemeral port; the permalink rewrite
    rules in its <Directory> (without a permalink structure /wp-json/ is
    answered by the home page); mod_deflate on, with DeflateAlterETag
    NoChange, without which a gzipped feed's ETag gets "-gzip" and no
    conditional GET ever matches;
  - WordPress installed through its own PHP API (wp_install() from
    wp-admin/includes/upgrade.php, run by php-cli as www-data), a
    permalink structure, a post, two users (an administrator and a
    subscriber) each with an Application Password.

Use:
    with WordPress(tmpdir) as wp:      # skips (77) when it cannot be set up
        wp.url, wp.post_id, wp.admin_pw, wp.php("echo get_option('blogname');")
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import realserver
# Skip: the tests catch wordpress_real.Skip.
from realserver import Skip, as_user, free_port, stop_all, wait_for  # noqa: F401

WWW = "/usr/share/wordpress"
MODULES = "/usr/lib/apache2/modules"
PACKAGES = ["wordpress", "mariadb-server", "php-mysql", "php-cli", "apache2-bin",
            "libapache2-mod-php"]


log = realserver.logger("wordpress")


def php_module():
    for name in sorted(os.listdir(MODULES)) if os.path.isdir(MODULES) else []:
        if name.startswith("libphp") and name.endswith(".so"):
            return os.path.join(MODULES, name)
    return None


def install_if_missing():
    have = (os.path.exists(os.path.join(WWW, "wp-admin", "includes", "upgrade.php"))
            and shutil.which("mariadbd", path="/usr/sbin:/usr/bin") is not None
            and os.path.exists("/usr/sbin/apache2") and php_module() is not None
            and shutil.which("php") is not None
            and "mysqli" in subprocess.run(["php", "-m"], capture_output=True,
                                           text=True).stdout)
    realserver.apt_install(log, "wordpress", [] if have else PACKAGES, PACKAGES)


def php_str(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


class WordPress:
    admin = "editor"
    reader = "reader"
    dbpass = "wp-local-only"

    def __init__(self, tmp):
        self.tmp = os.path.join(tmp, "wp")
        self.procs = []

    def __enter__(self):
        t0 = time.time()
        realserver.need_root("to run mariadb and apache as their own users")
        install_if_missing()
        realserver.make_tmp(os.path.dirname(self.tmp), "wp")
        try:
            self.start_db()
            self.port = free_port()
            self.url = "http://127.0.0.1:%d" % self.port
            self.make_www()
            self.install()
            self.start_web()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        log("up in %.1f s at %s" % (time.time() - t0, self.url))
        return self

    # ---- MariaDB ----
    def start_db(self):
        self.datadir = os.path.join(self.tmp, "db")
        run = os.path.join(self.tmp, "dbrun")	# the socket, pid and log: mysql's
        self.sock = os.path.join(run, "mysqld.sock")
        for d in (self.datadir, run):
            os.makedirs(d)
            shutil.chown(d, "mysql", "mysql")
        # --no-defaults: nothing of /etc/mysql's configuration applies.
        p = subprocess.run(["mariadb-install-db", "--no-defaults", "--user=mysql",
                            "--datadir=" + self.datadir, "--skip-test-db",
                            "--auth-root-authentication-method=socket"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("mariadb-install-db: %s%s" % (p.stdout[-1500:], p.stderr[-1500:]))
        self.db = subprocess.Popen([
            "mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + self.datadir,
            "--socket=" + self.sock, "--skip-networking",
            "--pid-file=" + os.path.join(run, "mysqld.pid"),
            "--log-error=" + os.path.join(run, "mysqld.log"),
            "--innodb-flush-log-at-trx-commit=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(self.db)
        wait_for(lambda: subprocess.run(["mariadb", "-S", self.sock, "-u", "root", "-e",
                                         "SELECT 1"], capture_output=True).returncode == 0,
                 "mariadb")
        self.sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4; "
                 "CREATE USER wp@localhost IDENTIFIED BY '%s'; "
                 "GRANT ALL ON wordpress.* TO wp@localhost;" % self.dbpass)

    def sql(self, sql):
        p = subprocess.run(["mariadb", "-S", self.sock, "-u", "root", "-N", "-B", "-e", sql],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("mariadb: %s" % p.stderr)
        return [line.split("\t") for line in p.stdout.splitlines()]

    # ---- the web root ----
    def make_www(self):
        self.www = os.path.join(self.tmp, "www")
        shutil.copytree(WWW, self.www, symlinks=True)
        for name in ("wp-config.php", ".htaccess"):
            os.remove(os.path.join(self.www, name))
        os.makedirs(os.path.join(self.www, "wp-content", "uploads"))
        with open(os.path.join(self.www, "wp-config.php"), "w") as f:
            f.write("""<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_PASSWORD', %s);
define('DB_HOST', %s);
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', %s);
define('WP_SITEURL', %s);
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_CONTENT_DIR', %s);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTH_KEY', 'newsreader-test-1'); define('SECURE_AUTH_KEY', 'newsreader-test-2');
define('LOGGED_IN_KEY', 'newsreader-test-3'); define('NONCE_KEY', 'newsreader-test-4');
define('AUTH_SALT', 'newsreader-test-5'); define('SECURE_AUTH_SALT', 'newsreader-test-6');
define('LOGGED_IN_SALT', 'newsreader-test-7'); define('NONCE_SALT', 'newsreader-test-8');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
""" % (php_str(self.dbpass), php_str("localhost:" + self.sock), php_str(self.url),
                php_str(self.url), php_str(os.path.join(self.www, "wp-content"))))
        subprocess.run(["chown", "-R", "www-data:www-data",
                        os.path.join(self.www, "wp-content")], check=True)

    def php(self, code, installing=False):
        """Run PHP with WordPress loaded (as www-data); its output."""
        pre = "define('WP_INSTALLING', true); " if installing else ""
        src = ("%s$_SERVER['HTTP_HOST'] = '127.0.0.1:%d'; require %s; %s"
               % (pre, self.port, php_str(os.path.join(self.www, "wp-load.php")), code))
        p = subprocess.run(as_user("www-data", ["php", "-r", src]),
                           cwd=self.www, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("php: %s%s" % (p.stdout[-2000:], p.stderr[-2000:]))
        return p.stdout

    def install(self):
        out = self.php(
            "require_once ABSPATH . 'wp-admin/includes/upgrade.php'; "
            "$r = wp_install('Newsreader test blog', %s, 'editor@example.org', true, '', "
            "'editor-password-not-used'); "
            "update_option('comment_moderation', 0); "
            "update_option('comment_previously_approved', 0); "
            "$uid = wp_insert_user(['user_login' => %s, 'user_pass' => wp_generate_password(),"
            " 'user_email' => 'reader@example.org', 'display_name' => 'قارئة', "
            "'role' => 'subscriber']); "
            "$pid = wp_insert_post(['post_title' => 'مقال للتعليقات: comments on a real blog', "
            "'post_content' => 'نص المقال. The article text.', 'post_status' => 'publish', "
            "'post_author' => $r['user_id'], 'comment_status' => 'open']); "
            "wp_insert_comment(['comment_post_ID' => $pid, 'comment_author' => 'Tom', "
            "'comment_author_email' => 'tom@example.org', "
            "'comment_content' => 'A first comment, made on the site.', "
            "'comment_approved' => 1]); "
            # After the post, as on a site whose post was drafted first:
            # its guid stays ?p=ID, the link becomes a pretty permalink.
            "update_option('permalink_structure', '/%%year%%/%%monthnum%%/%%postname%%/'); "
            "wp_delete_post(1, true); "
            "$a = WP_Application_Passwords::create_new_application_password($r['user_id'], "
            "['name' => 'newsreader']); "
            "$b = WP_Application_Passwords::create_new_application_password($uid, "
            "['name' => 'newsreader']); "
            "echo json_encode(['post' => $pid, 'admin' => $a[0], 'reader' => $b[0]]);"
            % (php_str(self.admin), php_str(self.reader)), installing=True)
        ans = json.loads(out.strip().splitlines()[-1])
        self.post_id = ans["post"]
        self.admin_pw = ans["admin"]
        self.reader_pw = ans["reader"]

    # ---- Apache ----
    def start_web(self):
        run = os.path.join(self.tmp, "apache")
        os.makedirs(run)
        mods = ["mpm_prefork", "authz_core", "dir", "mime", "rewrite", "filter", "deflate",
                "headers"]
        conf = "".join("LoadModule %s_module %s/mod_%s.so\n" % (m, MODULES, m) for m in mods)
        conf += "LoadModule php_module %s\n" % php_module()
        conf += """ServerRoot {run}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {run}/apache.pid
Mutex file:{run}
ErrorLog {run}/error.log
LogLevel warn
User www-data
Group www-data
StartServers 2
MinSpareServers 1
MaxSpareServers 4
TypesConfig /etc/mime.types
DocumentRoot {www}
DirectoryIndex index.php
<FilesMatch "\\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
<Directory {www}>
    Options FollowSymLinks
    AllowOverride None
    Require all granted
    RewriteEngine On
    RewriteRule ^index\\.php$ - [L]
    RewriteCond %{{REQUEST_FILENAME}} !-f
    RewriteCond %{{REQUEST_FILENAME}} !-d
    RewriteRule . /index.php [L]
</Directory>
AddOutputFilterByType DEFLATE text/html text/xml application/rss+xml application/atom+xml application/json
DeflateAlterETag NoChange
""".format(run=run, port=self.port, www=self.www)
        self.apache_conf = os.path.join(run, "apache.conf")
        with open(self.apache_conf, "w") as f:
            f.write(conf)
        p = subprocess.run(["apache2", "-t", "-f", self.apache_conf], capture_output=True,
                           text=True)
        if p.returncode != 0:
            raise RuntimeError("apache2 -t: %s" % p.stderr)
        # Its own session: stopping, Apache signals its whole process group.
        self.apache = subprocess.Popen(["apache2", "-f", self.apache_conf, "-DFOREGROUND"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       start_new_session=True)
        self.procs.append(self.apache)
        wait_for(self.answers, "the WordPress REST API")

    def answers(self):
        try:
            with urllib.request.urlopen(self.url + "/wp-json/", timeout=10) as r:
                return "namespaces" in json.loads(r.read().decode())
        except (OSError, ValueError):
            return False

    def rest(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as r:
            return json.loads(r.read().decode())

    def post_json(self, path, body, auth):
        """POST JSON as a client other than newsreader: (status, answer)."""
        import base64
        import urllib.error
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), headers={
            "Content-Type": "application/json",
            "Authorization": "Basic " + base64.b64encode(("%s:%s" % auth).encode()).decode()})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read().decode())

    def __exit__(self, *exc):
        return stop_all(self.procs, self.tmp, ("apache/error.log", "dbrun/mysqld.log"), exc)
