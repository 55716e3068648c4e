/*
 * Reconciling an uncertain send with the site (comments.h): after a crash,
 * a stop or a transfer cut off once the request was out, the comment may
 * be on the site although we never stored the answer. Before sending it
 * again we list the post's comments and look for it.
 *
 * The listing is GET /wp-json/wp/v2/comments?post=ID&search=SNIPPET
 * &per_page=100. WordPress lists only approved comments unless the caller
 * may moderate; a new comment is often held for moderation, so with an
 * Application Password we also ask for status=all and context=edit, which
 * gives every status and the content as stored ("raw"). A held comment
 * sent anonymously cannot be seen: then the resend is answered with 409
 * comment_duplicate (WordPress refuses the same author's same text on a
 * post twice), which comments.c counts as sent.
 *
 * WordPress stores what we sent (HTML-escaped text) and filters it on the
 * way out (paragraphs, curly quotes, dashes, smilies), so the content is
 * compared in a folded form: tags removed, entities decoded, and only
 * letters and digits kept (ASCII letters and digits, and every non-ASCII
 * character but spaces, general punctuation and invisible marks).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "comments/comments-int.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Longest search snippet, in code points; WordPress matches it with LIKE. */
#define SNIPPET_MAX 40
/* Comments listed at once: WordPress's per_page maximum. */
#define LOOKUP_PER_PAGE 100

/* The longest stretch of text free of what HTML escaping, quoting or a
 * line end would change on the site, blanks trimmed, at most SNIPPET_MAX
 * code points; "" when under 3 bytes. New string. */
static char *
snippet(const char *text)
{
	const char *best = text, *p = text;
	size_t best_len = 0;

	while (*p != '\0') {
		size_t n = 0, cps = 0;
		while (p[n] != '\0' && strchr("&<>\"'\\", p[n]) == NULL &&
		    (unsigned char)p[n] >= 0x20 && p[n] != 0x7f && cps < SNIPPET_MAX) {
			uint32_t cp;
			size_t k = utf8_decode(p + n, strlen(p + n), &cp);
			n += k > 0 ? k : 1;
			cps++;
		}
		while (n > 0 && p[0] == ' ') {
			p++;
			n--;
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > best_len) {
			best = p;
			best_len = n;
		}
		p += n > 0 ? n : 1;
	}
	if (best_len < 3)
		return xstrdup("");
	return xasprintf("%.*s", (int)best_len, best);
}

static void
percent_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf_append_char(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

char *
comments_wp_lookup_url(const char *comments_url, int64_t post_id, const char *text,
    bool authed)
{
	struct buf b = BUF_INIT;
	char *snip = snippet(text);

	buf_append_str(&b, comments_url);
	buf_printf(&b, "%cpost=%lld&per_page=%d", strchr(comments_url, '?') ? '&' : '?',
	    (long long)post_id, LOOKUP_PER_PAGE);
	if (*snip != '\0') {
		buf_append_str(&b, "&search=");
		percent_encode(&b, snip);
	}
	if (authed)
		buf_append_str(&b, "&status=all&context=edit");
	free(snip);
	return buf_detach(&b);
}

/* Whether code point cp counts in the folded form. */
static bool
word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	if (cp == 0xa0 || cp == 0xad || cp == 0xd7 || cp == 0xfeff || cp == 0xfffd ||
	    utf8_is_bidi_control(cp))
		return false;
	if (cp >= 0x2000 && cp <= 0x206f)	/* spaces, quotes, dashes, marks */
		return false;
	return true;
}

static void
fold_cp(struct buf *b, uint32_t cp)
{
	char enc[4];

	if (word_char(cp))
		buf_append(b, enc, utf8_encode(cp, enc));
}

/* The entity at s ('&'), decoded into *cp; its length, or 0 when s does
 * not start one. Unknown names decode to a space (left out of the fold). */
static size_t
entity(const char *s, uint32_t *cp)
{
	static const struct { const char *name; uint32_t cp; } names[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xa0 },
	};
	size_t n = strspn(s + 1, "#xXabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789");

	if (n == 0 || n > 32 || s[1 + n] != ';')
		return 0;
	*cp = ' ';
	if (s[1] == '#') {
		char *end;
		bool hex = s[2] == 'x' || s[2] == 'X';
		unsigned long v = strtoul(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
		if (end == s + 1 + n && v > 0 && v <= 0x10ffff)
			*cp = (uint32_t)v;
	} else {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].name) == n && strncmp(s + 1, names[i].name, n) == 0)
				*cp = names[i].cp;
	}
	return n + 2;
}

/* text folded for comparison; html: it is markup (tags are dropped and
 * entities decoded). New string. */
static char *
fold(const char *text, bool html)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(text);

	buf_append_str(&b, "");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;
		if (html && text[i] == '<') {
			const char *gt = strchr(text + i, '>');
			i = gt != NULL ? (size_t)(gt - text) + 1 : len;
			continue;
		}
		if (html && text[i] == '&' && (n = entity(text + i, &cp)) > 0) {
			fold_cp(&b, cp);
			i += n;
			continue;
		}
		n = utf8_decode(text + i, len - i, &cp);
		if (n == 0)
			n = 1;
		fold_cp(&b, cp);
		i += n;
	}
	return buf_detach(&b);
}

/* Whether listed comment c is text by name, on post_id, not before not_before. */
static bool
is_ours(json_t *c, int64_t post_id, const char *want, const char *name, time_t not_before)
{
	json_t *post = json_object_get(c, "post");
	json_t *an = json_object_get(c, "author_name");
	json_t *dg = json_object_get(c, "date_gmt");
	json_t *content = json_object_get(c, "content");
	json_t *body = NULL;
	time_t date;
	bool same;
	char *got;

	if (json_is_integer(post) && json_integer_value(post) != post_id)
		return false;
	if (name != NULL && *name != '\0' && json_is_string(an) && json_string_length(an) > 0 &&
	    strcmp(json_string_value(an), name) != 0)
		return false;
	if (not_before > 0 && json_is_string(dg) && date_parse_iso8601(json_string_value(dg),
	    &date) && date < not_before)
		return false;
	if (json_is_object(content)) {
		body = json_object_get(content, "raw");
		if (!json_is_string(body))
			body = json_object_get(content, "rendered");
	} else
		body = content;
	if (!json_is_string(body))
		return false;
	got = fold(json_string_value(body), true);
	same = *want != '\0' && strcmp(got, want) == 0;
	free(got);
	return same;
}

int64_t
comments_wp_find(const char *body, int64_t post_id, const char *text, const char *name,
    time_t not_before)
{
	json_t *root = body != NULL ? json_load_fetched(body, strlen(body), 0, NULL) : NULL;
	int64_t found = 0;
	size_t i;
	json_t *c;
	char *want;

	if (!json_is_array(root)) {
		json_decref(root);
		return -1;
	}
	want = fold(text, false);
	json_array_foreach(root, i, c) {
		json_t *id = json_object_get(c, "id");
		if (!json_is_object(c) || !json_is_integer(id) || json_integer_value(id) <= 0)
			continue;
		/* The first one that got in, when the site kept two. */
		if (is_ours(c, post_id, want, name, not_before) &&
		    (found == 0 || json_integer_value(id) < found))
			found = (int64_t)json_integer_value(id);
	}
	free(want);
	json_decref(root);
	return found;
}
