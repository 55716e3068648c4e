/*
 * The composer's text model (see compose.h). The text is at most a few
 * kilobytes, so every edit simply rebuilds the list of cluster boundaries
 * from the start: no incremental segmentation to get wrong. Edits are
 * checked on a candidate copy first, so a refused insert changes nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "compose/compose.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct compose {
	struct buf text;
	size_t cursor;
	size_t limit;
	enum compose_unit unit;
	size_t *bounds;		/* cluster boundaries: 0, ..., text.len */
	size_t nbounds;
};

/* Boundaries of text[0..len) into *out (0 and len included); returns count. */
static size_t
cluster_bounds(const char *text, size_t len, size_t **out)
{
	size_t n = 0, alloc = 16, off = 0;
	size_t *b = xreallocarray(NULL, alloc, sizeof *b);
	utf8proc_int32_t state = 0;
	uint32_t prev = 0;

	b[n++] = 0;
	while (off < len) {
		uint32_t cp;
		size_t k = utf8_decode(text + off, len - off, &cp);
		if (off > 0 && utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev,
		    (utf8proc_int32_t)cp, &state)) {
			if (n == alloc)
				b = xreallocarray(b, alloc *= 2, sizeof *b);
			b[n++] = off;
		}
		prev = cp;
		off += k;
	}
	if (len > 0) {
		if (n == alloc)
			b = xreallocarray(b, alloc + 1, sizeof *b);
		b[n++] = len;
	}
	*out = b;
	return n;
}

size_t
compose_count(const char *text, size_t len, enum compose_unit unit)
{
	size_t n = 0, off = 0;
	size_t *b;

	if (unit == COMPOSE_CLUSTERS) {
		n = cluster_bounds(text, len, &b) - 1;
		free(b);
		return n;
	}
	while (off < len) {
		uint32_t cp;
		off += utf8_decode(text + off, len - off, &cp);
		n += (unit == COMPOSE_UTF16 && cp > 0xFFFF) ? 2 : 1;
	}
	return n;
}

static const char *const unit_names[] = { "clusters", "codepoints", "utf16" };

int
compose_unit_from_name(const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < 3; i++)
		if (strcasecmp(name, unit_names[i]) == 0)
			return i;
	if (strcasecmp(name, "graphemes") == 0 || strcasecmp(name, "characters") == 0)
		return COMPOSE_CLUSTERS;
	if (strcasecmp(name, "utf-16") == 0)
		return COMPOSE_UTF16;
	return -1;
}

const char *
compose_unit_name(enum compose_unit unit)
{
	return (unsigned)unit < 3 ? unit_names[unit] : "clusters";
}

static void
rebound(struct compose *c)
{
	free(c->bounds);
	c->nbounds = cluster_bounds(buf_str(&c->text), c->text.len, &c->bounds);
}

/* Index of the last boundary <= off. */
static size_t
bound_at_or_before(const struct compose *c, size_t off)
{
	size_t lo = 0, hi = c->nbounds - 1;

	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		if (c->bounds[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Index of the first boundary >= off. */
static size_t
bound_at_or_after(const struct compose *c, size_t off)
{
	size_t i = bound_at_or_before(c, off);

	if (c->bounds[i] < off && i + 1 < c->nbounds)
		i++;
	return i;
}

struct compose *
compose_new(size_t limit, enum compose_unit unit)
{
	struct compose *c = xcalloc(1, sizeof *c);

	buf_init(&c->text, 0);
	buf_append(&c->text, "", 0);
	c->limit = limit;
	c->unit = (unsigned)unit < 3 ? unit : COMPOSE_CLUSTERS;
	rebound(c);
	return c;
}

void
compose_free(struct compose **cp)
{
	struct compose *c = *cp;

	if (c == NULL)
		return;
	buf_free(&c->text);
	free(c->bounds);
	xfree(cp);
}

/* Sanitize input to the text's invariant (compose.h). */
static char *
clean_input(const char *text, size_t len, size_t *out_len)
{
	char *s = utf8_sanitize(text, len, UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI, out_len);

	for (size_t i = 0; i < *out_len; i++)
		if (s[i] == '\t')
			s[i] = ' ';
	return s;
}

const char *
compose_text(const struct compose *c, size_t *len)
{
	if (len != NULL)
		*len = c->text.len;
	return buf_str(&c->text);
}

bool
compose_empty(const struct compose *c)
{
	return c->text.len == 0;
}

size_t
compose_length(const struct compose *c)
{
	if (c->unit == COMPOSE_CLUSTERS)
		return c->nbounds - 1;
	return compose_count(buf_str(&c->text), c->text.len, c->unit);
}

size_t
compose_limit(const struct compose *c)
{
	return c->limit;
}

enum compose_unit
compose_get_unit(const struct compose *c)
{
	return c->unit;
}

bool
compose_near_limit(const struct compose *c)
{
	return c->limit > 0 && compose_length(c) * 10 >= c->limit * 9;
}

bool
compose_over_limit(const struct compose *c)
{
	return c->limit > 0 && compose_length(c) > c->limit;
}

int
compose_set_text(struct compose *c, const char *text, size_t len)
{
	size_t n;
	char *s = clean_input(text != NULL ? text : "", text != NULL ? len : 0, &n);

	buf_reset(&c->text);
	buf_append(&c->text, s, n);
	free(s);
	c->cursor = c->text.len;
	rebound(c);
	return compose_over_limit(c) ? COMPOSE_TOO_LONG : COMPOSE_OK;
}

int
compose_insert(struct compose *c, const char *text, size_t len)
{
	struct buf cand = BUF_INIT;
	size_t n, at = c->cursor;
	char *s = clean_input(text, len, &n);

	if (n == 0) {
		free(s);
		return COMPOSE_OK;
	}
	buf_append(&cand, c->text.data, at);
	buf_append(&cand, s, n);
	buf_append(&cand, c->text.data + at, c->text.len - at);
	free(s);
	/* Taken even past the limit, as a web comment box does: the user trims
	 * it; only sending refuses it. */
	buf_free(&c->text);
	c->text = cand;
	rebound(c);
	/* The insert may have merged with the cluster after it (a letter
	 * before an orphan mark, a flag half): land after the merged one. */
	c->cursor = c->bounds[bound_at_or_after(c, at + n)];
	return compose_over_limit(c) ? COMPOSE_TOO_LONG : COMPOSE_OK;
}

int
compose_newline(struct compose *c)
{
	return compose_insert(c, "\n", 1);
}

size_t
compose_cursor(const struct compose *c)
{
	return c->cursor;
}

void
compose_set_cursor(struct compose *c, size_t off)
{
	c->cursor = c->bounds[bound_at_or_before(c, off)];
}

void
compose_line_bounds(const struct compose *c, size_t off, size_t *start, size_t *end)
{
	const char *t = buf_str(&c->text);
	size_t s = off > c->text.len ? c->text.len : off, e = s;

	while (s > 0 && t[s - 1] != '\n')
		s--;
	while (e < c->text.len && t[e] != '\n')
		e++;
	if (start != NULL)
		*start = s;
	if (end != NULL)
		*end = e;
}

bool
compose_move(struct compose *c, int dir)
{
	size_t i = bound_at_or_before(c, c->cursor);

	if (dir < 0 && i > 0)
		c->cursor = c->bounds[i - 1];
	else if (dir > 0 && i + 1 < c->nbounds)
		c->cursor = c->bounds[i + 1];
	else
		return false;
	return true;
}

void
compose_home(struct compose *c)
{
	compose_line_bounds(c, c->cursor, &c->cursor, NULL);
}

void
compose_end(struct compose *c)
{
	compose_line_bounds(c, c->cursor, NULL, &c->cursor);
}

/* Remove text[from..to) and leave the cursor at from (on a boundary). */
static void
cut(struct compose *c, size_t from, size_t to)
{
	memmove(c->text.data + from, c->text.data + to, c->text.len - to + 1);
	c->text.len -= to - from;
	rebound(c);
	/* Removing a cluster can join its neighbours (Hangul jamo, flag
	 * halves): keep the cursor on a boundary, before the joined cluster. */
	c->cursor = c->bounds[bound_at_or_before(c, from)];
}

bool
compose_backspace(struct compose *c)
{
	size_t i = bound_at_or_before(c, c->cursor);

	if (i == 0)
		return false;
	cut(c, c->bounds[i - 1], c->bounds[i]);
	return true;
}

bool
compose_delete(struct compose *c)
{
	size_t i = bound_at_or_before(c, c->cursor);

	if (i + 1 >= c->nbounds)
		return false;
	cut(c, c->bounds[i], c->bounds[i + 1]);
	return true;
}

/* The cluster before boundary i is a space (or tab, though none remain). */
static bool
space_before(const struct compose *c, size_t i)
{
	size_t len = c->bounds[i] - c->bounds[i - 1];
	char ch = c->text.data[c->bounds[i - 1]];

	return len == 1 && (ch == ' ' || ch == '\t');
}

static bool
newline_before(const struct compose *c, size_t i)
{
	return c->bounds[i] - c->bounds[i - 1] == 1 && c->text.data[c->bounds[i - 1]] == '\n';
}

bool
compose_delete_word(struct compose *c)
{
	size_t end = bound_at_or_before(c, c->cursor), i = end;

	if (i == 0)
		return false;
	if (newline_before(c, i)) {
		cut(c, c->bounds[i - 1], c->bounds[i]);
		return true;
	}
	while (i > 0 && space_before(c, i))
		i--;
	while (i > 0 && !space_before(c, i) && !newline_before(c, i))
		i--;
	cut(c, c->bounds[i], c->bounds[end]);
	return true;
}

/*
 * Visual movement. The slots the cursor can take on a line, left to right:
 * each cell (the cursor on a cell means before that cluster in logical
 * order), plus, on the last line of the logical line, the end slot after
 * the last character, right of the cells in LTR and left of them in RTL.
 */
bool
compose_move_visual(struct compose *c, int dir, const struct text_line *line)
{
	size_t ls, le, cur, nslots = 0, at = (size_t)-1;
	size_t *slot;
	bool has_end;

	if (line == NULL || dir == 0)
		return false;
	compose_line_bounds(c, c->cursor, &ls, &le);
	cur = c->cursor - ls;
	has_end = line->log_end >= le - ls;
	slot = xreallocarray(NULL, line->ncells + 1, sizeof *slot);
	if (has_end && line->rtl)
		slot[nslots++] = le - ls;
	for (size_t k = 0; k < line->ncells; k++) {
		const struct text_cell *cell = &line->cells[k];
		if (cell->log_len == 0)
			continue;
		if (cell->log_off <= cur && cur < cell->log_off + cell->log_len)
			at = nslots;
		slot[nslots++] = cell->log_off;
	}
	if (has_end && !line->rtl)
		slot[nslots++] = le - ls;
	if (at == (size_t)-1 && has_end && cur >= le - ls)
		at = line->rtl ? 0 : nslots - 1;
	if (at == (size_t)-1) {
		/* No cell of its own (a hanging space at a wrap): the cursor shows
		 * on the next cluster in logical order, as text_line_col_of says. */
		size_t best = (size_t)-1;
		for (size_t k = 0; k < nslots; k++)
			if (slot[k] > cur && (best == (size_t)-1 || slot[k] < slot[best]))
				best = k;
		if (best == (size_t)-1) {
			free(slot);
			return false;
		}
		at = best;
	}
	if ((dir < 0 && at == 0) || (dir > 0 && at + 1 >= nslots)) {
		free(slot);
		return false;
	}
	at = dir < 0 ? at - 1 : at + 1;
	compose_set_cursor(c, ls + slot[at]);
	free(slot);
	return true;
}

size_t
compose_limit_offset(const struct compose *c)
{
	size_t lo = 0, hi = c->nbounds - 1;

	if (!compose_over_limit(c))
		return c->text.len;
	/* The last cluster boundary whose prefix is within the limit; counts
	 * only grow with the prefix. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (compose_count(c->text.data, c->bounds[mid], c->unit) <= c->limit)
			lo = mid;
		else
			hi = mid - 1;
	}
	return c->bounds[lo];
}
