/*
 * The parser's front end: bytes arrive in chunks of any size; the first few
 * are held back until the format (JSON or XML) and the character encoding
 * are known, then every chunk is decoded to UTF-8 here and handed to the XML
 * layer, or buffered for JSON. libxml2 is always fed UTF-8 (with
 * XML_PARSE_IGNORE_ENC), so the order of trust is ours: BOM, the XML
 * declaration, the HTTP charset, then UTF-8 with a windows-1256 fallback
 * for undeclared bytes that are not UTF-8 (the usual legacy Arabic case).
 * Raw C0 controls and terminal escape sequences are dropped on the way.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed/internal.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define JSON_MAX (32u << 20)
#define SNIFF_MAX 4096
#define HTML_MAX (2u << 20)	/* of a page read only for its feed links */

const char *
feed_format_name(enum feed_format f)
{
	switch (f) {
	case FEED_FORMAT_RSS09X: return "rss0.9x";
	case FEED_FORMAT_RSS10: return "rss1.0";
	case FEED_FORMAT_RSS20: return "rss2.0";
	case FEED_FORMAT_ATOM03: return "atom0.3";
	case FEED_FORMAT_ATOM10: return "atom1.0";
	case FEED_FORMAT_JSON10: return "json1.0";
	case FEED_FORMAT_JSON11: return "json1.1";
	case FEED_FORMAT_UNKNOWN: break;
	}
	return "unknown";
}

void
feed_fail(struct feed_parser *p, long line, const char *fmt, ...)
{
	va_list ap;
	char *reason, *clean;

	if (p->error)
		return;
	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	/* Reasons quote document bytes (jansson's "near '...'", libxml2's
	 * names): they end up on stderr and in the status line, never raw. */
	clean = utf8_sanitize(reason, strlen(reason), 0, NULL);
	free(reason);
	p->error = xasprintf("line %ld: %s", line < 1 ? 1 : line, clean);
	free(clean);
}

void
feed_recovered(struct feed_parser *p, long line, const char *fmt, ...)
{
	va_list ap;
	char *reason, *clean;

	/* The earliest in the document, whatever order the notes come in
	 * (repairs run ahead of libxml2 over each chunk). */
	p->repairs++;
	if (line < 1)
		line = 1;
	if (p->recovered && line >= p->recovered_line)
		return;
	free(p->recovered);
	p->recovered_line = line;
	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	clean = utf8_sanitize(reason, strlen(reason), 0, NULL);
	free(reason);
	p->recovered = xasprintf("line %ld: %s", line, clean);
	free(clean);
}

struct feed_parser *
feed_parser_new(const char *doc_url, const char *http_charset,
    const struct feed_sink *sink, void *ud)
{
	struct feed_parser *p = xcalloc(1, sizeof *p);
	p->sink = sink;
	p->ud = ud;
	p->doc_url = xstrdup_null(doc_url);
	if (http_charset && *http_charset)
		p->http_charset = xstrdup(http_charset);
	p->cd = (iconv_t)-1;
	p->state = ST_SNIFF;
	return p;
}

void
feed_parser_set_http_language(struct feed_parser *p, const char *cl)
{
	size_t n;
	xfree(&p->http_lang);
	if (cl == NULL)
		return;
	cl += strspn(cl, " \t");
	n = strcspn(cl, ", \t;");
	if (n > 0 && n < 36)
		p->http_lang = xstrndup(cl, n);
}

static bool
is_utf8_name(const char *s)
{
	return strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0;
}

static void
decoder_setup(struct feed_parser *p, const char *charset)
{
	char *name = charset_resolve(charset);

	p->mode = IN_UTF8_OR_1256;
	if (name == NULL)
		return;	/* none, or unknown: guess as if none had been declared */
	if (is_utf8_name(name)) {
		p->mode = IN_UTF8;
	} else {
		p->cd = iconv_open("UTF-8", name);
		if (p->cd != (iconv_t)-1)
			p->mode = IN_ICONV;
	}
	free(name);
}

/* windows-1256 is a single-byte charset, so the fallback is a table built
 * once from iconv rather than an iconv call per chunk. */
static void
latch_1256(struct feed_parser *p)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1256");
	p->mode = IN_1256;
	for (int b = 0x80; b < 0x100; b++) {
		char in = (char)b, out[8];
		char *ip = &in, *op = out;
		size_t il = 1, ol = sizeof out;
		uint32_t cp = UTF8_REPLACEMENT;
		if (cd != (iconv_t)-1 && iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && op > out)
			utf8_decode(out, (size_t)(op - out), &cp);
		p->cp1256[b - 0x80] = (uint16_t)cp;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* Length of a valid UTF-8 sequence at s (0: invalid; -1: incomplete). */
static int
utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	int need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0) lo = 0xA0;
		if (c == 0xED) hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0) lo = 0x90;
		if (c == 0xF4) hi = 0x8F;
	} else
		return 0;
	for (int k = 1; k < need; k++) {
		if ((size_t)k >= avail)
			return -1;
		unsigned char b = s[k];
		if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
			return 0;
	}
	return need;
}

#define HI_BITS 0x8080808080808080ULL
#define LOW_BYTES 0x2020202020202020ULL

/* Eight bytes that are four two-byte characters of U+0600-U+06FF (leads
 * 0xD8-0xDB): the bulk of Arabic text, checked a word at a time. */
static inline bool
arabic8(const unsigned char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	memcpy(&w, s, 8);
	return (w & 0xC0FCC0FCC0FCC0FCULL) == 0x80D880D880D880D8ULL;
#else
	(void)s;
	return false;
#endif
}

/*
 * Decode bytes in the UTF-8 family of modes into p->out (appending): valid
 * UTF-8 passes, invalid bytes become U+FFFD or switch to windows-1256,
 * C0 controls other than TAB, LF, CR go, and so do escape sequences. An
 * incomplete sequence at the end is kept in p->carry unless final.
 * Returns true, appending nothing, when the output would be the input
 * byte for byte (the usual case): the caller then passes the input on
 * rather than a copy of it.
 */
static bool
filter_run(struct feed_parser *p, const unsigned char *s, size_t len, bool final)
{
	struct buf *o = &p->out;
	size_t i = 0, run = 0;

	while (i < len) {
		/* Eight plain ASCII bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if ((w & HI_BITS) || ((w - LOW_BYTES) & ~w & HI_BITS))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		/* Two-byte sequences (Arabic) in a row, the other common case. */
		if (p->mode != IN_1256) {
			while (i + 8 <= len && arabic8(s + i))
				i += 8;
			while (i + 1 < len && s[i] >= 0xC2 && s[i] <= 0xDF && (s[i + 1] & 0xC0) == 0x80)
				i += 2;
			if (i >= len)
				break;
			c = s[i];
			if (c >= 0x20 && c < 0x80) {
				i++;
				continue;
			}
		}
		if (c < 0x20) {
			if (c == '\n' || c == '\t' || c == '\r') {
				i++;
				continue;
			}
			buf_append(o, s + run, i - run);
			if (c == 0x1B) {
				/* A complete sequence goes whole, a stray ESC alone
				 * (see utf8_escape_length); undecided: wait. */
				bool more;
				size_t n = utf8_escape_length((const char *)s + i, len - i, &more);
				if (n == 0 && more && !final) {
					buf_append(&p->esc_hold, s + i, len - i);
					return false;
				}
				i += n ? n : 1;
			} else {
				i++;
			}
			run = i;
			continue;
		}
		if (p->mode == IN_1256) {
			char u[4];
			buf_append(o, s + run, i - run);
			buf_append(o, u, utf8_encode(p->cp1256[c - 0x80], u));
			run = ++i;
			continue;
		}
		int n = utf8_seq(s + i, len - i);
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		if (n < 0 && !final) {
			buf_append(o, s + run, i - run);
			p->ncarry = len - i;
			memcpy(p->carry, s + i, p->ncarry);
			return false;
		}
		if (p->mode == IN_UTF8_OR_1256) {
			latch_1256(p);
			continue;	/* this byte again, as windows-1256 */
		}
		buf_append(o, s + run, i - run);
		buf_append(o, "\xEF\xBF\xBD", 3);
		run = ++i;
	}
	if (run == 0 && o->len == 0)
		return true;
	buf_append(o, s + run, len - run);
	return false;
}

/* filter_run() over the bytes held back at an undecided escape sequence
 * and then s; the same contract. */
static bool
filter_utf8(struct feed_parser *p, const unsigned char *s, size_t len, bool final)
{
	struct buf joined = BUF_INIT;

	if (p->esc_hold.len == 0)
		return filter_run(p, s, len, final);
	buf_append(&joined, p->esc_hold.data, p->esc_hold.len);
	buf_append(&joined, s, len);
	buf_reset(&p->esc_hold);
	if (filter_run(p, (const unsigned char *)joined.data, joined.len, final))
		buf_append(&p->out, joined.data, joined.len);
	buf_free(&joined);
	return false;
}

static void
decode_iconv(struct feed_parser *p, const char *data, size_t len, bool final)
{
	char obuf[16384];
	char *ip = (char *)data;
	size_t il = len;

	buf_reset(&p->conv);
	while (il > 0) {
		char *op = obuf;
		size_t ol = sizeof obuf;
		size_t r = iconv(p->cd, &ip, &il, &op, &ol);
		buf_append(&p->conv, obuf, (size_t)(op - obuf));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof p->carry) {
			memcpy(p->carry, ip, il);
			p->ncarry = il;
			break;
		}
		/* An invalid or truncated sequence: one U+FFFD, then resync. */
		buf_append(&p->conv, "\xEF\xBF\xBD", 3);
		ip++;
		il--;
	}
	if (filter_utf8(p, (const unsigned char *)p->conv.data, p->conv.len, final))
		buf_append(&p->out, p->conv.data, p->conv.len);
}

/* Hand decoded text (s[0..n), p->out or the input itself) to libxml2,
 * minus any blank lines before the document. */
static void
pass_on(struct feed_parser *p, const char *s, size_t n, bool final)
{
	if (s == NULL)
		s = "";
	if (!p->started) {
		while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
			if (*s == '\n')
				p->skipped_lines++;
			s++;
			n--;
		}
		if (n > 0)
			p->started = true;
	}
	if (n > 0 || final)
		repair_push(p, s, n, final);
	buf_reset(&p->out);
}

static void
decode_push(struct feed_parser *p, const char *data, size_t len, bool final)
{
	struct buf joined = BUF_INIT;

	if (p->ncarry > 0) {
		/* A sequence split across chunks: glue the pieces. */
		buf_append(&joined, p->carry, p->ncarry);
		buf_append(&joined, data, len);
		p->ncarry = 0;
		data = joined.data;
		len = joined.len;
	}
	if (p->mode == IN_ICONV)
		decode_iconv(p, data, len, final);
	else if (filter_utf8(p, (const unsigned char *)data, len, final)) {
		pass_on(p, data, len, final);
		buf_free(&joined);
		return;
	}
	pass_on(p, p->out.data, p->out.len, final);
	buf_free(&joined);
}

/* The encoding="..." of an XML declaration in s[0..n), or NULL. */
static char *
decl_encoding(const char *s, size_t n)
{
	const char *e = memmem(s, n, "encoding", 8);
	if (e == NULL)
		return NULL;
	e += 8;
	const char *end = s + n;
	while (e < end && (*e == ' ' || *e == '\t' || *e == '\r' || *e == '\n'))
		e++;
	if (e >= end || *e != '=')
		return NULL;
	e++;
	while (e < end && (*e == ' ' || *e == '\t' || *e == '\r' || *e == '\n'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return NULL;
	char q = *e++;
	const char *v = e;
	while (e < end && *e != q)
		e++;
	if (e >= end || e == v || e - v > 40)
		return NULL;
	return xstrndup(v, (size_t)(e - v));
}

/* Whether s (after any BOM and blanks) is an HTML page: "<!DOCTYPE html" or
 * "<html", perhaps after an XML declaration and comments (XHTML). 1 yes,
 * 0 no, -1 cannot tell yet from these n bytes. */
static int
looks_like_html(const char *s, size_t n)
{
	static const char doctype[] = "<!doctype html", html[] = "<html";
	const char *end = s + n;
	size_t k;

	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		if (end - s >= 2 && memcmp(s, "<?", 2) == 0) {
			const char *close = memmem(s, (size_t)(end - s), "?>", 2);
			if (close == NULL)
				return -1;
			s = close + 2;
		} else if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			const char *close = memmem(s + 4, (size_t)(end - s - 4), "-->", 3);
			if (close == NULL)
				return -1;
			s = close + 3;
		} else {
			break;
		}
	}
	k = (size_t)(end - s);
	if (k == 0 || (k < 4 && strncasecmp(s, "<!--", k) == 0))
		return -1;
	if (strncasecmp(s, doctype, k < 14 ? k : 14) == 0)
		return k < 14 ? -1 : 1;
	if (strncasecmp(s, html, k < 5 ? k : 5) == 0) {
		if (k < 6)
			return -1;
		return s[5] == '>' || s[5] == ' ' || s[5] == '\n' || s[5] == '\t' || s[5] == '\r';
	}
	return 0;
}

bool
feed_looks_like_html(const char *data, size_t len)
{
	/* A UTF-8 BOM first is common on pages saved by Windows editors. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	return looks_like_html(data, len) == 1;
}

/* An HTML page where a feed was expected: fail, naming the feeds it
 * announces, so the user can pick one. */
static void
html_verdict(struct feed_parser *p)
{
	char **urls;
	size_t n = feed_discover(p->html.data ? p->html.data : "", p->html.len, p->doc_url, &urls);
	struct buf list = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_append_str(&list, ", ");
		buf_append_str(&list, urls[i]);
	}
	if (n > 0)
		feed_fail(p, 1, "not a feed (an HTML page; its feeds: %s)", buf_str(&list));
	else
		feed_fail(p, 1, "not a feed (an HTML page that names no feed)");
	buf_free(&list);
	feed_discover_free(&urls, n);
	buf_free(&p->html);
	p->state = ST_DONE;
}

/*
 * Where the document starts in s[j..n) (j is its first non-blank byte):
 * j itself when it starts as a feed or page does, else the XML declaration
 * after text a server put first (a PHP warning, "<br />" and all), else
 * the first root element we know. (size_t)-1: cannot tell yet. The search
 * stays within SNIFF_MAX bytes so that chunking cannot change the answer.
 */
static size_t
document_start(const unsigned char *s, size_t j, size_t n, bool final)
{
	static const char *const starts[] = { "<?xml", "<!", "<rss", "<feed", "<rdf:RDF",
		"<RDF", "<channel", "<html", "<HTML", "{", NULL };
	static const char *const roots[] = { "<rss", "<feed", "<rdf:RDF", "<channel", NULL };
	size_t end = n - j > SNIFF_MAX ? j + SNIFF_MAX : n, best = (size_t)-1;

	for (int k = 0; starts[k]; k++) {
		size_t m = strlen(starts[k]);
		if (n - j >= m && memcmp(s + j, starts[k], m) == 0)
			return j;
	}
	for (size_t k = j; k + 6 <= end; k++) {
		const unsigned char *d = memmem(s + k, end - k, "<?xml", 5);
		if (d == NULL || d + 6 > s + end)
			break;
		if (d[5] == ' ' || d[5] == '\t' || d[5] == '\r' || d[5] == '\n')
			return (size_t)(d - s);
		k = (size_t)(d - s);
	}
	if (!final && n < SNIFF_MAX)
		return (size_t)-1;
	for (int k = 0; roots[k]; k++) {
		const unsigned char *r = memmem(s + j, end - j, roots[k], strlen(roots[k]));
		if (r != NULL && (size_t)(r - s) < best)
			best = (size_t)(r - s);
	}
	return best == (size_t)-1 ? j : best;
}

/* Decide format and encoding from the held-back head; false: need more. */
static bool
sniff(struct feed_parser *p, bool final)
{
	const unsigned char *s = (const unsigned char *)(p->head.data ? p->head.data : "");
	size_t n = p->head.len, i = 0, j;
	const char *charset = NULL;
	char *declared = NULL;

	if (n < 4 && !final)
		return false;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		i = 3;
		charset = "UTF-8";
	} else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		i = 2;
		charset = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
	} else if (n >= 4 && s[0] == '<' && s[1] == 0 && s[2] == '?' && s[3] == 0) {
		charset = "UTF-16LE";
	} else if (n >= 4 && s[0] == 0 && s[1] == '<' && s[2] == 0 && s[3] == '?') {
		charset = "UTF-16BE";
	}
	if (charset == NULL || strcmp(charset, "UTF-8") == 0) {
		for (j = i; j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'); j++)
			;
		if (j == n) {
			if (!final)
				return false;
			feed_fail(p, 1, "empty document");
			p->state = ST_DONE;
			return true;
		}
		size_t start = document_start(s, j, n, final);
		if (start == (size_t)-1)
			return false;
		if (start > j) {
			for (size_t k = i; k < start; k++)
				p->skipped_lines += s[k] == '\n';
			feed_recovered(p, p->skipped_lines + 1, "text before the document skipped");
			i = j = start;
		}
		int html = looks_like_html((const char *)s + j, n - j);
		if (html < 0 && !final && n < SNIFF_MAX)
			return false;
		if (html > 0) {
			p->state = ST_HTML;
			buf_init(&p->html, HTML_MAX);
			buf_append(&p->html, s + i, n - i);
			return true;
		}
		if (s[j] == '{') {
			p->state = ST_JSON;
			buf_init(&p->json, JSON_MAX);
			if (!buf_append(&p->json, s + i, n - i))
				feed_fail(p, 1, "JSON feed larger than 32 MiB");
			return true;
		}
		if (n - j < 5 && !final)
			return false;
		if (n - j >= 5 && memcmp(s + j, "<?xml", 5) == 0) {
			const char *end = memmem(s + j, n - j, "?>", 2);
			if (end == NULL && !final && n < SNIFF_MAX)
				return false;
			if (end)
				declared = decl_encoding((const char *)s + j, (size_t)(end - (const char *)s - j));
		}
		/* A UTF-16 declaration in bytes that are clearly 8-bit is a lie. */
		if (declared && strncasecmp(declared, "utf-16", 6) == 0)
			xfree(&declared);
		/* A declaration we cannot use yields to the HTTP charset. */
		if (declared) {
			char *known = charset_resolve(declared);
			if (known == NULL)
				xfree(&declared);
			free(known);
		}
		if (charset == NULL)
			charset = declared ? declared : p->http_charset;
	}
	decoder_setup(p, charset);
	free(declared);
	p->state = ST_XML;
	xml_begin(p);
	decode_push(p, (const char *)s + i, n - i, false);
	return true;
}

int
feed_parser_push(struct feed_parser *p, const char *data, size_t len)
{
	if (p->error)
		return -1;
	switch (p->state) {
	case ST_SNIFF:
		buf_append(&p->head, data, len);
		if (sniff(p, false))
			buf_free(&p->head);
		if (p->state == ST_HTML && memmem(p->html.data, p->html.len, "</head>", 7) != NULL)
			html_verdict(p);
		break;
	case ST_XML:
		decode_push(p, data, len, false);
		break;
	case ST_JSON:
		if (!buf_append(&p->json, data, len))
			feed_fail(p, 1, "JSON feed larger than 32 MiB");
		break;
	case ST_HTML:
		/* The feed links are in the head: decide once it is complete
		 * (which also ends the download) or the cap is reached. */
		if (!buf_append(&p->html, data, len) ||
		    memmem(p->html.data, p->html.len, "</head>", 7) != NULL ||
		    memmem(p->html.data, p->html.len, "</HEAD>", 7) != NULL)
			html_verdict(p);
		break;
	case ST_DONE:
		break;
	}
	return p->error ? -1 : 0;
}

int
feed_parser_finish(struct feed_parser *p)
{
	if (p->finished)
		return p->error ? -1 : 0;
	p->finished = true;
	if (p->state == ST_SNIFF) {
		sniff(p, true);
		buf_free(&p->head);
	}
	if (p->state == ST_XML) {
		if (!p->error)
			decode_push(p, "", 0, true);
		xml_end(p);
	} else if (p->state == ST_JSON && !p->error) {
		json_parse(p);
	} else if (p->state == ST_HTML) {
		html_verdict(p);
	}
	p->state = ST_DONE;
	if (!p->error && p->format != FEED_FORMAT_UNKNOWN)
		meta_emit(p);
	return p->error ? -1 : 0;
}

const char *
feed_parser_error(const struct feed_parser *p)
{
	return p->error;
}

const char *
feed_parser_recovered(const struct feed_parser *p)
{
	return p->error ? NULL : p->recovered;
}

enum feed_format
feed_parser_format(const struct feed_parser *p)
{
	return p->format;
}

size_t
feed_parser_item_count(const struct feed_parser *p)
{
	return p->nitems;
}

void
feed_parser_free(struct feed_parser **pp)
{
	struct feed_parser *p = *pp;
	if (p == NULL)
		return;
	xml_end(p);
	if (p->cd != (iconv_t)-1)
		iconv_close(p->cd);
	free(p->doc_url);
	free(p->http_charset);
	free(p->http_lang);
	free(p->error);
	buf_free(&p->head);
	buf_free(&p->conv);
	buf_free(&p->out);
	buf_free(&p->esc_hold);
	buf_free(&p->rp_hold);
	buf_free(&p->rp_out);
	free(p->recovered);
	buf_free(&p->json);
	buf_free(&p->html);
	item_acc_free(&p->item);
	for (int i = 0; i < MF_N; i++)
		buf_free(&p->meta[i].b);
	free(p);
	*pp = NULL;
}
