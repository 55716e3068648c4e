/*
 * Cleaning and validation of untrusted market values. Every string a source
 * sends goes through utf8_sanitize; symbols and ids must already be clean
 * (a symbol with an escape sequence in it is a spoofing attempt, not a
 * typo), names are cleaned. Lengths are counted in grapheme clusters so a
 * cut never separates a letter from its marks.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "market/internal.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const char *
market_numfield_name(enum market_numfield f)
{
	switch (f) {
	case MNF_PRICE:
		return "price";
	case MNF_CAP:
		return "market cap";
	case MNF_HOLDERS:
		return "holders";
	case MNF_CHANGE:
		return "change";
	}
	return "?";
}

const char *
market_check_value(enum market_numfield f, double v)
{
	if (!isfinite(v))
		return "not a finite number";
	switch (f) {
	case MNF_PRICE:
		if (v < 0)
			return "negative";
		if (v > MARKET_MAX_PRICE_USD)
			return "absurdly large";
		break;
	case MNF_CAP:
		if (v < 0)
			return "negative";
		if (v > MARKET_MAX_CAP_USD)
			return "absurdly large";
		break;
	case MNF_HOLDERS:
		if (v < 0)
			return "negative";
		if (v > MARKET_MAX_HOLDERS)
			return "absurdly large";
		if (v != floor(v))
			return "not a whole number";
		break;
	case MNF_CHANGE:
		/* A price cannot fall by more than all of it. */
		if (v < -100)
			return "below -100%";
		if (v > MARKET_MAX_CHANGE_PCT)
			return "absurdly large";
		break;
	}
	return NULL;
}

/* Byte length of the first max_chars grapheme clusters of s. */
static size_t
cut_clusters(const char *s, size_t len, size_t max_chars)
{
	utf8proc_int32_t state = 0, prev = -1;
	size_t i = 0, clusters = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (prev == -1 || utf8proc_grapheme_break_stateful(prev,
		    (utf8proc_int32_t)cp, &state)) {
			if (clusters == max_chars)
				return i;
			clusters++;
		}
		prev = (utf8proc_int32_t)cp;
		i += n;
	}
	return len;
}

char *
market_clean_text(const char *s, size_t len, size_t max_chars, bool strict, const char **why)
{
	size_t clen;
	char *c = utf8_sanitize(s, len, 0, &clen);

	if (strict && (clen != len || memcmp(c, s, len) != 0)) {
		free(c);
		*why = "has control characters or invalid UTF-8";
		return NULL;
	}
	size_t start = 0;
	while (start < clen && c[start] == ' ')
		start++;
	while (clen > start && c[clen - 1] == ' ')
		clen--;
	if (clen == start) {
		free(c);
		*why = "empty";
		return NULL;
	}
	size_t keep = cut_clusters(c + start, clen - start, max_chars);
	while (keep > 0 && c[start + keep - 1] == ' ')
		keep--;
	char *out = xstrndup(c + start, keep);
	free(c);
	return out;
}

char *
market_clean_url(const char *s, size_t len, const char **why)
{
	if (len > 2048) {
		*why = "too long";
		return NULL;
	}
	/* A URL is opened in the browser: only web URLs, nothing to clean. */
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch <= 0x20 || ch >= 0x7F) {
			*why = "has spaces, controls or non-ASCII bytes";
			return NULL;
		}
	}
	if (!(len > 8 && strncasecmp(s, "https://", 8) == 0) &&
	    !(len > 7 && strncasecmp(s, "http://", 7) == 0)) {
		*why = "not an http(s) URL";
		return NULL;
	}
	return xstrndup(s, len);
}
