/* UTF-8 decoding and sanitizing of untrusted text (see utf8.h). */
#include "config.h"

#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (len < n) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1 &&
		    !(len - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return false;
		i += n;
	}
	return true;
}

bool
utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Length in bytes of the escape sequence starting at s[i] (ESC or a C1
 * introducer already decoded as cp, n bytes long); 0 when not one. */
static size_t
escape_length(const char *s, size_t len, size_t i, uint32_t cp, size_t n)
{
	size_t j = i + n;
	enum { NONE, CSI, STRING } kind = NONE;

	if (cp == 0x1B) {
		if (j >= len)
			return n;
		unsigned char c = (unsigned char)s[j];
		if (c == '[') {
			kind = CSI; j++;
		} else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
			kind = STRING; j++;
		} else {
			/* ESC, intermediates 0x20-0x2F, then one final byte. */
			while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] <= 0x2F)
				j++;
			if (j < len && (unsigned char)s[j] >= 0x30 && (unsigned char)s[j] <= 0x7E)
				j++;
			return j - i;
		}
	} else if (cp == 0x9B) {
		kind = CSI;
	} else if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
		kind = STRING;
	} else {
		return 0;
	}
	if (kind == CSI) {
		/* Parameters and intermediates, then a final byte 0x40-0x7E. */
		while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] <= 0x3F)
			j++;
		while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] <= 0x2F)
			j++;
		if (j < len && (unsigned char)s[j] >= 0x40 && (unsigned char)s[j] <= 0x7E)
			j++;
		return j - i;
	}
	/* String: up to BEL, ESC \ or ST (U+009C); an unterminated one eats the rest. */
	while (j < len) {
		unsigned char c = (unsigned char)s[j];
		if (c == 0x07)
			return j + 1 - i;
		if (c == 0x1B)
			return (j + 1 < len && s[j + 1] == '\\') ? j + 2 - i : j + 1 - i;
		if (c == 0xC2 && j + 1 < len && (unsigned char)s[j + 1] == 0x9C)
			return j + 2 - i;
		j++;
	}
	return len - i;
}

char *
utf8_sanitize(const char *s, size_t len, int flags, size_t *out_len)
{
	struct buf b;
	size_t i = 0, run = 0;	/* s[run, i) is kept as it is, not yet appended */

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n, esc;
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (c >= 0x80 && cp > 0x9F && cp != 0xFEFF &&
		    !(cp == UTF8_REPLACEMENT && n == 1) &&
		    ((flags & UTF8_KEEP_BIDI) || !utf8_is_bidi_control(cp))) {
			i += n;
			continue;
		}
		if ((cp == '\n' || cp == '\t') && (flags & UTF8_KEEP_NEWLINES)) {
			i++;
			continue;
		}
		/* Something to change: append what was kept so far. */
		buf_append(&b, s + run, i - run);
		esc = escape_length(s, len, i, cp, n);
		if (esc) {
			i += esc;
		} else if (cp == '\r') {
			if (flags & UTF8_KEEP_NEWLINES)
				buf_append_char(&b, '\n');
			else
				buf_append_char(&b, ' ');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (cp == '\n' || cp == '\t') {
			buf_append_char(&b, ' ');
			i += n;
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFEFF ||
		    (!(flags & UTF8_KEEP_BIDI) && utf8_is_bidi_control(cp))) {
			i += n;
		} else {
			/* An invalid byte. */
			buf_append(&b, "\xEF\xBF\xBD", 3);
			i += n;
		}
		run = i;
	}
	buf_append(&b, s + run, i - run);
	if (out_len)
		*out_len = b.len;
	return buf_detach(&b);
}
