/*
 * Shared by fuzz_urls.c and fuzz_opml.c: checks of a urls list and of
 * its two round trips, the urls file line (urls_format_entry) and OPML
 * (opml_export), which must both give back the same URLs, titles and tags.
 */
#ifndef NR_TESTS_FUZZ_URLS_H
#define NR_TESTS_FUZZ_URLS_H

#include "config/opml.h"
#include "config/urls.h"

#include "fuzz.h"

static inline void
fuzz_check_diags(const struct diag_list *d, const char *name)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i < d->n; i++) {
		const char *m = d->v[i].msg;
		fuzz_touch(m);
		if (strncmp(m, name, nl) != 0 || m[nl] != ':')
			fuzz_fail("diagnostic does not start with \"%s:\": \"%s\"", name, m);
		if (strchr(m, '\n') != NULL)
			fuzz_fail("diagnostic has a newline: \"%s\"", m);
		if (d->v[i].line < 0)
			fuzz_fail("diagnostic line %d", d->v[i].line);
	}
}

static inline void
fuzz_check_urls(const struct urls_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct urls_entry *e = &l->v[i];
		if (e->url == NULL || (!urls_supported(e->url) &&
		    strncmp(e->url, "exec:", 5) != 0 && strncmp(e->url, "filter:", 7) != 0))
			fuzz_fail("entry %zu: unsupported url \"%s\"", i, e->url ? e->url : "(null)");
		fuzz_check_clean(e->url, false, "url");
		fuzz_check_clean(e->title, false, "title");
		if (e->ntags > 0 && e->tags == NULL)
			fuzz_fail("entry %zu: %zu tags, no array", i, e->ntags);
		for (size_t t = 0; t < e->ntags; t++) {
			fuzz_check_clean(e->tags[t], false, "tag");
			if (e->tags[t][0] == '\0' || e->tags[t][0] == '~')
				fuzz_fail("entry %zu: tag \"%s\"", i, e->tags[t]);
			for (size_t u = 0; u < t; u++)
				if (strcmp(e->tags[u], e->tags[t]) == 0)
					fuzz_fail("entry %zu: tag \"%s\" twice", i, e->tags[t]);
		}
		if (urls_list_find(l, e->url) != (long)i)
			fuzz_fail("entry %zu: urls_list_find(\"%s\") = %ld", i, e->url,
			    urls_list_find(l, e->url));
	}
}

static inline void
fuzz_same_urls(const struct urls_list *a, const struct urls_list *b, const char *how)
{
	if (a->n != b->n)
		fuzz_fail("%s: %zu entries became %zu", how, a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct urls_entry *x = &a->v[i], *y = &b->v[i];
		if (strcmp(x->url, y->url) != 0)
			fuzz_fail("%s: url \"%s\" became \"%s\"", how, x->url, y->url);
		if ((x->title == NULL) != (y->title == NULL) ||
		    (x->title != NULL && strcmp(x->title, y->title) != 0))
			fuzz_fail("%s: %s: title \"%s\" became \"%s\"", how, x->url,
			    x->title ? x->title : "(null)", y->title ? y->title : "(null)");
		if (x->ntags != y->ntags)
			fuzz_fail("%s: %s: %zu tags became %zu (first \"%s\")", how, x->url,
			    x->ntags, y->ntags, x->ntags ? x->tags[0] : "");
		for (size_t t = 0; t < x->ntags; t++)
			if (strcmp(x->tags[t], y->tags[t]) != 0)
				fuzz_fail("%s: %s: tag \"%s\" became \"%s\"", how, x->url, x->tags[t],
				    y->tags[t]);
	}
}

/*
 * Whether OPML can carry l unchanged. Import trims titles and tags (foreign
 * OPML is full of stray blanks) and URLs, drops a title that only repeats the URL
 * and keeps at most 64 category tags; noncharacters become U+FFFD: lists
 * outside that are not compared.
 */
static inline bool
fuzz_nonchar(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; s != NULL && *p != '\0'; p++)
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return true;
	return false;
}

static inline bool
fuzz_opml_faithful(const struct urls_list *l)
{
	static const char blanks[] = " \t\n\v\f\r";

	for (size_t i = 0; i < l->n; i++) {
		const struct urls_entry *e = &l->v[i];
		/* Script feeds are never imported from OPML (a shared file
		 * must not plant a command). */
		if (strncmp(e->url, "exec:", 5) == 0 || strncmp(e->url, "filter:", 7) == 0)
			return false;
		/* U+FFFE and U+FFFF are no XML characters: exported as U+FFFD. */
		if (fuzz_nonchar(e->url) || fuzz_nonchar(e->title))
			return false;
		for (size_t t = 0; t < e->ntags; t++)
			if (fuzz_nonchar(e->tags[t]))
				return false;
		if (e->ntags > 64 || strchr(blanks, e->url[0]) != NULL ||
		    strchr(blanks, e->url[strlen(e->url) - 1]) != NULL)
			return false;
		if (e->title != NULL && (e->title[0] == '\0' || strcmp(e->title, e->url) == 0 ||
		    strchr(blanks, e->title[0]) != NULL ||
		    strchr(blanks, e->title[strlen(e->title) - 1]) != NULL))
			return false;
		for (size_t t = 0; t < e->ntags; t++) {
			const char *g = e->tags[t];
			if (strchr(blanks, g[0]) != NULL || strchr(blanks, g[strlen(g) - 1]) != NULL)
				return false;
		}
	}
	return true;
}

/* Write l as a urls file and as OPML, read both back, compare. */
static inline void
fuzz_urls_roundtrip(const struct urls_list *l)
{
	struct buf_s { char *p; size_t n, a; } f = { NULL, 0, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *back = NULL;
	char *opml, *err = NULL;

	for (size_t i = 0; i < l->n; i++) {
		char *line = urls_format_entry(&l->v[i]);
		size_t n = strlen(line);
		if (n == 0 || line[n - 1] != '\n' || memchr(line, '\n', n - 1) != NULL)
			fuzz_fail("urls_format_entry gave \"%s\"", line);
		if (f.n + n + 1 > f.a) {
			f.a = (f.n + n + 1) * 2;
			f.p = realloc(f.p, f.a);
			if (f.p == NULL)
				abort();
		}
		memcpy(f.p + f.n, line, n + 1);
		f.n += n;
		free(line);
	}
	urls_parse("roundtrip", f.p ? f.p : "", f.n, NULL, &back, &d);
	if (d.n > 0)
		fuzz_fail("urls file round trip: \"%s\" for\n%s", d.v[0].msg, f.p);
	fuzz_same_urls(l, back, "urls file round trip");
	/* Written again, the list read back gives the same file. */
	for (size_t i = 0, at = 0; i < back->n; i++) {
		char *line = urls_format_entry(&back->v[i]);
		size_t n = strlen(line);
		if (at + n > f.n || memcmp(f.p + at, line, n) != 0)
			fuzz_fail("urls file written twice differs at entry %zu: \"%s\"", i, line);
		at += n;
		free(line);
	}
	urls_list_free(&back);
	diag_list_clear(&d);
	free(f.p);

	/* The export is always well-formed; the same list comes back when
	 * OPML can carry it. */
	opml = opml_export(l, NULL, 1700000000);
	if (opml_parse("export", opml, strlen(opml), &back, &d, &err) != 0)
		fuzz_fail("OPML round trip: %s\n%s", err ? err : "(no message)", opml);
	if (fuzz_opml_faithful(l))
		fuzz_same_urls(l, back, "OPML round trip");
	urls_list_free(&back);
	diag_list_clear(&d);
	free(opml);
}

#endif
