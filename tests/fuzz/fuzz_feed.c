/*
 * libFuzzer target for the streaming feed parser (src/feed/feed.h). The
 * whole input is the document; it is parsed in one piece, then again in
 * three chunks cut at positions taken from its first bytes, in random
 * chunks of 1 to 64 bytes (the generator seeded by the input), and in
 * chunks that end right after every '<' and '>': every run must deliver
 * the same metadata, items and result, because the fetch thread's chunk
 * boundaries are arbitrary (split-invariance). Every string the sink gets is read in
 * full and must keep the header's promise (UTF-8, no controls).
 */
#include "config.h"

#include <strings.h>

#include "feed/feed.h"
#include "util/url.h"

#include "fuzz.h"

struct digest {
	unsigned long h;
	size_t nitems, nmeta;
	const char *doc_url;
};

static void
mix(struct digest *d, const char *s)
{
	d->h = d->h * 1000003u ^ 0x9e37u;
	if (s != NULL)
		for (; *s != '\0'; s++)
			d->h = d->h * 131u + (unsigned char)*s;
}

static void
check_str(struct digest *d, const char *s, bool keep_nl, const char *what)
{
	fuzz_touch(s);
	fuzz_check_clean(s, keep_nl, what);
	mix(d, s);
}

static void
check_url(struct digest *d, const char *s, const char *what)
{
	check_str(d, s, false, what);
	/* With an absolute document URL every link resolves to an absolute one. */
	if (s != NULL && d->doc_url != NULL && !url_has_scheme(s))
		fuzz_fail("%s is not absolute: \"%s\"", what, s);
}

static void
on_meta(const struct feed_meta *m, void *ud)
{
	struct digest *d = ud;

	d->nmeta++;
	fuzz_touch(feed_format_name(m->format));
	d->h ^= (unsigned long)m->format;
	check_str(d, m->title, false, "meta.title");
	check_url(d, m->link, "meta.link");
	check_str(d, m->description, true, "meta.description");
	check_str(d, m->language, false, "meta.language");
}

static void
on_item(const struct feed_item *it, void *ud)
{
	struct digest *d = ud;

	d->nitems++;
	if (it->id == NULL || it->id[0] == '\0')
		fuzz_fail("item without an id");
	check_str(d, it->id, false, "item.id");
	d->h ^= it->id_from_document;
	check_str(d, it->title, false, "item.title");
	check_url(d, it->link, "item.link");
	check_str(d, it->author, false, "item.author");
	d->h ^= (unsigned long)it->published * 7u ^ (unsigned long)it->updated;
	check_str(d, it->summary, true, "item.summary");
	check_str(d, it->content, true, "item.content");
	if (it->ncategories > 0 && it->categories == NULL)
		fuzz_fail("ncategories %zu with no array", it->ncategories);
	for (size_t i = 0; i < it->ncategories; i++)
		check_str(d, it->categories[i], false, "item.categories[]");
	if (it->nenclosures > 0 && it->enclosures == NULL)
		fuzz_fail("nenclosures %zu with no array", it->nenclosures);
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		if (e->url == NULL)
			fuzz_fail("enclosure without a url");
		check_url(d, e->url, "enclosure.url");
		check_str(d, e->type, false, "enclosure.type");
		check_str(d, e->title, false, "enclosure.title");
		check_str(d, e->medium, false, "enclosure.medium");
		if (e->length < -1)
			fuzz_fail("enclosure length %lld", (long long)e->length);
		if (e->duration < -1)
			fuzz_fail("enclosure duration %lld", (long long)e->duration);
		/* Only the web's schemes reach the downloader (file: only from a
		 * file: document). */
		bool local = d->doc_url != NULL && strncmp(d->doc_url, "file:", 5) == 0;
		if (strncasecmp(e->url, "http://", 7) != 0 &&
		    strncasecmp(e->url, "https://", 8) != 0 &&
		    !(local && strncasecmp(e->url, "file:", 5) == 0))
			fuzz_fail("enclosure with another scheme: \"%s\"", e->url);
		d->h ^= (unsigned long)e->length ^ (unsigned long)e->duration << 7;
	}
	check_url(d, it->comments_feed, "item.comments_feed");
	if (it->comments_count < -1)
		fuzz_fail("comments_count %lld", (long long)it->comments_count);
	d->h ^= (unsigned long)it->comments_count;
	check_str(d, it->language, false, "item.language");
	check_url(d, it->thumbnail, "item.thumbnail");
}

static const struct feed_sink sink = { on_meta, on_item };

/* Most pieces one run pushes. */
#define MAX_CUTS 4096

/* Parse data in the pieces [0,cuts[0]) [cuts[0],cuts[1]) ... [cuts[n-1],size);
 * cuts ascend. */
static int
run(const char *doc_url, const char *charset, const uint8_t *data, size_t size,
    const size_t *cuts, size_t ncuts, struct digest *d)
{
	struct feed_parser *p;
	const char *c = (const char *)data;
	size_t at = 0;
	int rc = 0;

	memset(d, 0, sizeof *d);
	d->doc_url = doc_url;
	p = feed_parser_new(doc_url, charset, &sink, d);
	for (size_t i = 0; i <= ncuts && rc == 0; i++) {
		size_t end = i < ncuts ? cuts[i] : size;
		if (feed_parser_push(p, c + at, end - at) < 0)
			rc = -1;
		at = end;
	}
	if (feed_parser_finish(p) < 0)
		rc = -1;
	if (rc < 0) {
		const char *err = feed_parser_error(p);
		if (err == NULL)
			fuzz_fail("a call failed but feed_parser_error() is NULL");
		fuzz_touch(err);
	}
	if (feed_parser_item_count(p) != d->nitems)
		fuzz_fail("item count %zu, sink saw %zu", feed_parser_item_count(p), d->nitems);
	if (d->nmeta > 1)
		fuzz_fail("on_meta called %zu times", d->nmeta);
	fuzz_touch(feed_format_name(feed_parser_format(p)));
	feed_parser_free(&p);
	if (p != NULL)
		fuzz_fail("feed_parser_free did not clear the pointer");
	return rc;
}

static void
same(const char *how, int rca, const struct digest *a, int rcb, const struct digest *b,
    const size_t *cuts, size_t ncuts)
{
	if (rca == rcb && a->nitems == b->nitems && a->nmeta == b->nmeta && a->h == b->h)
		return;
	fprintf(stderr, "cuts (%s):", how);
	for (size_t i = 0; i < ncuts; i++)
		fprintf(stderr, " %zu", cuts[i]);
	fputc('\n', stderr);
	fuzz_fail("%s: rc %d items %zu meta %zu; whole: rc %d items %zu meta %zu%s", how, rca,
	    a->nitems, a->nmeta, rcb, b->nitems, b->nmeta, a->h != b->h ? " (different strings)" : "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const urls[] = {
		NULL, "https://example.org/feeds/news.xml", "http://h/a/b?q#f", "file:///tmp/f.xml",
	};
	static const char *const charsets[] = {
		NULL, "utf-8", "windows-1256", "iso-8859-6", "utf-16", "x-bogus", "latin1", "",
	};
	/* The options come from the last byte, the cuts from the first ones, so
	 * the seed documents keep their meaning. */
	unsigned opt = size > 0 ? data[size - 1] : 0;
	const char *url = urls[opt & 3], *cs = charsets[(opt >> 2) & 7];
	size_t cuts[MAX_CUTS], n = 0;
	struct digest whole, part;
	int rcw, rcp;

	rcw = run(url, cs, data, size, NULL, 0, &whole);

	/* Two cuts from the first four bytes. */
	if (size >= 4) {
		size_t cut1 = ((size_t)data[0] << 8 | data[1]) % (size + 1);
		size_t cut2 = cut1 + ((size_t)data[2] << 8 | data[3]) % (size - cut1 + 1);
		cuts[0] = cut1;
		cuts[1] = cut2;
		rcp = run(url, cs, data, size, cuts, 2, &part);
		same("two cuts from bytes 0-3", rcp, &part, rcw, &whole, cuts, 2);
	}

	/* Random chunks of 1 to 64 bytes, the generator seeded by the input,
	 * so the same input always gets the same chunks. */
	uint64_t x = 0x9e3779b97f4a7c15u ^ size;
	for (size_t i = 0; i < size; i++)
		x = (x ^ data[i]) * 0x100000001b3u;
	for (size_t at = 0; n < MAX_CUTS;) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		at += 1 + (size_t)(x % ((x >> 32 & 3) == 0 ? 4 : 64));
		if (at >= size)
			break;
		cuts[n++] = at;
	}
	rcp = run(url, cs, data, size, cuts, n, &part);
	same("random chunks", rcp, &part, rcw, &whole, cuts, n);

	/* A chunk ends right after every '>' (and, in the same run, after
	 * every '<'): the sniffing of declarations, DOCTYPEs and comments
	 * must not depend on where a tag's end falls. */
	n = 0;
	for (size_t i = 0; i + 1 < size && n < MAX_CUTS; i++)
		if (data[i] == '>' || data[i] == '<')
			cuts[n++] = i + 1;
	rcp = run(url, cs, data, size, cuts, n, &part);
	same("after every < and >", rcp, &part, rcw, &whole, cuts, n);
	return 0;
}
