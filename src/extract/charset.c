/*
 * Decoding a page to UTF-8. The order of evidence follows the HTML
 * standard's sniffing, simplified: a byte order mark, the HTTP charset, a
 * <meta> charset near the top, else UTF-8. Pages that declare nothing and
 * are not valid UTF-8 are most often old Arabic sites, hence windows-1256
 * as the fallback (the feed parser does the same).
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define SNIFF_BYTES 8192

bool
extract_meta_charset(const char *data, size_t len, char *name, size_t cap)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	size_t i = 0;

	while (i + 5 < n) {
		const char *tag, *end, *cs;
		size_t j, k;

		if (data[i] != '<' || strncasecmp(data + i + 1, "meta", 4) != 0) {
			i++;
			continue;
		}
		tag = data + i;
		end = memchr(tag, '>', n - i);
		if (end == NULL)
			return false;
		/* "charset" anywhere in the tag: the attribute or inside content. */
		cs = NULL;
		for (j = 0; tag + j + 7 <= end; j++) {
			if (strncasecmp(tag + j, "charset", 7) == 0) {
				cs = tag + j + 7;
				break;
			}
		}
		i = (size_t)(end - data) + 1;
		if (cs == NULL)
			continue;
		while (cs < end && (*cs == ' ' || *cs == '\t' || *cs == '\n' || *cs == '\r'))
			cs++;
		if (cs >= end || *cs != '=')
			continue;
		cs++;
		while (cs < end && strchr(" \t\r\n\"'", *cs) != NULL)
			cs++;
		for (k = 0; cs + k < end && k + 1 < cap; k++) {
			char c = cs[k];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
			    c == ':'))
				break;
			name[k] = c;
		}
		if (k == 0)
			continue;
		name[k] = '\0';
		return true;
	}
	return false;
}

static bool
is_utf8_name(const char *s)
{
	return strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0 ||
	    strcasecmp(s, "unicode-1-1-utf-8") == 0;
}

/* Labels the HTML standard maps to windows-1252, which iconv reads strictly. */
static const char *
iconv_name(const char *s)
{
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii",
		"iso_8859-1", "cp819", "ibm819",
	};
	for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
		if (strcasecmp(s, latin1[i]) == 0)
			return "WINDOWS-1252";
	return s;
}

/* Convert with iconv; undecodable bytes become U+FFFD. NULL: unknown charset. */
static char *
convert(const char *data, size_t len, const char *charset, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name(charset));
	struct buf out = BUF_INIT;
	char chunk[4096];
	char *ip = (char *)data;
	size_t il = len;

	if (cd == (iconv_t)-1)
		return NULL;
	while (il > 0) {
		char *op = chunk;
		size_t ol = sizeof chunk;
		size_t r = iconv(cd, &ip, &il, &op, &ol);

		buf_append(&out, chunk, (size_t)(op - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			/* EILSEQ or a truncated sequence at the end: skip a byte. */
			buf_append_str(&out, "\xEF\xBF\xBD");
			ip++;
			il--;
		}
	}
	iconv_close(cd);
	*out_len = out.len;
	return buf_detach(&out);
}

static bool
has_non_ascii(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)data[i] >= 0x80)
			return true;
	return false;
}

char *
extract_to_utf8(const char *data, size_t len, const char *http_charset,
    size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *charset = NULL;
	char meta[64];
	char *conv = NULL, *clean;
	size_t conv_len = 0;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		data += 3;
		len -= 3;
		charset = "UTF-8";
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		charset = "UTF-16LE";
		data += 2;
		len -= 2;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		charset = "UTF-16BE";
		data += 2;
		len -= 2;
	} else if (http_charset != NULL && *http_charset != '\0') {
		charset = http_charset;
	} else if (extract_meta_charset(data, len, meta, sizeof meta)) {
		charset = meta;
		/* A <meta> that names a legacy charset over bytes that are
		 * valid UTF-8 with non-ASCII in them is wrong (a template
		 * copied from an old site): such bytes are almost never
		 * meant as windows-125x. */
		if (!is_utf8_name(meta) && has_non_ascii(data, len) && utf8_valid(data, len))
			charset = "UTF-8";
	}

	if (charset != NULL && !is_utf8_name(charset))
		conv = convert(data, len, charset, &conv_len);
	else if (charset == NULL && !utf8_valid(data, len))
		conv = convert(data, len, "WINDOWS-1256", &conv_len);
	/* Also for a converted page: drops NULs and controls libxml2 dislikes. */
	if (conv != NULL) {
		clean = utf8_sanitize(conv, conv_len, UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI,
		    out_len);
		free(conv);
	} else {
		clean = utf8_sanitize(data, len, UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI,
		    out_len);
	}
	return clean;
}
