/*
 * RFC 3986 reference resolution. A URL is split into its five components
 * (section 3) without copying, then the algorithm of section 5.2.2 builds the
 * target and remove_dot_segments (5.2.4) cleans its path.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/url.h"
#include "util/xalloc.h"

/* A component is a (pointer, length) slice of the input; p == NULL: undefined. */
struct part {
	const char *p;
	size_t n;
};

struct uri {
	struct part scheme, authority, path, query, fragment;
};

static size_t
scheme_length(const char *s, size_t len)
{
	size_t i;
	if (len == 0 || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':')
			return i;
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 0;
	}
	return 0;
}

bool
url_has_scheme(const char *s)
{
	return s != NULL && scheme_length(s, strlen(s)) > 0;
}

/* Section 3 (the regular expression of appendix B). */
static void
uri_split(const char *s, size_t len, struct uri *u)
{
	size_t i = 0, j;
	memset(u, 0, sizeof *u);
	j = scheme_length(s, len);
	if (j > 0) {
		u->scheme = (struct part){ s, j };
		i = j + 1;
	}
	if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		i += 2;
		for (j = i; j < len && s[j] != '/' && s[j] != '?' && s[j] != '#'; j++)
			;
		u->authority = (struct part){ s + i, j - i };
		i = j;
	}
	for (j = i; j < len && s[j] != '?' && s[j] != '#'; j++)
		;
	u->path = (struct part){ s + i, j - i };
	i = j;
	if (i < len && s[i] == '?') {
		for (j = i + 1; j < len && s[j] != '#'; j++)
			;
		u->query = (struct part){ s + i + 1, j - i - 1 };
		i = j;
	}
	if (i < len && s[i] == '#')
		u->fragment = (struct part){ s + i + 1, len - i - 1 };
}

/* Section 5.2.4, appending the cleaned path to out. */
static void
remove_dot_segments(const char *in, size_t len, struct buf *out)
{
	size_t start = out->len;
	size_t i = 0;

	while (i < len) {
		const char *s = in + i;
		size_t rest = len - i;
		if (rest >= 3 && memcmp(s, "../", 3) == 0) {
			i += 3;
		} else if (rest >= 2 && memcmp(s, "./", 2) == 0) {
			i += 2;
		} else if (rest >= 3 && memcmp(s, "/./", 3) == 0) {
			i += 2;
		} else if (rest == 2 && memcmp(s, "/.", 2) == 0) {
			buf_append_char(out, '/');
			i += 2;
		} else if ((rest >= 4 && memcmp(s, "/../", 4) == 0) ||
		    (rest == 3 && memcmp(s, "/..", 3) == 0)) {
			/* Drop the last output segment and its '/'. */
			size_t k = out->len;
			while (k > start && out->data[k - 1] != '/')
				k--;
			if (k > start)
				k--;
			out->len = k;
			out->data[k] = '\0';
			if (rest == 3) {
				buf_append_char(out, '/');
				i += 3;
			} else {
				i += 3;
			}
		} else if ((rest == 1 && s[0] == '.') || (rest == 2 && memcmp(s, "..", 2) == 0)) {
			i += rest;
		} else {
			size_t k = s[0] == '/' ? 1 : 0;
			while (k < rest && s[k] != '/')
				k++;
			buf_append(out, s, k);
			i += k;
		}
	}
}

static void
put(struct buf *b, struct part p)
{
	buf_append(b, p.p, p.n);
}

char *
url_resolve(const char *base, const char *ref)
{
	struct uri b, r;
	struct buf out;
	size_t rlen;

	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	rlen = strlen(ref);
	while (rlen > 0 && strchr(" \t\n\r", ref[rlen - 1]) != NULL)
		rlen--;
	if (base == NULL)
		base = "";
	uri_split(base, strlen(base), &b);
	uri_split(ref, rlen, &r);
	buf_init(&out, 0);
	buf_append(&out, "", 0);

	/* Section 5.2.2 (strict: a scheme in ref always wins). */
	struct part scheme, authority, query;
	struct buf path;
	buf_init(&path, 0);
	buf_append(&path, "", 0);
	if (r.scheme.p) {
		scheme = r.scheme;
		authority = r.authority;
		remove_dot_segments(r.path.p, r.path.n, &path);
		query = r.query;
	} else {
		scheme = b.scheme;
		if (r.authority.p) {
			authority = r.authority;
			remove_dot_segments(r.path.p, r.path.n, &path);
			query = r.query;
		} else {
			authority = b.authority;
			if (r.path.n == 0) {
				buf_append(&path, b.path.p, b.path.n);
				query = r.query.p ? r.query : b.query;
			} else {
				struct buf merged;
				buf_init(&merged, 0);
				if (r.path.p[0] == '/') {
					put(&merged, r.path);
				} else if (b.authority.p && b.path.n == 0) {
					/* Section 5.2.3: "/" + ref's path. */
					buf_append_char(&merged, '/');
					put(&merged, r.path);
				} else {
					size_t k = b.path.n;
					while (k > 0 && b.path.p[k - 1] != '/')
						k--;
					buf_append(&merged, b.path.p, k);
					put(&merged, r.path);
				}
				remove_dot_segments(merged.data ? merged.data : "", merged.len, &path);
				buf_free(&merged);
				query = r.query;
			}
		}
	}

	/* Section 5.3: recomposition. */
	if (scheme.p) {
		put(&out, scheme);
		buf_append_char(&out, ':');
	}
	if (authority.p) {
		buf_append_str(&out, "//");
		put(&out, authority);
	}
	buf_append(&out, path.data, path.len);
	if (query.p) {
		buf_append_char(&out, '?');
		put(&out, query);
	}
	if (r.fragment.p) {
		buf_append_char(&out, '#');
		put(&out, r.fragment);
	}
	buf_free(&path);
	return buf_detach(&out);
}

int
url_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
url_file_path(const char *url)
{
	static const char *const hosts[] = { "localhost", "127.0.0.1" };
	const char *p;
	struct buf b;

	if (strncasecmp(url, "file:", 5) != 0)
		return NULL;
	p = url + 5;
	if (p[0] == '/' && p[1] == '/') {
		const char *host = p + 2, *slash = strchr(host, '/');
		size_t n;

		if (slash == NULL)
			return NULL;
		n = (size_t)(slash - host);
		if (n != 0) {
			bool known = false;
			for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
				known |= n == strlen(hosts[i]) && strncasecmp(host, hosts[i], n) == 0;
			if (!known)
				return NULL;	/* file://otherhost/: curl refuses it */
		}
		p = slash;
	}
	if (p[0] != '/')
		return NULL;
	buf_init(&b, 0);
	buf_append(&b, "", 0);
	for (; *p != '\0' && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && url_hex_digit(p[1]) >= 0 && url_hex_digit(p[2]) >= 0) {
			buf_append_char(&b, (char)(url_hex_digit(p[1]) * 16 + url_hex_digit(p[2])));
			p += 2;
		} else
			buf_append_char(&b, *p);
	}
	return buf_detach(&b);
}
