/*
 * Small HTML helpers for feed text: escaping, tag stripping for titles,
 * entity decoding, and rewriting of relative href/src attributes. They scan
 * the markup instead of building a DOM: summaries and contents are passed
 * on byte for byte except for the attribute values that change, so HTML
 * the scanner does not understand is never damaged.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "feed/internal.h"
#include "util/url.h"
#include "util/utf8.h"

void
markup_escape(struct buf *out, const char *s, size_t len, bool attr)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep) {
			buf_append(out, s + start, i - start);
			buf_append_str(out, rep);
			start = i + 1;
		}
	}
	buf_append(out, s + start, len - start);
}

size_t
markup_entity(const char *name, size_t len, char *out)
{
	char key[33];
	const htmlEntityDesc *d;

	if (len == 0 || len >= sizeof key)
		return 0;
	memcpy(key, name, len);
	key[len] = '\0';
	if (strcmp(key, "apos") == 0) {
		out[0] = '\'';
		return 1;
	}
	d = htmlEntityLookup((const xmlChar *)key);
	if (d == NULL)
		return 0;
	return utf8_encode(d->value, out);
}

/* windows-1252 for 0x80-0x9F; 0 where it leaves the byte undefined. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

uint32_t
markup_cp1252(uint32_t v)
{
	if (v >= 0x80 && v <= 0x9F && cp1252_c1[v - 0x80] != 0)
		return cp1252_c1[v - 0x80];
	return v;
}

/* An entity reference at s[0] == '&'; its length, with the UTF-8 into out. */
static size_t
entity_at(const char *s, size_t len, char *out, size_t *outlen)
{
	size_t i = 1;
	if (i < len && s[i] == '#') {
		uint32_t v = 0;
		bool hex = false;
		size_t digits = 0;
		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = true;
			i++;
		}
		for (; i < len && digits < 8; i++, digits++) {
			int c = (unsigned char)s[i];
			if (hex && isxdigit(c))
				v = v * 16 + (uint32_t)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
			else if (!hex && isdigit(c))
				v = v * 10 + (uint32_t)(c - '0');
			else
				break;
		}
		if (digits == 0)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (v == 0)
			v = UTF8_REPLACEMENT;
		v = markup_cp1252(v);	/* &#146; is a quote, as in browsers */
		*outlen = utf8_encode(v, out);
		return i;
	}
	while (i < len && i < 33 && isalnum((unsigned char)s[i]))
		i++;
	if (i >= len || s[i] != ';')
		return 0;
	*outlen = markup_entity(s + 1, i - 1, out);
	return *outlen ? i + 1 : 0;
}

void
markup_decode_entities(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0;
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		if (amp == NULL)
			break;
		i = (size_t)(amp - s);
		char u[8];
		size_t ulen = 0, n = entity_at(s + i, len - i, u, &ulen);
		if (n == 0) {
			i++;
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_append(out, u, ulen);
		i += n;
		start = i;
	}
	buf_append(out, s + start, len - start);
}

/* Block-level tags become a space when a title is flattened, so words
 * from two paragraphs do not run together. */
static bool
is_break_tag(const char *s, size_t len)
{
	static const char *const names[] = { "br", "p", "div", "li", "tr", "td", "h1",
		"h2", "h3", "h4", "h5", "h6", "blockquote", NULL };
	size_t i = (len > 0 && s[0] == '/') ? 1 : 0, n = 0;
	while (i + n < len && isalnum((unsigned char)s[i + n]))
		n++;
	for (int k = 0; names[k]; k++) {
		if (strlen(names[k]) == n && strncasecmp(s + i, names[k], n) == 0)
			return true;
	}
	return false;
}

/* <q> or </q>: quotation marks in the text (English ones: the title's
 * language is not known here). */
static bool
is_q_tag(const char *t, size_t n)
{
	if (n > 0 && *t == '/')
		t++, n--;
	return n >= 1 && (t[0] == 'q' || t[0] == 'Q') &&
	    (n == 1 || t[1] == ' ' || t[1] == '\t' || t[1] == '\n' || t[1] == '/');
}

/* Plain text as HTML: blank lines end paragraphs, other line breaks are
 * <br> (JSON Feed content_text). */
void
markup_text_to_html(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;
	bool open = false;

	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		size_t le = e;
		if (le > i && s[le - 1] == '\r')
			le--;
		bool blank = true;
		for (size_t k = i; k < le; k++)
			if (s[k] != ' ' && s[k] != '\t')
				blank = false;
		if (blank) {
			if (open)
				buf_append_str(out, "</p>");
			open = false;
		} else {
			buf_append_str(out, open ? "<br>" : "<p>");
			open = true;
			markup_escape(out, s + i, le - i, false);
		}
		i = e < len ? e + 1 : len;
	}
	if (open)
		buf_append_str(out, "</p>");
}

void
markup_to_text(struct buf *out, const char *html, size_t len)
{
	size_t i = 0;
	struct buf text;

	buf_init(&text, 0);
	while (i < len) {
		const char *lt = memchr(html + i, '<', len - i);
		size_t end = lt ? (size_t)(lt - html) : len;
		markup_decode_entities(&text, html + i, end - i);
		if (lt == NULL)
			break;
		i = end;
		/* A '<' that cannot start a tag is text ("a < b"). */
		if (i + 1 >= len || !(isalpha((unsigned char)html[i + 1]) ||
		    html[i + 1] == '/' || html[i + 1] == '!' || html[i + 1] == '?')) {
			buf_append_char(&text, '<');
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			const char *e = memmem(html + i + 4, len - i - 4, "-->", 3);
			i = e ? (size_t)(e - html) + 3 : len;
			continue;
		}
		/* The tag ends at a '>' outside quoted attribute values
		 * (<img alt="a > b">). */
		size_t close = i + 1;
		char quote = 0;
		for (; close < len; close++) {
			char c = html[close];
			if (quote) {
				if (c == quote)
					quote = 0;
			} else if (c == '"' || c == '\'') {
				/* Only a quote that opens a value: after '='. */
				size_t b = close;
				while (b > i && (html[b - 1] == ' ' || html[b - 1] == '\t'))
					b--;
				if (b > i && html[b - 1] == '=')
					quote = c;
			} else if (c == '>') {
				break;
			}
		}
		if (is_break_tag(html + i + 1, close - i - 1))
			buf_append_char(&text, ' ');
		else if (is_q_tag(html + i + 1, close - i - 1))
			buf_append_str(&text, html[i + 1] == '/' ? "\xe2\x80\x9d" : "\xe2\x80\x9c");
		i = close < len ? close + 1 : len;
	}
	buf_append(out, text.data ? text.data : "", text.len);
	buf_free(&text);
}

static bool
is_link_attr(const char *name, size_t n)
{
	return (n == 4 && strncasecmp(name, "href", 4) == 0) ||
	    (n == 3 && strncasecmp(name, "src", 3) == 0);
}

/* Index just past the end of a raw text element (<script>, <style>). */
static size_t
skip_raw_text(const char *h, size_t len, size_t i, const char *tag, size_t taglen)
{
	while (i < len) {
		const char *lt = memchr(h + i, '<', len - i);
		if (lt == NULL)
			return len;
		i = (size_t)(lt - h);
		if (i + 2 + taglen <= len && h[i + 1] == '/' &&
		    strncasecmp(h + i + 2, tag, taglen) == 0)
			return i;
		i++;
	}
	return len;
}

void
markup_resolve_links(struct buf *out, const char *h, size_t len, const char *base)
{
	size_t i = 0, copied = 0;
	struct buf val;

	if (base == NULL || *base == '\0' || memchr(h, '=', len) == NULL) {
		buf_append(out, h, len);
		return;
	}
	buf_init(&val, 0);
	while (i < len) {
		const char *lt = memchr(h + i, '<', len - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - h) + 1;
		if (len - i >= 3 && memcmp(h + i, "!--", 3) == 0) {
			const char *e = memmem(h + i + 3, len - i - 3, "-->", 3);
			i = e ? (size_t)(e - h) + 3 : len;
			continue;
		}
		if (i >= len || !isalpha((unsigned char)h[i]))
			continue;
		size_t name = i;
		while (i < len && (isalnum((unsigned char)h[i]) || h[i] == '-' || h[i] == ':'))
			i++;
		size_t namelen = i - name;
		/* Attributes up to '>'. */
		while (i < len && h[i] != '>') {
			if (isspace((unsigned char)h[i]) || h[i] == '/') {
				i++;
				continue;
			}
			size_t an = i;
			while (i < len && !isspace((unsigned char)h[i]) && h[i] != '=' &&
			    h[i] != '>' && h[i] != '/')
				i++;
			size_t anlen = i - an;
			while (i < len && isspace((unsigned char)h[i]))
				i++;
			if (i >= len || h[i] != '=')
				continue;
			i++;
			while (i < len && isspace((unsigned char)h[i]))
				i++;
			size_t vs, ve;
			if (i < len && (h[i] == '"' || h[i] == '\'')) {
				char q = h[i];
				const char *e = memchr(h + i + 1, q, len - i - 1);
				if (e == NULL) {
					i = len;
					break;
				}
				vs = i;
				ve = (size_t)(e - h) + 1;
			} else {
				vs = i;
				while (i < len && !isspace((unsigned char)h[i]) && h[i] != '>')
					i++;
				ve = i;
			}
			i = ve;
			if (!is_link_attr(h + an, anlen) || anlen == 0)
				continue;
			size_t is = vs, ie = ve;
			if (h[vs] == '"' || h[vs] == '\'') {
				is++;
				ie--;
			}
			buf_reset(&val);
			markup_decode_entities(&val, h + is, ie - is);
			const char *v = buf_str(&val);
			if (*v == '\0' || *v == '#' || url_has_scheme(v))
				continue;
			char *abs = url_resolve(base, v);
			buf_append(out, h + copied, vs - copied);
			buf_append_char(out, '"');
			markup_escape(out, abs, strlen(abs), true);
			buf_append_char(out, '"');
			copied = ve;
			free(abs);
		}
		if (i < len)
			i++;
		if ((namelen == 6 && strncasecmp(h + name, "script", 6) == 0) ||
		    (namelen == 5 && strncasecmp(h + name, "style", 5) == 0))
			i = skip_raw_text(h, len, i, h + name, namelen);
	}
	buf_append(out, h + copied, len - copied);
	buf_free(&val);
}

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+' || c == '-') return 62;
	if (c == '/' || c == '_') return 63;
	return -1;
}

bool
base64_decode(struct buf *out, const char *s, size_t len)
{
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c))
			continue;
		if (c == '=')
			break;
		int v = b64_value(c);
		if (v < 0)
			return false;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_append_char(out, (char)((acc >> bits) & 0xFF));
		}
	}
	return true;
}
