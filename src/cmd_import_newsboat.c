/*
 * newsreader import-newsboat [--dry-run] [--force] [DIR]: a newsboat
 * user's config, feed list and cache brought over (newsboat's files are
 * only ever read).
 *
 * - The config is translated (config/newsboat.c) and every line's verdict
 *   is reported on stderr: translated, or left out with the reason. It is
 *   written as newsreader's config when there is none; an existing config
 *   is never replaced unless --force says so (then its old bytes are kept
 *   in CONFIG.bak): otherwise the translation goes beside it, in
 *   CONFIG.newsboat, for the user to merge.
 * - newsboat's urls file is copied when newsreader has none (the format is
 *   the same); an existing one is left alone.
 * - The read and flagged states of newsboat's cache.db, with the articles
 *   we lack, go into our cache (store/newsboat.c).
 * --dry-run prints the translated config on stdout and writes nothing.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "config/fileio.h"
#include "config/newsboat.h"
#include "config/paths.h"
#include "store/newsboat.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define NB_MAX_SIZE (16 * 1024 * 1024)

/* Where newsboat keeps its three files (owned strings). */
struct nb_paths {
	char *dir;	/* for messages */
	char *config, *urls, *cache;
};

static void
nb_paths_free(struct nb_paths *p)
{
	free(p->dir);
	free(p->config);
	free(p->urls);
	free(p->cache);
}

static bool
exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static bool
is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* As newsboat looks: ~/.newsboat when it exists, else the XDG directories. */
static void
nb_default_paths(struct nb_paths *p)
{
	const char *home = getenv("HOME"), *cfg = getenv("XDG_CONFIG_HOME"),
	    *data = getenv("XDG_DATA_HOME");
	char *dot;

	if (home == NULL || home[0] == '\0')
		home = "/";
	dot = xasprintf("%s/.newsboat", home);
	if (is_dir(dot)) {
		p->dir = dot;
		p->config = xasprintf("%s/config", dot);
		p->urls = xasprintf("%s/urls", dot);
		p->cache = xasprintf("%s/cache.db", dot);
		return;
	}
	free(dot);
	char *c = cfg != NULL && cfg[0] == '/' ? xasprintf("%s/newsboat", cfg) :
	    xasprintf("%s/.config/newsboat", home);
	char *d = data != NULL && data[0] == '/' ? xasprintf("%s/newsboat", data) :
	    xasprintf("%s/.local/share/newsboat", home);
	p->config = xasprintf("%s/config", c);
	p->urls = xasprintf("%s/urls", c);
	p->cache = xasprintf("%s/cache.db", d);
	p->dir = xasprintf("%s (%s)", c, d);
	free(c);
	free(d);
}

/* 1234567 as "1,234,567". */
static const char *
grouped(int64_t n, char *out, size_t outlen)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%" PRId64, n < 0 ? -n : n);
	len = strlen(digits);
	if (n < 0 && o + 1 < outlen)
		out[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < outlen; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

static void
report_lines(const struct newsboat_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct newsboat_line *l = &r->v[i];
		switch (l->verdict) {
		case NEWSBOAT_TRANSLATED: {
			char *out = xstrdup(l->out);
			for (char *p = out; *p != '\0'; p++)
				if (*p == '\n')
					*p = ';';
			fprintf(stderr, _("  line %d: %s -> %s"), l->line, l->text, out);
			if (l->note != NULL)
				fprintf(stderr, " (%s)", l->note);
			fputc('\n', stderr);
			free(out);
			break;
		}
		case NEWSBOAT_MERGED:
			fprintf(stderr, _("  line %d: %s: %s\n"), l->line, l->text, l->note);
			break;
		case NEWSBOAT_LEFT_OUT:
			fprintf(stderr, _("  line %d: left out: %s: %s\n"), l->line, l->text, l->note);
			break;
		}
	}
}

static int
write_file(const char *path, const char *data, size_t len)
{
	char *err = NULL;

	if (fileio_mkdir_parent(path, 0700) == -1) {
		fprintf(stderr, _("newsreader: import-newsboat: cannot create the directory of "
		    "%s: %s\n"), path, strerror(errno));
		return -1;
	}
	if (fileio_write_atomic(path, data, len, &err) == -1) {
		fprintf(stderr, "newsreader: import-newsboat: %s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

/* The config: translated, reported, written where it may go. */
static int
import_config(const struct cli_globals *g, const struct nb_paths *nb, bool dry_run,
    bool force)
{
	struct newsboat_result *r;
	char *data = NULL, *target = NULL, *old = NULL;
	size_t len = 0, oldlen = 0;
	int errnum, rc = EXIT_FAIL;

	if (fileio_read(nb->config, NB_MAX_SIZE, &data, &len, &errnum) == -1) {
		if (errnum == ENOENT) {
			fprintf(stderr, _("newsreader: import-newsboat: no newsboat config at %s "
			    "(nothing to translate)\n"), nb->config);
			return EXIT_OK;
		}
		fprintf(stderr, "newsreader: import-newsboat: %s: %s\n", nb->config,
		    errnum == EFBIG ? "file too large" : strerror(errnum));
		return EXIT_FAIL;
	}
	r = newsboat_translate(nb->config, data, len, getenv("HOME"));
	free(data);
	fprintf(stderr, _("newsreader: import-newsboat: config %s: %zu lines translated, "
	    "%zu left out\n"), nb->config, r->translated + r->merged, r->left_out);
	report_lines(r);
	if (dry_run) {
		fputs(r->config, stdout);
		rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
		goto out;
	}
	target = paths_config_file(g->config_path);
	if (fileio_read(target, NB_MAX_SIZE, &old, &oldlen, &errnum) == 0) {
		if (!force) {
			char *beside = xasprintf("%s.newsboat", target);
			if (write_file(beside, r->config, strlen(r->config)) == 0) {
				fprintf(stderr, _("newsreader: import-newsboat: %s exists and is kept: "
				    "the translated config is in %s (merge it by hand, or run again "
				    "with --force to replace yours)\n"), target, beside);
				rc = EXIT_OK;
			}
			free(beside);
			goto out;
		}
		char *bak = xasprintf("%s.bak", target);
		if (write_file(bak, old, oldlen) == -1) {
			free(bak);
			goto out;
		}
		fprintf(stderr, _("newsreader: import-newsboat: --force: your config %s is "
		    "saved as %s\n"), target, bak);
		free(bak);
	} else if (errnum != ENOENT) {
		fprintf(stderr, "newsreader: import-newsboat: %s: %s\n", target, strerror(errnum));
		goto out;
	}
	if (write_file(target, r->config, strlen(r->config)) == 0) {
		fprintf(stderr, _("newsreader: import-newsboat: wrote %s\n"), target);
		rc = EXIT_OK;
	}
out:
	free(old);
	free(target);
	newsboat_result_free(&r);
	return rc;
}

/* newsboat's urls file, when newsreader has none. */
static int
import_urls(const struct cli_globals *g, const struct nb_paths *nb, bool dry_run)
{
	char *target = paths_urls_file(g->urls_path), *data = NULL;
	size_t len;
	int errnum, rc = EXIT_OK;

	if (!exists(nb->urls)) {
		fprintf(stderr, _("newsreader: import-newsboat: no newsboat urls file at %s\n"),
		    nb->urls);
	} else if (exists(target)) {
		fprintf(stderr, _("newsreader: import-newsboat: urls: %s exists and is kept "
		    "(newsboat's list is %s)\n"), target, nb->urls);
	} else if (dry_run) {
		fprintf(stderr, _("newsreader: import-newsboat: urls: --dry-run: %s not copied "
		    "to %s\n"), nb->urls, target);
	} else if (fileio_read(nb->urls, NB_MAX_SIZE, &data, &len, &errnum) == -1) {
		fprintf(stderr, "newsreader: import-newsboat: %s: %s\n", nb->urls,
		    errnum == EFBIG ? "file too large" : strerror(errnum));
		rc = EXIT_FAIL;
	} else if (write_file(target, data, len) == -1) {
		rc = EXIT_FAIL;
	} else {
		fprintf(stderr, _("newsreader: import-newsboat: urls: copied %s to %s\n"),
		    nb->urls, target);
	}
	free(data);
	free(target);
	return rc;
}

static int
import_cache(const struct cli_globals *g, const struct nb_paths *nb, bool dry_run)
{
	struct store_newsboat_counts n;
	struct store *s;
	char *path, *err = NULL;
	char a[32], f[32], r[32], st[32], c[32], d[32];

	if (!exists(nb->cache)) {
		fprintf(stderr, _("newsreader: import-newsboat: no newsboat cache at %s\n"),
		    nb->cache);
		return EXIT_OK;
	}
	if (dry_run) {
		fprintf(stderr, _("newsreader: import-newsboat: cache: --dry-run: %s not "
		    "imported\n"), nb->cache);
		return EXIT_OK;
	}
	path = paths_cache_file(g->cache_path);
	if (store_is_cache_file(path, nb->cache)) {
		fprintf(stderr, _("newsreader: import-newsboat: %s is newsreader's own cache, "
		    "not newsboat's\n"), nb->cache);
		free(path);
		return EXIT_USAGE;
	}
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		free(path);
		return EXIT_CACHE;
	}
	free(path);
	if (store_import_newsboat(s, nb->cache, &n, &err) == -1) {
		fprintf(stderr, _("newsreader: import-newsboat: cache not imported (nothing "
		    "changed): %s\n"), err);
		free(err);
		store_close(&s);
		return EXIT_FAIL;
	}
	store_close(&s);
	fprintf(stderr, _("newsreader: import-newsboat: imported %s articles from %s feeds: "
	    "%s read, %s starred (%s new to the cache, %s deleted in newsboat left out)\n"),
	    grouped(n.articles, a, sizeof a), grouped(n.feeds, f, sizeof f),
	    grouped(n.read, r, sizeof r), grouped(n.starred, st, sizeof st),
	    grouped(n.created, c, sizeof c), grouped(n.deleted, d, sizeof d));
	return EXIT_OK;
}

static int
usage(FILE *out, int rc)
{
	fprintf(out, _("Usage: newsreader import-newsboat [--dry-run] [--force] [DIR]\n"
	    "Bring newsboat's config, urls file and cache (read and flagged states) over.\n"
	    "DIR holds config, urls and cache.db (default ~/.newsboat, else\n"
	    "$XDG_CONFIG_HOME/newsboat and $XDG_DATA_HOME/newsboat). An existing newsreader\n"
	    "config is kept: the translation goes beside it, in CONFIG.newsboat.\n"
	    "  --dry-run   print the translated config on stdout; write nothing\n"
	    "  --force     replace an existing config (its old text goes to CONFIG.bak)\n"));
	return rc;
}

int
cmd_import_newsboat(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nb_paths nb = { 0 };
	bool dry_run = false, force = false;
	int c, rc, worst = EXIT_OK;

	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'n': dry_run = true; break;
		case 'f': force = true; break;
		case 'h': return usage(stdout, EXIT_OK);
		default: return usage(stderr, EXIT_USAGE);
		}
	}
	if (argc - optind > 1 || (argc - optind == 1 && argv[optind][0] == '\0'))
		return usage(stderr, EXIT_USAGE);
	if (dry_run && force) {
		fprintf(stderr, _("newsreader: import-newsboat: --dry-run and --force "
		    "together: choose one\n"));
		return EXIT_USAGE;
	}
	if (argc - optind == 1) {
		const char *dir = argv[optind];
		if (!is_dir(dir)) {
			fprintf(stderr, _("newsreader: import-newsboat: %s: not a directory\n"), dir);
			return EXIT_FAIL;
		}
		nb.dir = xstrdup(dir);
		nb.config = xasprintf("%s/config", dir);
		nb.urls = xasprintf("%s/urls", dir);
		nb.cache = xasprintf("%s/cache.db", dir);
	} else
		nb_default_paths(&nb);
	if (!exists(nb.config) && !exists(nb.urls) && !exists(nb.cache)) {
		fprintf(stderr, _("newsreader: import-newsboat: no newsboat files in %s\n"),
		    nb.dir);
		nb_paths_free(&nb);
		return EXIT_FAIL;
	}
	/* Each part is tried even when another failed; the worst code wins. */
	rc = import_config(g, &nb, dry_run, force);
	worst = rc;
	rc = import_urls(g, &nb, dry_run);
	worst = worst != EXIT_OK ? worst : rc;
	rc = import_cache(g, &nb, dry_run);
	worst = worst != EXIT_OK ? worst : rc;
	nb_paths_free(&nb);
	return worst;
}
