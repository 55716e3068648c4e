/* Search result snippets; see snippet.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "snippet.h"

#define ELLIPSIS "\xe2\x80\xa6"
#define MAX_HITS 32

/* Byte offset of the character `back` characters before at, moved forward
 * to just after a space when one is near, so a word is not cut. */
static size_t
cut_start(const char *s, size_t at, size_t back)
{
	size_t i = at;

	for (size_t k = 0; k < back && i > 0; k++) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
	}
	if (i == 0)
		return 0;
	for (size_t j = i; j < at; j++)
		if (s[j] == ' ' || s[j] == '\n')
			return j + 1;
	return i;
}

/* Byte offset `fwd` characters after from (at most len), moved back to a
 * space when one is in the last third. */
static size_t
cut_end(const char *s, size_t len, size_t from, size_t fwd)
{
	size_t i = from;

	for (size_t k = 0; k < fwd && i < len; k++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	if (i >= len)
		return len;
	for (size_t j = i; j > from + (i - from) * 2 / 3; j--)
		if (s[j] == ' ' || s[j] == '\n')
			return j;
	return i;
}

void
snippet_make(const char *query, const char *const *texts, size_t n, size_t room,
    struct snippet *out)
{
	struct store_range hit[MAX_HITS];
	const char *t = NULL;
	size_t nh = 0, len = 0, a, b;
	struct buf o = BUF_INIT;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n && nh == 0; i++) {
		if (texts[i] == NULL || texts[i][0] == '\0')
			continue;
		nh = store_search_find(query, texts[i], strlen(texts[i]), hit, MAX_HITS);
		if (nh > 0 || t == NULL) {
			t = texts[i];
			len = strlen(t);
		}
	}
	if (t == NULL) {
		out->text = xstrdup("");
		return;
	}
	if (room < 8)
		room = 8;
	a = nh > 0 ? cut_start(t, hit[0].start, room / 4) : 0;
	b = cut_end(t, len, a, room);
	buf_append(&o, "", 0);
	if (a > 0)
		buf_append_str(&o, ELLIPSIS);
	size_t base = o.len;
	buf_append(&o, t + a, b - a);
	if (b < len)
		buf_append_str(&o, ELLIPSIS);
	/* One paragraph on one line: line breaks become spaces. */
	for (size_t i = 0; i < o.len; i++)
		if (o.data[i] == '\n' || o.data[i] == '\r' || o.data[i] == '\t')
			o.data[i] = ' ';
	out->spans = nh ? xreallocarray(NULL, nh, sizeof *out->spans) : NULL;
	for (size_t i = 0; i < nh; i++) {
		if (hit[i].start < a || hit[i].end > b)
			continue;
		out->spans[out->nspans++] = (struct text_span){
			.start = base + hit[i].start - a, .end = base + hit[i].end - a,
			.attr = TEXT_ATTR_MATCH,
		};
	}
	out->text = buf_detach(&o);
}

void
snippet_clear(struct snippet *s)
{
	free(s->text);
	free(s->spans);
	memset(s, 0, sizeof *s);
}
