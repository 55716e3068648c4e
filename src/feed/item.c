/*
 * The item and metadata accumulators: fields are collected with priorities
 * while the document streams by, then every string is sanitized once when
 * the item is handed to the sink. Storage is reused between items.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed/internal.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void
field_take(struct field *f, struct buf *b, int prio)
{
	if (prio <= f->prio)
		return;
	/* Swap the storage; each buffer keeps its own size limit. */
	struct buf t = f->b;
	f->b.data = b->data;
	f->b.len = b->len;
	f->b.alloc = b->alloc;
	b->data = t.data;
	b->len = t.len;
	b->alloc = t.alloc;
	buf_reset(b);
	f->prio = prio;
}

void
field_set(struct field *f, const char *s, size_t len, int prio)
{
	if (prio <= f->prio)
		return;
	buf_reset(&f->b);
	buf_append(&f->b, s, len);
	f->prio = prio;
}

static void
field_clear(struct field *f)
{
	buf_reset(&f->b);
	f->prio = 0;
}

void
item_begin(struct feed_parser *p, const char *lang)
{
	struct item_acc *a = &p->item;
	for (int i = 0; i < IF_N; i++)
		field_clear(&a->f[i]);
	a->published = a->updated = 0;
	a->pub_prio = a->upd_prio = 0;
	a->count = -1;
	a->count_prio = 0;
	a->duration = -1;
	for (size_t i = 0; i < a->ncats; i++)
		free(a->cats[i]);
	a->ncats = 0;
	for (size_t i = 0; i < a->nencs; i++) {
		free((char *)a->encs[i].url);
		free((char *)a->encs[i].type);
		free((char *)a->encs[i].title);
		free((char *)a->encs[i].medium);
	}
	a->nencs = 0;
	xfree(&a->lang);
	xfree(&a->bad_date);
	a->lang = xstrdup_null(lang);
	p->in_item = true;
}

void
item_acc_free(struct item_acc *a)
{
	for (int i = 0; i < IF_N; i++)
		buf_free(&a->f[i].b);
	for (size_t i = 0; i < a->ncats; i++)
		free(a->cats[i]);
	free(a->cats);
	for (size_t i = 0; i < a->nencs; i++) {
		free((char *)a->encs[i].url);
		free((char *)a->encs[i].type);
		free((char *)a->encs[i].title);
		free((char *)a->encs[i].medium);
	}
	free(a->encs);
	free(a->lang);
	free(a->bad_date);
	memset(a, 0, sizeof *a);
}

void
item_add_category(struct feed_parser *p, const char *s, size_t len)
{
	struct item_acc *a = &p->item;
	if (a->ncats >= 256)	/* a hostile feed cannot grow an item without bound */
		return;
	if (a->ncats == a->acats) {
		a->acats = a->acats ? a->acats * 2 : 8;
		a->cats = xreallocarray(a->cats, a->acats, sizeof *a->cats);
	}
	a->cats[a->ncats++] = xstrndup(s, len);
}

/* A non-negative integer as written (surrounding blanks allowed), else -1. */
static int64_t
parse_count(const char *s)
{
	char *end;
	if (s == NULL)
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (errno == 0 && end != s && *end == '\0' && v >= 0)
		return v;
	return -1;
}

/* Which schemes an enclosure may have: the user opens or downloads it, so
 * only the web's, and file: only in a document that is itself a local file
 * (a remote feed must not point the downloader at the user's own files). */
static bool
enclosure_scheme_ok(const struct feed_parser *p, const char *url)
{
	if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0)
		return true;
	return strncasecmp(url, "file:", 5) == 0 && p->doc_url != NULL &&
	    strncasecmp(p->doc_url, "file:", 5) == 0;
}

static char *
dup_lower(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	char *d = xstrdup(s);
	for (char *c = d; *c; c++) {
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	}
	return d;
}

void
item_set_duration(struct feed_parser *p, const char *s)
{
	int64_t total = 0;
	int parts = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (;;) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (end == s || errno != 0 || v < 0 || v > 100000000 || ++parts > 3)
			return;
		total = total * 60 + v;
		s = end;
		if (*s != ':')
			break;
		s++;
	}
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0')
		p->item.duration = total;
}

void
item_add_enclosure(struct feed_parser *p, const char *url, const char *type,
    const char *length, const char *title, const char *medium, const char *duration)
{
	struct item_acc *a = &p->item;
	if (url == NULL || *url == '\0' || a->nencs >= 64 || !enclosure_scheme_ok(p, url))
		return;
	for (size_t i = 0; i < a->nencs; i++) {
		if (strcmp(a->encs[i].url, url) == 0)
			return;	/* the same file as <enclosure> and media:content */
	}
	if (a->nencs == a->aencs) {
		a->aencs = a->aencs ? a->aencs * 2 : 4;
		a->encs = xreallocarray(a->encs, a->aencs, sizeof *a->encs);
	}
	struct feed_enclosure *e = &a->encs[a->nencs++];
	e->url = xstrdup(url);
	e->type = dup_lower(type);
	e->length = parse_count(length);
	e->title = (title && *title) ? xstrdup(title) : NULL;
	e->medium = dup_lower(medium);
	e->duration = parse_count(duration);
}

void
item_set_count(struct feed_parser *p, const char *s, int prio)
{
	char *end;
	if (prio <= p->item.count_prio)
		return;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (errno != 0 || end == s || *end != '\0' || v < 0)
		return;
	p->item.count = v;
	p->item.count_prio = prio;
}

void
item_set_date(struct feed_parser *p, bool updated, const char *s, int prio)
{
	time_t t;
	int *pp = updated ? &p->item.upd_prio : &p->item.pub_prio;
	if (prio <= *pp)
		return;
	if (!date_parse(s, &t)) {
		if (p->item.bad_date == NULL && *s != '\0')
			p->item.bad_date = xstrndup(s, strlen(s) < 200 ? strlen(s) : 200);
		return;
	}
	if (updated)
		p->item.updated = t;
	else
		p->item.published = t;
	*pp = prio;
}

/* Eight bytes that are four characters of U+0600-U+06FF other than U+061C
 * (a bidi mark): Arabic text checked a word at a time. */
static inline bool
arabic8_clean(const unsigned char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w, x;
	memcpy(&w, s, 8);
	if ((w & 0xC0FCC0FCC0FCC0FCULL) != 0x80D880D880D880D8ULL)
		return false;
	x = w ^ 0x9CD89CD89CD89CD8ULL;	/* a zero 16-bit lane is D8 9C */
	return ((x - 0x0001000100010001ULL) & ~x & 0x8000800080008000ULL) == 0;
#else
	(void)s;
	return false;
#endif
}

/*
 * True when utf8_sanitize(s, len, flags) would return s unchanged: valid
 * UTF-8 without C0/C1 controls (but \n and \t with UTF8_KEEP_NEWLINES),
 * DEL, U+FEFF or bidi controls. Most feed text is like that, and checking
 * is much cheaper than rebuilding it; tests/feed_test.c holds the two to
 * the same answer.
 */
bool
text_is_clean(const char *str, size_t len, int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	bool nl = flags & UTF8_KEEP_NEWLINES;
	size_t i = 0;

	while (i < len) {
		/* Eight printable ASCII bytes at a time: no high bit, no byte
		 * below 0x20, no DEL. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			uint64_t del = w ^ 0x7F7F7F7F7F7F7F7FULL;
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) ||
			    ((del - 0x0101010101010101ULL) & ~del & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		/* Arabic letters (U+0600-U+06FF) in a row, minus U+061C. */
		while (i + 8 <= len && arabic8_clean(s + i))
			i += 8;
		while (i + 1 < len && s[i] >= 0xD8 && s[i] <= 0xDB && (s[i + 1] & 0xC0) == 0x80 &&
		    !(s[i] == 0xD8 && s[i + 1] == 0x9C))
			i += 2;
		if (i >= len)
			break;
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if (nl && (c == '\n' || c == '\t')) {
				i++;
				continue;
			}
			return false;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
				return false;
			if ((c == 0xC2 && s[i + 1] < 0xA0) || (c == 0xD8 && s[i + 1] == 0x9C))
				return false;	/* C1, U+061C */
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
				return false;
			if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F))
				return false;	/* overlong, surrogate */
			if (c == 0xE2 && ((s[i + 1] == 0x80 && (s[i + 2] == 0x8E || s[i + 2] == 0x8F ||
			    (s[i + 2] >= 0xAA && s[i + 2] <= 0xAE))) ||
			    (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)))
				return false;	/* bidi controls */
			if (c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
				return false;	/* U+FEFF */
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return false;
			if ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
				return false;
			i += 4;
		} else {
			return false;
		}
	}
	return true;
}

static char *
sanitize(const struct buf *b, int flags, size_t *n)
{
	if (text_is_clean(b->data, b->len, flags)) {
		*n = b->len;
		return xstrndup(b->data, b->len);
	}
	return utf8_sanitize(b->data, b->len, flags, n);
}

/* Clean text: controls gone, whitespace runs collapsed to one space, trimmed.
 * NULL when nothing is left. */
static char *
clean_text(const struct buf *b)
{
	size_t n, j = 0;
	bool space = false;
	if (b->len == 0)
		return NULL;
	char *s = sanitize(b, UTF8_KEEP_MARKS, &n);
	for (size_t i = 0; i < n; i++) {
		/* sanitize() left \n and \t when the text was otherwise clean */
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			space = j > 0;
			continue;
		}
		if (space)
			s[j++] = ' ';
		space = false;
		s[j++] = s[i];
	}
	s[j] = '\0';
	if (j == 0)
		xfree(&s);
	return s;
}

/* HTML keeps its newlines; only the ends are trimmed. */
static char *
clean_html(const struct buf *b)
{
	size_t n, start = 0;
	if (b->len == 0)
		return NULL;
	char *s = sanitize(b, UTF8_KEEP_NEWLINES | UTF8_KEEP_MARKS, &n);
	while (start < n && (s[start] == ' ' || s[start] == '\n' || s[start] == '\t'))
		start++;
	while (n > start && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	if (n == start) {
		free(s);
		return NULL;
	}
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
	return s;
}

/* FNV-1a, 64 bits: enough to tell items apart within one feed. */
static uint64_t
fnv1a(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A language tag as BCP 47 writes it: "en_US" (a POSIX locale name, common
 * in <language>) becomes "en-US". */
static char *
normal_lang(char *s)
{
	for (char *c = s; c && *c; c++) {
		if (*c == '_')
			*c = '-';
	}
	return s;
}

void
meta_emit(struct feed_parser *p)
{
	struct feed_meta m;
	char *s[MF_N];

	if (p->meta_emitted)
		return;
	p->meta_emitted = true;
	for (int i = 0; i < MF_N; i++)
		s[i] = clean_text(&p->meta[i].b);
	m.format = p->format;
	m.title = s[MF_TITLE];
	m.link = s[MF_LINK];
	m.description = s[MF_DESC];
	if (s[MF_LANG] == NULL && p->http_lang != NULL) {
		struct buf b = { p->http_lang, strlen(p->http_lang), 0, 0 };
		s[MF_LANG] = clean_text(&b);
	}
	m.language = normal_lang(s[MF_LANG]);
	if (p->sink && p->sink->on_meta)
		p->sink->on_meta(&m, p->ud);
	for (int i = 0; i < MF_N; i++)
		free(s[i]);
}

void
item_emit(struct feed_parser *p)
{
	struct item_acc *a = &p->item;
	struct feed_item it;
	char *s[IF_N];
	char *cats[256];
	size_t ncats = 0;
	struct feed_enclosure encs[64];
	size_t nencs = 0;
	char *fallback = NULL;

	if (!p->in_item)
		return;
	p->in_item = false;
	memset(&it, 0, sizeof it);
	for (int i = 0; i < IF_N; i++) {
		if (i == IF_SUMMARY || i == IF_CONTENT)
			s[i] = clean_html(&a->f[i].b);
		else
			s[i] = clean_text(&a->f[i].b);
	}
	if (s[IF_AUTHOR] == NULL && p->meta[MF_AUTHOR].prio > 0)
		s[IF_AUTHOR] = clean_text(&p->meta[MF_AUTHOR].b);
	it.title = s[IF_TITLE];
	it.link = s[IF_LINK];
	it.author = s[IF_AUTHOR];
	it.summary = s[IF_SUMMARY];
	it.content = s[IF_CONTENT];
	it.comments_feed = s[IF_COMMENTS];
	it.thumbnail = s[IF_THUMB];
	it.in_reply_to = s[IF_REPLY_TO];
	it.published = a->published;
	it.updated = a->updated;
	char *bad_date = NULL;
	if (a->bad_date != NULL && a->published == 0 && a->updated == 0) {
		struct buf b = { a->bad_date, strlen(a->bad_date), 0, 0 };
		it.date_unparsed = bad_date = clean_text(&b);
	}
	it.comments_count = a->count;
	it.id_from_document = s[IF_ID] != NULL;
	if (s[IF_ID]) {
		it.id = s[IF_ID];
	} else if (it.link) {
		it.id = it.link;
	} else {
		/* No guid and no link: a stable hash, so a reload finds the same item. */
		char date[DATE_ISO_LEN] = "";
		uint64_t h = 0xcbf29ce484222325ULL;
		if (it.title)
			h = fnv1a(h, it.title, strlen(it.title));
		h = fnv1a(h, "\n", 1);
		if (a->published || a->updated)
			date_format_iso(a->published ? a->published : a->updated, date);
		h = fnv1a(h, date, strlen(date));
		if (!it.title && !*date && it.summary)
			h = fnv1a(h, it.summary, strlen(it.summary));
		fallback = xasprintf("sha:%016" PRIx64, h);
		it.id = fallback;
	}
	for (size_t i = 0; i < a->ncats; i++) {
		struct buf b = { a->cats[i], strlen(a->cats[i]), 0, 0 };
		char *c = clean_text(&b);
		if (c)
			cats[ncats++] = c;
	}
	it.categories = (const char *const *)cats;
	it.ncategories = ncats;
	for (size_t i = 0; i < a->nencs; i++) {
		struct buf b = { (char *)a->encs[i].url, strlen(a->encs[i].url), 0, 0 };
		char *u = clean_text(&b);
		if (u == NULL)
			continue;
		encs[nencs].url = u;
		encs[nencs].type = NULL;
		if (a->encs[i].type) {
			struct buf t = { (char *)a->encs[i].type, strlen(a->encs[i].type), 0, 0 };
			encs[nencs].type = clean_text(&t);
		}
		encs[nencs].length = a->encs[i].length;
		encs[nencs].title = NULL;
		if (a->encs[i].title) {
			struct buf t = { (char *)a->encs[i].title, strlen(a->encs[i].title), 0, 0 };
			encs[nencs].title = clean_text(&t);
		}
		encs[nencs].medium = NULL;
		if (a->encs[i].medium) {
			struct buf t = { (char *)a->encs[i].medium, strlen(a->encs[i].medium), 0, 0 };
			encs[nencs].medium = clean_text(&t);
		}
		encs[nencs].duration = a->encs[i].duration;
		/* The episode's itunes:duration is its audio's or video's. */
		const char *k = encs[nencs].type != NULL ? encs[nencs].type : "";
		if (encs[nencs].duration < 0 && a->duration >= 0 &&
		    (strncmp(k, "audio/", 6) == 0 || strncmp(k, "video/", 6) == 0))
			encs[nencs].duration = a->duration;
		nencs++;
	}
	it.enclosures = encs;
	it.nenclosures = nencs;
	if (a->lang) {
		struct buf b = { a->lang, strlen(a->lang), 0, 0 };
		it.language = normal_lang(clean_text(&b));
	} else if (p->meta[MF_LANG].prio > 0) {
		it.language = normal_lang(clean_text(&p->meta[MF_LANG].b));
	} else if (p->http_lang != NULL) {
		struct buf b = { p->http_lang, strlen(p->http_lang), 0, 0 };
		it.language = normal_lang(clean_text(&b));
	}
	p->nitems++;
	if (p->sink && p->sink->on_item)
		p->sink->on_item(&it, p->ud);
	for (int i = 0; i < IF_N; i++)
		free(s[i]);
	free(fallback);
	for (size_t i = 0; i < ncats; i++)
		free(cats[i]);
	for (size_t i = 0; i < nencs; i++) {
		free((char *)encs[i].url);
		free((char *)encs[i].type);
		free((char *)encs[i].title);
		free((char *)encs[i].medium);
	}
	free((char *)it.language);
	free(bad_date);
}
