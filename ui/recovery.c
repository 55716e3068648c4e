/*
 * The recovery list and its file (model in recovery.h). A plain array: it
 * only holds what a session could not save, a handful of entries.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/fileio.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "recovery.h"

struct entry {
	enum recovery_kind kind;
	int64_t id;
	char *value;	/* the draft's text, or the state that was wanted */
	char *link;
	char *reason;
};

struct recovery {
	struct entry *v;
	size_t n;
};

struct recovery *
recovery_new(void)
{
	return xcalloc(1, sizeof(struct recovery));
}

static void
entry_clear(struct entry *e)
{
	free(e->value);
	free(e->link);
	free(e->reason);
}

void
recovery_free(struct recovery **rp)
{
	struct recovery *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		entry_clear(&r->v[i]);
	free(r->v);
	xfree(rp);
}

static struct entry *
find(const struct recovery *r, enum recovery_kind kind, int64_t id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == kind && r->v[i].id == id)
			return &r->v[i];
	return NULL;
}

void
recovery_note(struct recovery *r, enum recovery_kind kind, int64_t id, const char *value,
    const char *link, const char *reason)
{
	struct entry *e = find(r, kind, id);

	if (e == NULL) {
		r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
		e = &r->v[r->n++];
	} else
		entry_clear(e);
	*e = (struct entry){ .kind = kind, .id = id, .value = xstrdup_null(value),
	    .link = xstrdup_null(link), .reason = xstrdup_null(reason) };
}

void
recovery_forget(struct recovery *r, enum recovery_kind kind, int64_t id)
{
	struct entry *e = find(r, kind, id);

	if (e == NULL)
		return;
	entry_clear(e);
	/* Keep the order of the rest: the file lists changes as they came. */
	size_t i = (size_t)(e - r->v);
	memmove(e, e + 1, (r->n - i - 1) * sizeof *e);
	r->n--;
}

size_t
recovery_count(const struct recovery *r)
{
	return r->n;
}

size_t
recovery_count_kind(const struct recovery *r, enum recovery_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].kind == kind;
	return n;
}

/* One header value on one line: controls (a newline in a feed's link)
 * become '?', so no entry can fake another. */
static void
put_value(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_append_char(b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static const char *const kind_names[] = {
	[RECOVERY_DRAFT] = "draft", [RECOVERY_LIKE] = "like", [RECOVERY_READ] = "read",
	[RECOVERY_FEED_READ] = "feed-read",
};

char *
recovery_format(const struct recovery *r, const char *cache_path, time_t now)
{
	struct buf b = BUF_INIT;
	struct tm tm;
	char when[32];

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
	buf_printf(&b, "# newsreader: changes that could not be saved in ");
	put_value(&b, cache_path);
	buf_printf(&b, "\n# written %s. A draft's text is the lines after \"| \".\n", when);
	for (size_t i = 0; i < r->n; i++) {
		const struct entry *e = &r->v[i];
		buf_printf(&b, "\n%s %s=%lld", kind_names[e->kind],
		    e->kind == RECOVERY_FEED_READ ? "feed" : "item", (long long)e->id);
		if (e->kind != RECOVERY_DRAFT && e->value != NULL) {
			buf_append_str(&b, " wanted=");
			put_value(&b, e->value);
		}
		buf_append_char(&b, '\n');
		if (e->link != NULL) {
			buf_append_str(&b, "link: ");
			put_value(&b, e->link);
			buf_append_char(&b, '\n');
		}
		if (e->reason != NULL) {
			buf_append_str(&b, "reason: ");
			put_value(&b, e->reason);
			buf_append_char(&b, '\n');
		}
		if (e->kind == RECOVERY_DRAFT && e->value != NULL) {
			const char *p = e->value;
			for (;;) {
				const char *nl = strchr(p, '\n');
				size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
				buf_append_str(&b, "| ");
				buf_append(&b, p, len);
				buf_append_char(&b, '\n');
				if (nl == NULL)
					break;
				p = nl + 1;
			}
		}
	}
	return buf_detach(&b);
}

int
recovery_write(const struct recovery *r, const char *dir, const char *cache_path, time_t now,
    char **path, char **err)
{
	struct tm tm;
	char stamp[32];

	*path = NULL;
	*err = NULL;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	char *p = xasprintf("%s/recovery-%s-%ld.txt", dir, stamp, (long)getpid());
	if (fileio_mkdir_parent(p, 0700) != 0) {
		*err = xasprintf("cannot create %s: %s", dir, strerror(errno));
		free(p);
		return -1;
	}
	char *text = recovery_format(r, cache_path, now);
	/* Drafts are private: the new file is the user's alone. */
	mode_t old = umask(077);
	int rc = fileio_write_atomic(p, text, strlen(text), err);
	umask(old);
	free(text);
	if (rc != 0) {
		free(p);
		return -1;
	}
	*path = p;
	return 0;
}

size_t
recovery_find(const char *dir, char **newest)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *best = NULL;
	size_t n = 0;

	*newest = NULL;
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (strncmp(de->d_name, "recovery-", 9) != 0 || len < 13 ||
		    strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		n++;
		/* The names sort by their UTC time stamp. */
		if (best == NULL || strcmp(de->d_name, best) > 0) {
			free(best);
			best = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (best != NULL) {
		*newest = xasprintf("%s/%s", dir, best);
		free(best);
	}
	return n;
}

/* Lines come as recovery_format writes them: "draft item=N", then "link:"
 * and "reason:" lines, then the text, each line after "| ". */
int
recovery_read_drafts(const char *file, struct recovery *r)
{
	char *data = NULL;
	size_t len;
	int e, n = 0;

	if (fileio_read(file, 1 << 24, &data, &len, &e) != 0)
		return -1;
	long long id = 0;
	bool in = false;
	size_t lines = 0;
	struct buf text = BUF_INIT;
	char *link = NULL;
	for (char *line = data, *next; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (in && strncmp(line, "| ", 2) == 0) {
			if (lines++ > 0)
				buf_append_char(&text, '\n');
			buf_append_str(&text, line + 2);
			continue;
		}
		if (in && strncmp(line, "link: ", 6) == 0) {
			free(link);
			link = xstrdup(line + 6);
			continue;
		}
		if (in && strncmp(line, "reason: ", 8) == 0)
			continue;
		/* Anything else ends a draft. */
		if (in && lines > 0) {
			recovery_note(r, RECOVERY_DRAFT, (int64_t)id, buf_str(&text), link, NULL);
			n++;
		}
		in = false;
		lines = 0;
		buf_free(&text);
		xfree(&link);
		char tail;
		if (sscanf(line, "draft item=%lld%c", &id, &tail) == 1 && id > 0)
			in = true;
	}
	if (in && lines > 0) {
		recovery_note(r, RECOVERY_DRAFT, (int64_t)id, buf_str(&text), link, NULL);
		n++;
	}
	buf_free(&text);
	free(link);
	free(data);
	return n;
}

const char *
recovery_draft(const struct recovery *r, int64_t id)
{
	const struct entry *e = find(r, RECOVERY_DRAFT, id);

	return e != NULL ? e->value : NULL;
}
