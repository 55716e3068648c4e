/*
 * libFuzzer target for the comment composer's editing model
 * (src/compose): the input is a program of edits. Byte 0 picks the limit
 * and the counting unit; then each byte is an operation (its low nibble)
 * with operands from the bytes after it: raw bytes typed or pasted (any
 * bytes: controls, ESC sequences, broken UTF-8), pieces of Arabic with
 * harakat, combining marks, ZWJ emoji and flag halves, long pastes past the
 * 400 limit, Backspace, Delete, Ctrl-W, cursor moves by cluster, line, row
 * and screen cell, a cursor put anywhere. After every step the promises of
 * compose.h must hold, checked against a boundary computation of our own:
 * the text is valid UTF-8 with no control but \n (no tab, no BOM), the
 * cursor is on a grapheme cluster boundary, the length is the text's count
 * in the unit, the limit offset is the longest prefix within the limit,
 * and each edit changed exactly what it says (an insert of clean text puts
 * it at the cursor, Backspace removes the cluster before it, ...).
 */
#include "config.h"

#include <utf8proc.h>

#include "compose/compose.h"
#include "compose/geometry.h"
#include "text/text.h"

#include "fuzz.h"

/* Cluster boundaries of t[0..n): 0, every UAX #29 break, n. */
static size_t
bounds_of(const char *t, size_t n, size_t *b)
{
	utf8proc_int32_t state = 0, prev = -1, cp;
	size_t k = 0, off = 0;

	b[k++] = 0;
	while (off < n) {
		utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t + off,
		    (utf8proc_ssize_t)(n - off), &cp);
		if (r <= 0)
			fuzz_fail("invalid UTF-8 at %zu", off);
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
			b[k++] = off;
		prev = cp;
		off += (size_t)r;
	}
	if (n > 0)
		b[k++] = n;
	return k;
}

static bool
is_bound(const size_t *b, size_t nb, size_t off)
{
	for (size_t i = 0; i < nb; i++)
		if (b[i] == off)
			return true;
	return false;
}

struct snap {
	char *t;
	size_t len, cur;
	size_t *b, nb;
};

static void
snap_take(struct snap *s, const struct compose *c)
{
	const char *t = compose_text(c, &s->len);

	s->t = fuzz_strndup((const uint8_t *)t, s->len);
	s->cur = compose_cursor(c);
	s->b = malloc((s->len + 2) * sizeof *s->b);
	if (s->b == NULL)
		abort();
	s->nb = bounds_of(s->t, s->len, s->b);
}

static void
snap_free(struct snap *s)
{
	free(s->t);
	free(s->b);
}

/* Every promise of compose.h about the state, after any step. */
static void
check_state(const struct compose *c, struct snap *now)
{
	size_t len, lim = compose_limit(c), cnt;
	const char *t = compose_text(c, &len);
	enum compose_unit u = compose_get_unit(c);

	if (t == NULL || strlen(t) != len)
		fuzz_fail("text length %zu, strlen %zu", len, t ? strlen(t) : 0);
	fuzz_check_clean(t, true, "composer text");
	if (memchr(t, '\t', len) != NULL)
		fuzz_fail("a tab in the text");
	for (size_t i = 0; i + 2 < len; i++)
		if ((unsigned char)t[i] == 0xef && (unsigned char)t[i + 1] == 0xbb &&
		    (unsigned char)t[i + 2] == 0xbf)
			fuzz_fail("U+FEFF in the text at %zu", i);
	snap_take(now, c);
	if (now->cur > len || !is_bound(now->b, now->nb, now->cur))
		fuzz_fail("cursor %zu not on a cluster boundary of \"%s\"", now->cur, t);
	cnt = compose_count(t, len, u);
	if (compose_length(c) != cnt)
		fuzz_fail("length %zu, count %zu", compose_length(c), cnt);
	if (u == COMPOSE_CLUSTERS && cnt != now->nb - 1)
		fuzz_fail("%zu clusters counted, %zu found", cnt, now->nb - 1);
	if (compose_empty(c) != (len == 0))
		fuzz_fail("compose_empty wrong");
	if (compose_over_limit(c) != (lim > 0 && cnt > lim))
		fuzz_fail("over_limit %d with %zu of %zu", compose_over_limit(c), cnt, lim);
	if (compose_over_limit(c) && !compose_near_limit(c))
		fuzz_fail("over the limit but not near it");
	size_t lo = compose_limit_offset(c);
	if (lo > len || !is_bound(now->b, now->nb, lo))
		fuzz_fail("limit offset %zu not a boundary", lo);
	if (!compose_over_limit(c) && lo != len)
		fuzz_fail("not over, limit offset %zu of %zu", lo, len);
	if (compose_over_limit(c)) {
		/* The counter part within the limit never exceeds it, and one
		 * more cluster would. */
		if (compose_count(t, lo, u) > lim)
			fuzz_fail("prefix to the limit offset counts %zu > %zu",
			    compose_count(t, lo, u), lim);
		for (size_t i = 0; i + 1 < now->nb; i++)
			if (now->b[i] == lo) {
				if (compose_count(t, now->b[i + 1], u) <= lim)
					fuzz_fail("limit offset %zu is not the longest prefix", lo);
				break;
			}
	}
	size_t ls, le;
	compose_line_bounds(c, now->cur, &ls, &le);
	if (ls > now->cur || le < now->cur || le > len ||
	    memchr(t + ls, '\n', le - ls) != NULL || (ls > 0 && t[ls - 1] != '\n') ||
	    (le < len && t[le] != '\n'))
		fuzz_fail("line bounds %zu..%zu around %zu", ls, le, now->cur);
}

/* The boundary before (dir < 0) or after cur in s, or cur at the edge. */
static size_t
step(const struct snap *s, size_t cur, int dir)
{
	for (size_t i = 0; i < s->nb; i++)
		if (s->b[i] == cur) {
			if (dir < 0)
				return i > 0 ? s->b[i - 1] : cur;
			return i + 1 < s->nb ? s->b[i + 1] : cur;
		}
	fuzz_fail("cursor %zu was not on a boundary", cur);
}

/* now == before with [from, to) removed. */
static void
check_cut(const struct snap *before, const struct snap *now, size_t from, size_t to,
    const char *what)
{
	if (now->len != before->len - (to - from) ||
	    memcmp(now->t, before->t, from) != 0 ||
	    memcmp(now->t + from, before->t + to, before->len - to) != 0)
		fuzz_fail("%s: \"%s\" minus [%zu,%zu) gave \"%s\"", what, before->t, from, to,
		    now->t);
	if (now->cur > from)
		fuzz_fail("%s: cursor %zu after the cut at %zu", what, now->cur, from);
}

static const char *const pieces[] = {
	"\xd9\x84\xd8\xa7",			/* lam alef */
	"\xd9\x8e",				/* fatha */
	"\xd9\x91\xd9\x8f",			/* shadda damma */
	"\xd8\xb3\xd9\x8e\xd9\x84\xd8\xa7\xd9\x85",	/* salaam with fatha */
	"\xcc\x81",				/* combining acute */
	"e\xcc\x81\xcc\xa3",
	"\xe2\x80\x8d",				/* ZWJ */
	"\xe2\x80\x8c",				/* ZWNJ */
	"\xe2\x80\x8f",				/* RLM */
	"\xe2\x80\xae",				/* RLO */
	"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",	/* woman technologist */
	"\xf0\x9f\x87\xb8",			/* regional indicator S */
	"\xf0\x9f\x87\xa6",			/* regional indicator A */
	"\xe1\x84\x80",				/* Hangul choseong */
	"\xe1\x85\xa1",				/* Hangul jungseong */
	"\xe1\x86\xa8",				/* Hangul jongseong */
	"\xea\xb0\x80",				/* Hangul syllable */
	"\xef\xbb\xbf",				/* BOM */
	"\r\n", "\r", "\t", "\n", " ", "  ", "a", "word ",
	"\x1b[31m", "\x1b]52;c;eA==\x07", "\xc2\x9b\x31m", "\x7f", "\x00",
	"\xff\xfe", "\xe2\x82", "\xed\xa0\x80",	/* bad UTF-8, a surrogate */
	"\xef\xbf\xbf",				/* U+FFFF */
	"\xd9\x80",				/* tatweel */
	"\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88",	/* rainbow flag */
	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",	/* thumbs up, skin tone */
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static size_t
piece_len(size_t i)
{
	/* The NUL piece is one byte long. */
	return pieces[i][0] == '\0' ? 1 : strlen(pieces[i]);
}

/* Whether s is already what the composer keeps (inserted unchanged). */
static bool
clean_piece(const char *s, size_t n)
{
	char *t = fuzz_strndup((const uint8_t *)s, n);
	bool ok = n > 0 && strlen(t) == n && fuzz_unclean(t, false) == NULL &&
	    strstr(t, "\xef\xbb\xbf") == NULL && strstr(t, "\xef\xbf\xbf") == NULL;

	free(t);
	return ok;
}

/* i moved past n operand bytes, never past the end. */
static size_t
skip(size_t i, size_t size, size_t n)
{
	return size - i < n ? size : i + n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t limits[] = { COMPOSE_LIMIT_DEFAULT, 0, 1, 5, 280, 500, 10, 2 };
	struct compose *c;
	struct snap before = { 0 }, now = { 0 };
	struct text_opts o;
	size_t i = 1;

	if (size == 0)
		return 0;
	c = compose_new(limits[data[0] & 7], (enum compose_unit)((data[0] >> 3) % 3));
	text_opts_default(&o);
	check_state(c, &before);
	while (i < size) {
		unsigned op = data[i++];
		unsigned arg = i < size ? data[i] : 0;
		size_t cur = before.cur;
		bool r;

		switch (op & 15) {
		case 0: {	/* type or paste raw bytes */
			size_t n = (arg & 31) + 1;
			i = skip(i, size, 1);
			if (n > size - i)
				n = size - i;
			const char *s = (const char *)data + i;
			compose_insert(c, s, n);
			i += n;
			check_state(c, &now);
			if (clean_piece(s, n)) {
				if (now.len != before.len + n || memcmp(now.t, before.t, cur) != 0 ||
				    memcmp(now.t + cur, s, n) != 0 ||
				    memcmp(now.t + cur + n, before.t + cur, before.len - cur) != 0)
					fuzz_fail("insert at %zu did not put the text there", cur);
				if (now.cur < cur + n)
					fuzz_fail("cursor %zu before the insert's end %zu", now.cur,
					    cur + n);
			}
			break;
		}
		case 1:		/* one piece, or case 14: many */
		case 14: {
			size_t p = arg % NPIECES, times = (op & 15) == 14 ? (size_t)(arg >> 3) * 9 + 1 : 1;
			size_t pl = piece_len(p);
			char *s = malloc(pl * times + 1);
			if (s == NULL)
				abort();
			for (size_t k = 0; k < times; k++)
				memcpy(s + k * pl, pieces[p], pl);
			i = skip(i, size, 1);
			compose_insert(c, s, pl * times);
			check_state(c, &now);
			if (clean_piece(s, pl * times) &&
			    (now.len != before.len + pl * times || memcmp(now.t + cur, s, pl * times) != 0))
				fuzz_fail("piece %zu x%zu not inserted at %zu", p, times, cur);
			free(s);
			break;
		}
		case 2:
			compose_newline(c);
			check_state(c, &now);
			if (now.len != before.len + 1 || now.t[cur] != '\n' || now.cur != cur + 1)
				fuzz_fail("newline at %zu", cur);
			break;
		case 3:
			r = compose_backspace(c);
			check_state(c, &now);
			if (r != (cur > 0))
				fuzz_fail("backspace at %zu returned %d", cur, r);
			if (r)
				check_cut(&before, &now, step(&before, cur, -1), cur, "backspace");
			else if (now.len != before.len)
				fuzz_fail("a refused backspace changed the text");
			break;
		case 4:
			r = compose_delete(c);
			check_state(c, &now);
			if (r != (cur < before.len))
				fuzz_fail("delete at %zu of %zu returned %d", cur, before.len, r);
			if (r)
				check_cut(&before, &now, cur, step(&before, cur, 1), "delete");
			break;
		case 5:
			r = compose_delete_word(c);
			check_state(c, &now);
			if (r != (cur > 0))
				fuzz_fail("delete-word at %zu returned %d", cur, r);
			if (r) {
				size_t from = before.len - now.len <= cur ? cur - (before.len - now.len) : 0;
				if (now.len >= before.len)
					fuzz_fail("delete-word removed nothing");
				check_cut(&before, &now, from, cur, "delete-word");
				/* It stops at a newline: at most the one right before. */
				if (memchr(before.t + from, '\n', cur - from) != NULL &&
				    !(cur - from == 1 && before.t[from] == '\n'))
					fuzz_fail("delete-word crossed a line");
			}
			break;
		case 6:
		case 7: {
			int dir = (op & 15) == 6 ? -1 : 1;
			r = compose_move(c, dir);
			check_state(c, &now);
			if (now.len != before.len || now.cur != step(&before, cur, dir) ||
			    r != (now.cur != cur))
				fuzz_fail("move %d from %zu to %zu", dir, cur, now.cur);
			break;
		}
		case 8:
		case 9:
			if ((op & 15) == 8)
				compose_home(c);
			else
				compose_end(c);
			check_state(c, &now);
			if (memchr((op & 15) == 8 ? now.t + now.cur : now.t + cur, '\n',
			    (op & 15) == 8 ? cur - now.cur : now.cur - cur) != NULL)
				fuzz_fail("home/end left the line");
			break;
		case 10: {
			size_t off = (size_t)arg << 8 | (i + 1 < size ? data[i + 1] : 0);
			i = skip(i, size, 2);
			compose_set_cursor(c, off);
			check_state(c, &now);
			size_t want = 0;
			for (size_t k = 0; k < before.nb; k++)
				if (before.b[k] <= off)
					want = before.b[k];
			if (now.cur != want)
				fuzz_fail("set_cursor(%zu) gave %zu, want %zu", off, now.cur, want);
			break;
		}
		case 11: {
			size_t n = arg;
			i = skip(i, size, 1);
			if (n > size - i)
				n = size - i;
			compose_set_text(c, (const char *)data + i, n);
			i += n;
			check_state(c, &now);
			if (now.cur != now.len)
				fuzz_fail("set_text: cursor not at the end");
			break;
		}
		case 12:
		case 13: {
			static const int widths[] = { 0, 1, 2, 3, 5, 10, 40, 80 };
			o.width = widths[arg & 7];
			o.dir = (enum text_dir)((arg >> 3) % 3);
			o.shape = (arg & 0x20) != 0;
			o.reorder = (arg & 0x40) == 0;
			i = skip(i, size, 1);
			if ((op & 15) == 12)
				compose_move_screen(c, (arg & 0x80) ? 1 : -1, &o);
			else
				compose_move_row(c, (arg & 0x80) ? 1 : -1, &o);
			check_state(c, &now);
			if (now.len != before.len || strcmp(now.t, before.t) != 0)
				fuzz_fail("a move changed the text");
			/* The laid-out cursor is on a row that exists. */
			struct compose_layout *l = compose_layout_new(c, &o);
			size_t row = compose_layout_cursor_row(l, now.cur);
			if (row >= compose_layout_nrows(l))
				fuzz_fail("cursor row %zu of %zu", row, compose_layout_nrows(l));
			int col = compose_layout_cursor_col(l, row, now.cur);
			if (col < 0 || (o.width > 0 && col > (o.width < 2 ? 2 : o.width)))
				fuzz_fail("cursor column %d at width %d", col, o.width);
			compose_layout_free(&l);
			break;
		}
		default:
			check_state(c, &now);
			break;
		}
		snap_free(&before);
		before = now;
		memset(&now, 0, sizeof now);
	}
	snap_free(&before);
	compose_free(&c);
	return 0;
}
