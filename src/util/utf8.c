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

/* A bidi control the flags let through. */
static bool
bidi_kept(uint32_t cp, int flags)
{
	if (flags & UTF8_KEEP_BIDI)
		return true;
	return (flags & UTF8_KEEP_MARKS) && !(cp >= 0x202A && cp <= 0x202E);
}

/*
 * Escape sequences are removed whole only when they are complete within a
 * small bound; anything else loses just its ESC, so a stray ESC can never
 * swallow the text after it (ECMA-48 section 5.3 for the shapes).
 */
#define ESC_CSI_MAX 64		/* bytes of a CSI's parameters and intermediates */
#define ESC_STRING_MAX 4096	/* bytes of an OSC/DCS/SOS/PM/APC string */

size_t
utf8_escape_length(const char *str, size_t len, bool *more)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = 1;

	*more = false;
	if (len == 0 || s[0] != 0x1B)
		return 0;
	if (j >= len) {
		*more = true;
		return 0;
	}
	if (s[j] == '[') {
		/* CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E. */
		for (j++; j < len && j <= ESC_CSI_MAX; j++) {
			if (s[j] >= 0x40 && s[j] <= 0x7E)
				return j + 1;
			if (s[j] < 0x20 || s[j] > 0x3F)
				return 0;
		}
		*more = j >= len;
		return 0;
	}
	if (s[j] == ']' || s[j] == 'P' || s[j] == 'X' || s[j] == '^' || s[j] == '_') {
		/* A control string: plain bytes up to BEL, ESC \ or ST (U+009C).
		 * One holding markup or another control is text, not a sequence. */
		for (j++; j < len && j <= ESC_STRING_MAX; j++) {
			if (s[j] == 0x07)
				return j + 1;
			if (s[j] == 0x1B) {
				if (j + 1 >= len) {
					*more = true;
					return 0;
				}
				return s[j + 1] == '\\' ? j + 2 : 0;
			}
			if (s[j] == 0xC2 && j + 1 < len && s[j + 1] == 0x9C)
				return j + 2;
			if (s[j] == 0xC2 && j + 1 >= len) {
				*more = true;
				return 0;
			}
			if (s[j] < 0x20 || s[j] == 0x7F || s[j] == '<')
				return 0;
		}
		*more = j >= len;
		return 0;
	}
	/* nF (charset designations such as ESC ( B): one to three
	 * intermediates 0x21-0x2F, then a final 0x30-0x7E. A single byte after
	 * ESC (ESC 7, ESC c) is more likely text than a sequence: only the ESC
	 * goes, which is all the terminal's safety needs. */
	for (; j < len && j <= 3 && s[j] >= 0x21 && s[j] <= 0x2F; j++)
		;
	if (j == 1)
		return 0;
	if (j >= len) {
		*more = true;
		return 0;
	}
	if (s[j] >= 0x30 && s[j] <= 0x7E)
		return j + 1;
	return 0;
}

/* The length of a C1 CSI (U+009B, two bytes) at s with at least one
 * parameter byte, as in "\u009b31m"; 0 when not one. Without parameters it
 * is more likely mojibake ("\u00c5\u009b" is a mis-decoded s-acute), and
 * only the U+009B goes. */
static size_t
c1_csi_length(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = 2;
	for (; j < len && j <= ESC_CSI_MAX && s[j] >= 0x30 && s[j] <= 0x3F; j++)
		;
	if (j == 2)
		return 0;
	for (; j < len && j <= ESC_CSI_MAX && s[j] >= 0x20 && s[j] <= 0x2F; j++)
		;
	return j < len && s[j] >= 0x40 && s[j] <= 0x7E ? j + 1 : 0;
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
		    (!utf8_is_bidi_control(cp) || bidi_kept(cp, flags))) {
			i += n;
			continue;
		}
		if ((cp == '\n' || cp == '\t') && (flags & UTF8_KEEP_NEWLINES)) {
			i++;
			continue;
		}
		/* Something to change: append what was kept so far. */
		buf_append(&b, s + run, i - run);
		if (cp == 0x1B) {
			/* A complete sequence goes whole, a stray ESC alone. */
			bool more;
			esc = utf8_escape_length(s + i, len - i, &more);
			i += esc ? esc : 1;
		} else if (cp == 0x9B && (esc = c1_csi_length(s + i, len - i)) > 0) {
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
		    (utf8_is_bidi_control(cp) && !bidi_kept(cp, flags))) {
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
