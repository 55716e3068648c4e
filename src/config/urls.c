/*
 * The urls file (see urls.h). Lines use the tokenizer of the config file, so
 * quoting works the same in both; a token starting with ~ is the title.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/diag.h"
#include "config/fileio.h"
#include "config/lex.h"
#include "config/paths.h"
#include "config/scriptfeed.h"
#include "config/urls.h"
#include "share/argv.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define URLS_MAX_SIZE (16 * 1024 * 1024)

struct urls_list *
urls_list_new(void)
{
	return xcalloc(1, sizeof(struct urls_list));
}

void
urls_list_free(struct urls_list **lp)
{
	struct urls_list *l = *lp;

	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].url);
		for (size_t j = 0; j < l->v[i].ntags; j++)
			free(l->v[i].tags[j]);
		free(l->v[i].tags);
		free(l->v[i].title);
	}
	free(l->v);
	xfree(lp);
}

long
urls_list_find(const struct urls_list *l, const char *url)
{
	/* Linear: lists are hundreds of feeds, searched once per load. */
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].url, url) == 0)
			return (long)i;
	return -1;
}

bool
urls_list_add(struct urls_list *l, const char *url, const char *const *tags, size_t ntags,
    const char *title, int line)
{
	struct urls_entry *e;

	if (urls_list_find(l, url) != -1)
		return false;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->v = xreallocarray(l->v, l->alloc, sizeof *l->v);
	}
	e = &l->v[l->n++];
	e->url = xstrdup(url);
	e->tags = xcalloc(ntags ? ntags : 1, sizeof *e->tags);
	e->ntags = 0;
	for (size_t i = 0; i < ntags; i++) {
		bool dup = false;
		for (size_t j = 0; j < e->ntags; j++)
			dup = dup || strcmp(e->tags[j], tags[i]) == 0;
		if (!dup)
			e->tags[e->ntags++] = xstrdup(tags[i]);
	}
	e->title = title != NULL && *title != '\0' ? xstrdup(title) : NULL;
	e->line = line;
	return true;
}

bool
urls_supported(const char *url)
{
	static const char *const schemes[] = { "http://", "https://", "file://", NULL };

	for (size_t i = 0; schemes[i] != NULL; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], n) == 0 && url[n] != '\0')
			return true;
	}
	return false;
}

/* Replace %DATADIR% with dir, percent-encoding what a URL path cannot hold. */
static char *
substitute_datadir(const char *url, const char *dir)
{
	static const char token[] = "%DATADIR%";
	struct buf b = BUF_INIT;
	const char *p = url, *hit;

	while ((hit = strstr(p, token)) != NULL) {
		buf_append(&b, p, (size_t)(hit - p));
		for (const char *s = dir; *s != '\0'; s++) {
			if (strchr(" %#?\"", *s) != NULL)
				buf_printf(&b, "%%%02X", (unsigned char)*s);
			else
				buf_append_char(&b, *s);
		}
		p = hit + sizeof token - 1;
	}
	buf_append_str(&b, p);
	return buf_detach(&b);
}

static void
parse_line(const char *name, int lineno, char **tok, size_t n, const char *datadir,
    struct urls_list *l, struct diag_list *d)
{
	const char *title = NULL;
	char *url;
	long prev;

	if (strncmp(tok[0], "query:", 6) == 0) {
		diag_add(d, DIAG_WARNING, name, lineno,
		    "query feeds are not supported (line skipped)");
		return;
	}
	if (script_feed_kind(tok[0]) != SCRIPT_FEED_NONE) {
		/* Script feeds (scriptfeed.h): the whole token is the feed. */
		char **argv, *furl, *why;
		if (script_feed_parse(tok[0], &argv, &furl, &why) != 0) {
			diag_add(d, DIAG_WARNING, name, lineno, "%s (line skipped)", why);
			free(why);
			return;
		}
		share_argv_free(&argv);
		free(furl);
		url = xstrdup(tok[0]);
	} else
		url = datadir != NULL ? substitute_datadir(tok[0], datadir) : xstrdup(tok[0]);
	if (script_feed_kind(url) == SCRIPT_FEED_NONE && !urls_supported(url)) {
		diag_add(d, DIAG_WARNING, name, lineno,
		    "unsupported URL '%s' (expected http, https or file; line skipped)", url);
		free(url);
		return;
	}
	/* Tags are every other token; the last ~title wins, as in newsboat. */
	size_t ntags = 0;
	const char **tags = xcalloc(n, sizeof *tags);
	for (size_t i = 1; i < n; i++) {
		if (tok[i][0] == '~')
			title = tok[i] + 1;
		else if (tok[i][0] != '\0')
			tags[ntags++] = tok[i];
	}
	if (!urls_list_add(l, url, tags, ntags, title, lineno)) {
		prev = urls_list_find(l, url);
		diag_add(d, DIAG_WARNING, name, lineno,
		    "duplicate URL '%s' (first on line %d; this line skipped)", url,
		    l->v[prev].line);
	}
	free(tags);
	free(url);
}

int
urls_parse(const char *name, const char *data, size_t len, const char *datadir,
    struct urls_list **out, struct diag_list *d)
{
	struct urls_list *l = urls_list_new();
	struct lex_tokens t = { 0 };
	const char *line, *why;
	size_t pos = 0, linelen;
	int lineno = 0;

	while (lex_next_line(data, len, &pos, &line, &linelen, &lineno)) {
		if (memchr(line, '\0', linelen) != NULL)
			diag_add(d, DIAG_WARNING, name, lineno, "NUL byte in line (line skipped)");
		else if (lex_line(line, linelen, &t, &why) == -1)
			diag_add(d, DIAG_WARNING, name, lineno, "%s (line skipped)", why);
		else if (t.n > 0) {
			/* Lists get shared and copied around: no controls or
			 * escape sequences may ride along into titles. */
			for (size_t i = 0; i < t.n; i++) {
				char *c = utf8_sanitize(t.v[i], strlen(t.v[i]), 0, NULL);
				free(t.v[i]);
				t.v[i] = c;
			}
			parse_line(name, lineno, t.v, t.n, datadir, l, d);
		}
		lex_tokens_clear(&t);
	}
	*out = l;
	return 0;
}

/*
 * A urls file that others may write must not run commands: whoever can
 * edit it could make newsreader run anything as the user. Its exec: and
 * filter: feeds are dropped, each with the reason and the fix.
 */
static void
refuse_scripts(const char *path, struct urls_list *l, struct diag_list *d)
{
	struct stat st;
	size_t kept = 0;

	if (stat(path, &st) != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct urls_entry *e = &l->v[i];
		if (script_feed_kind(e->url) == SCRIPT_FEED_NONE) {
			l->v[kept++] = *e;
			continue;
		}
		diag_add(d, DIAG_WARNING, path, e->line,
		    "%.*s feed refused: the file is writable by %s, who could make it "
		    "run any command as you (chmod go-w '%s'; line skipped)",
		    (int)(strchr(e->url, ':') - e->url + 1), e->url,
		    (st.st_mode & S_IWOTH) != 0 ? "others" : "its group", path);
		free(e->url);
		for (size_t j = 0; j < e->ntags; j++)
			free(e->tags[j]);
		free(e->tags);
		free(e->title);
	}
	l->n = kept;
}

int
urls_load(const char *path, bool is_demo, struct urls_list **out, struct diag_list *d)
{
	char *data, *datadir = NULL;
	size_t len;
	int errnum;

	*out = NULL;
	if (fileio_read(path, URLS_MAX_SIZE, &data, &len, &errnum) == -1) {
		diag_add(d, DIAG_ERROR, path, 0, "%s",
		    errnum == EFBIG ? "file too large" : strerror(errnum));
		return -1;
	}
	if (is_demo)
		datadir = paths_data_dir();
	urls_parse(path, data, len, datadir, out, d);
	refuse_scripts(path, *out, d);
	free(datadir);
	free(data);
	return 0;
}

/* A token as the tokenizer reads it back: quoted when it must be. */
static void
append_token(struct buf *b, const char *prefix, const char *s)
{
	bool quote = *prefix != '\0' || *s == '\0' || *s == '#' || *s == '"' ||
	    strpbrk(s, " \t\"\\") != NULL;

	if (!quote) {
		buf_append_str(b, s);
		return;
	}
	buf_append_char(b, '"');
	buf_append_str(b, prefix);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_append_char(b, '\\');
		buf_append_char(b, *s);
	}
	buf_append_char(b, '"');
}

char *
urls_format_entry(const struct urls_entry *e)
{
	struct buf b = BUF_INIT;

	/* A URL with a space cannot be a single unquoted token. */
	append_token(&b, "", e->url);
	for (size_t i = 0; i < e->ntags; i++) {
		buf_append_char(&b, ' ');
		append_token(&b, "", e->tags[i]);
	}
	if (e->title != NULL) {
		buf_append_char(&b, ' ');
		append_token(&b, "~", e->title);
	}
	buf_append_char(&b, '\n');
	return buf_detach(&b);
}
