/*
 * Unit tests for src/compose: editing Arabic (with harakat, lam-alef),
 * Persian (ZWNJ), mixed and English text by grapheme cluster; emoji ZWJ
 * sequences and flags; Ctrl-W; counting in each unit; refusal at the limit
 * (typed and pasted); and cursor moves on screen over lines laid out by
 * src/text; and the geometry of the widget (compose/geometry.h): rows of
 * wrapped and bidi lines, the cursor's row and column, Left/Right across
 * lines in reading order, Up/Down to the same column, scrolling and the
 * counter's words.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compose/compose.h"
#include "compose/geometry.h"
#include "text/text.h"
#include "util/xalloc.h"

/* Sample words, as UTF-8 bytes (their meaning in the comment). */
#define KATABA "\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e"	/* kataba, fully voweled */
#define MARHABA "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"		/* marhaba */
#define LA "\xd9\x84\xd8\xa7"						/* lam alef */
#define LAM "\xd9\x84"
#define ALEF "\xd8\xa7"
#define BA "\xd8\xa8"
#define KAF "\xd9\x83"
#define TA "\xd8\xaa"
#define FATHA "\xd9\x8e"
#define SHADDA "\xd9\x91"
#define SALAM "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"			/* salam: sin lam alef mim */
#define MIKHAHAM "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85" /* Persian, with ZWNJ */
#define TECHIE "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"		/* woman ZWJ laptop */
#define GRIN "\xf0\x9f\x98\x80"
#define FLAG_SA "\xf0\x9f\x87\xb8\xf0\x9f\x87\xa6"
#define E_ACUTE "e\xcc\x81"						/* e + combining acute */
#define RLM "\xe2\x80\x8f"

static void
assert_text(const struct compose *c, const char *want)
{
	size_t len;
	const char *t = compose_text(c, &len);

	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
	assert_int_equal(t[len], '\0');
}

static void
ins(struct compose *c, const char *s)
{
	assert_int_equal(compose_insert(c, s, strlen(s)), COMPOSE_OK);
}

static void
test_count(void **state)
{
	static const struct {
		const char *s;
		size_t clusters, cps, utf16;
	} cases[] = {
		{ "", 0, 0, 0 },
		{ "hello", 5, 5, 5 },
		{ E_ACUTE, 1, 2, 2 },
		{ GRIN, 1, 1, 2 },
		{ TECHIE, 1, 3, 5 },
		{ FLAG_SA, 1, 2, 4 },
		{ FLAG_SA FLAG_SA, 2, 4, 8 },
		{ KATABA, 3, 6, 6 },
		{ KAF SHADDA FATHA, 1, 3, 3 },
		{ LA, 2, 2, 2 },
		{ MIKHAHAM, 7, 8, 8 },
		{ MARHABA " hello", 11, 11, 11 },
		{ "a\nb", 3, 3, 3 },
		{ "\r\n", 1, 2, 2 },
		{ "\xff" "a", 2, 2, 2 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].s);
		if (compose_count(cases[i].s, len, COMPOSE_CLUSTERS) != cases[i].clusters ||
		    compose_count(cases[i].s, len, COMPOSE_CODEPOINTS) != cases[i].cps ||
		    compose_count(cases[i].s, len, COMPOSE_UTF16) != cases[i].utf16)
			fail_msg("case %zu: %zu %zu %zu", i,
			    compose_count(cases[i].s, len, COMPOSE_CLUSTERS),
			    compose_count(cases[i].s, len, COMPOSE_CODEPOINTS),
			    compose_count(cases[i].s, len, COMPOSE_UTF16));
	}
	assert_int_equal(compose_unit_from_name("Clusters"), COMPOSE_CLUSTERS);
	assert_int_equal(compose_unit_from_name("graphemes"), COMPOSE_CLUSTERS);
	assert_int_equal(compose_unit_from_name("codepoints"), COMPOSE_CODEPOINTS);
	assert_int_equal(compose_unit_from_name("utf16"), COMPOSE_UTF16);
	assert_int_equal(compose_unit_from_name("bytes"), -1);
	assert_string_equal(compose_unit_name(COMPOSE_UTF16), "utf16");
}

static void
test_arabic_harakat(void **state)
{
	struct compose *c = compose_new(COMPOSE_LIMIT_DEFAULT, COMPOSE_CLUSTERS);

	(void)state;
	ins(c, KATABA);
	assert_int_equal(compose_cursor(c), 12);
	assert_int_equal(compose_length(c), 3);
	/* Backspace takes the letter with its fatha. */
	assert_true(compose_backspace(c));
	assert_text(c, KAF FATHA TA FATHA);
	assert_int_equal(compose_cursor(c), 8);
	/* Left steps over a whole cluster. */
	assert_true(compose_move(c, -1));
	assert_int_equal(compose_cursor(c), 4);
	assert_true(compose_delete(c));
	assert_text(c, KAF FATHA);
	assert_int_equal(compose_cursor(c), 4);

	/* A haraka typed after a letter joins its cluster: no count change. */
	compose_set_text(c, KAF TA, 4);
	compose_set_cursor(c, 2);
	ins(c, SHADDA FATHA);
	assert_text(c, KAF SHADDA FATHA TA);
	assert_int_equal(compose_cursor(c), 6);
	assert_int_equal(compose_length(c), 2);
	assert_true(compose_backspace(c));
	assert_text(c, TA);
	assert_int_equal(compose_cursor(c), 0);
	assert_false(compose_backspace(c));

	/* The cursor cannot be put between a letter and its harakat. */
	compose_set_text(c, KATABA, strlen(KATABA));
	compose_set_cursor(c, 1);
	assert_int_equal(compose_cursor(c), 0);
	compose_set_cursor(c, 3);
	assert_int_equal(compose_cursor(c), 0);
	compose_set_cursor(c, 7);
	assert_int_equal(compose_cursor(c), 4);
	compose_set_cursor(c, 999);
	assert_int_equal(compose_cursor(c), 12);

	/* A letter typed before an orphan mark merges with it; the cursor
	 * lands after the merged cluster, not inside it. */
	compose_set_text(c, FATHA, 2);
	compose_set_cursor(c, 0);
	ins(c, BA);
	assert_text(c, BA FATHA);
	assert_int_equal(compose_cursor(c), 4);
	compose_free(&c);
	assert_null(c);
}

/* Lam-alef is two clusters: Backspace after it removes only the alef. */
static void
test_lam_alef(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	(void)state;
	ins(c, LA);
	assert_int_equal(compose_length(c), 2);
	assert_true(compose_backspace(c));
	assert_text(c, LAM);
	compose_set_text(c, SALAM, strlen(SALAM));
	assert_true(compose_move(c, -1));
	assert_int_equal(compose_cursor(c), 6);
	assert_true(compose_move(c, -1));
	assert_int_equal(compose_cursor(c), 4);
	assert_true(compose_backspace(c));
	assert_text(c, "\xd8\xb3" ALEF "\xd9\x85");
	compose_free(&c);
}

static void
test_mixed_and_english(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	(void)state;
	ins(c, MARHABA " hello");
	compose_home(c);
	assert_int_equal(compose_cursor(c), 0);
	assert_true(compose_move(c, 1));
	assert_int_equal(compose_cursor(c), 2);
	assert_true(compose_delete(c));
	assert_text(c, "\xd9\x85\xd8\xad\xd8\xa8\xd8\xa7 hello");
	compose_end(c);
	assert_int_equal(compose_cursor(c), 14);
	assert_true(compose_backspace(c));
	ins(c, "p!");
	assert_text(c, "\xd9\x85\xd8\xad\xd8\xa8\xd8\xa7 hellp!");
	assert_false(compose_move(c, 1));

	/* English with an accent made of two code points. */
	compose_set_text(c, "cafe\xcc\x81!", 7);
	assert_true(compose_move(c, -1));
	assert_int_equal(compose_cursor(c), 6);
	assert_true(compose_backspace(c));
	assert_text(c, "caf!");
	compose_free(&c);
}

static void
test_emoji_and_flags(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);
	static const size_t fwd[] = { 1, 12, 20, 24, 25 };

	(void)state;
	ins(c, "a" TECHIE FLAG_SA GRIN "b");
	assert_int_equal(compose_length(c), 5);
	compose_home(c);
	for (size_t i = 0; i < 5; i++) {
		assert_true(compose_move(c, 1));
		assert_int_equal(compose_cursor(c), fwd[i]);
	}
	assert_false(compose_move(c, 1));
	for (int i = 3; i >= 0; i--) {
		assert_true(compose_move(c, -1));
		assert_int_equal(compose_cursor(c), fwd[i]);
	}
	/* Cursor at 1: Delete removes the whole ZWJ sequence, then the flag. */
	assert_int_equal(compose_cursor(c), 1);
	assert_true(compose_delete(c));
	assert_text(c, "a" FLAG_SA GRIN "b");
	assert_true(compose_delete(c));
	assert_text(c, "a" GRIN "b");
	/* Backspace after the emoji. */
	assert_true(compose_move(c, 1));
	assert_true(compose_backspace(c));
	assert_text(c, "ab");
	compose_free(&c);
}

/* Every stop of the cursor, both ways, is a boundary of this table. */
static void
test_cursor_never_inside(void **state)
{
	static const char text[] = KATABA " " TECHIE "x" E_ACUTE "\n" MIKHAHAM;
	static const size_t stops[] = { 0, 4, 8, 12, 13, 24, 25, 28, 29, 31, 36, 38, 40, 42,
		44, 46 };
	const size_t n = sizeof stops / sizeof stops[0];
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	(void)state;
	assert_int_equal(compose_set_text(c, text, strlen(text)), COMPOSE_OK);
	assert_int_equal(strlen(text), stops[n - 1]);
	compose_set_cursor(c, 0);
	for (size_t i = 1; i < n; i++) {
		assert_true(compose_move(c, 1));
		assert_int_equal(compose_cursor(c), stops[i]);
	}
	for (size_t i = n - 1; i-- > 0;) {
		assert_true(compose_move(c, -1));
		assert_int_equal(compose_cursor(c), stops[i]);
	}
	/* Any offset snaps to the boundary at or before it. */
	for (size_t off = 0, k = 0; off <= strlen(text); off++) {
		while (k + 1 < n && stops[k + 1] <= off)
			k++;
		compose_set_cursor(c, off);
		assert_int_equal(compose_cursor(c), stops[k]);
	}
	compose_free(&c);
}

static void
test_lines_home_end(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);
	size_t s, e;

	(void)state;
	ins(c, "ab");
	assert_int_equal(compose_newline(c), COMPOSE_OK);
	ins(c, "cd\nef");
	assert_text(c, "ab\ncd\nef");
	compose_set_cursor(c, 4);
	compose_home(c);
	assert_int_equal(compose_cursor(c), 3);
	compose_end(c);
	assert_int_equal(compose_cursor(c), 5);
	compose_line_bounds(c, 7, &s, &e);
	assert_int_equal(s, 6);
	assert_int_equal(e, 8);
	compose_set_cursor(c, 3);
	assert_true(compose_move(c, -1));
	assert_int_equal(compose_cursor(c), 2);
	/* Backspace at a line start joins the lines. */
	compose_set_cursor(c, 6);
	assert_true(compose_backspace(c));
	assert_text(c, "ab\ncdef");
	compose_free(&c);
}

static void
test_delete_word(void **state)
{
	static const struct {
		const char *before;	/* the cursor is at the end */
		const char *after;
	} cases[] = {
		{ "hello world", "hello " },
		{ "hello ", "" },
		{ "hello   ", "" },
		{ "one two,three  ", "one " },
		{ MARHABA " " SALAM "  ", MARHABA " " },
		{ MARHABA " " KATABA, MARHABA " " },
		{ "x " MIKHAHAM, "x " },
		{ "ab\n", "ab" },
		{ "ab\n  cd", "ab\n  " },
		{ "ab\n  ", "ab\n" },
		{ "ok " TECHIE GRIN, "ok " },
		{ "", "" },
	};
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		compose_set_text(c, cases[i].before, strlen(cases[i].before));
		assert_int_equal(compose_delete_word(c), cases[i].before[0] != '\0');
		assert_text(c, cases[i].after);
		assert_int_equal(compose_cursor(c), strlen(cases[i].after));
	}
	/* In the middle: only what is before the cursor goes. */
	compose_set_text(c, "hello world", 11);
	compose_set_cursor(c, 5);
	assert_true(compose_delete_word(c));
	assert_text(c, " world");
	assert_int_equal(compose_cursor(c), 0);
	assert_false(compose_delete_word(c));
	compose_free(&c);
}

static void
test_input_sanitized(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	(void)state;
	ins(c, "a\r\nb\tc\x1b[31md\x07\xff" RLM "e\r");
	assert_text(c, "a\nb cd\xef\xbf\xbd" RLM "e\n");
	compose_free(&c);
}

static void
test_limit(void **state)
{
	struct compose *c = compose_new(5, COMPOSE_CLUSTERS);

	(void)state;
	ins(c, "abc");
	assert_false(compose_near_limit(c));
	compose_set_cursor(c, 1);
	/* Refused whole: nothing inserted, cursor unchanged. */
	assert_int_equal(compose_insert(c, "def", 3), COMPOSE_TOO_LONG);
	assert_text(c, "abc");
	assert_int_equal(compose_cursor(c), 1);
	ins(c, "de");
	assert_text(c, "adebc");
	assert_int_equal(compose_length(c), 5);
	assert_true(compose_near_limit(c));
	assert_false(compose_over_limit(c));
	assert_int_equal(compose_newline(c), COMPOSE_TOO_LONG);
	assert_int_equal(compose_insert(c, GRIN, 4), COMPOSE_TOO_LONG);
	/* A combining mark adds no cluster: allowed at the limit. */
	compose_end(c);
	ins(c, "\xcc\x81");
	assert_int_equal(compose_length(c), 5);
	compose_free(&c);

	/* The default limit with paste: 400 clusters of Arabic with harakat
	 * and newlines fit, one more cluster does not. */
	c = compose_new(COMPOSE_LIMIT_DEFAULT, COMPOSE_CLUSTERS);
	char *paste = xcalloc(400, strlen(KAF FATHA) + 1);
	for (int i = 0; i < 400; i++)
		strcat(paste, i % 40 == 39 ? "\n" : KAF FATHA);
	assert_int_equal(compose_count(paste, strlen(paste), COMPOSE_CLUSTERS), 400);
	ins(c, "x");
	assert_int_equal(compose_insert(c, paste, strlen(paste)), COMPOSE_TOO_LONG);
	assert_text(c, "x");
	assert_true(compose_backspace(c));
	ins(c, paste);
	assert_int_equal(compose_length(c), 400);
	assert_int_equal(compose_insert(c, "y", 1), COMPOSE_TOO_LONG);
	/* Near the limit from 90% (360 of 400). */
	compose_set_text(c, paste, strlen(paste));
	for (int i = 0; i < 40; i++)
		assert_true(compose_backspace(c));
	assert_int_equal(compose_length(c), 360);
	assert_true(compose_near_limit(c));
	assert_true(compose_backspace(c));
	assert_false(compose_near_limit(c));
	free(paste);
	compose_free(&c);

	/* UTF-16 units: an emoji costs 2. */
	c = compose_new(3, COMPOSE_UTF16);
	assert_int_equal(compose_get_unit(c), COMPOSE_UTF16);
	ins(c, GRIN);
	assert_int_equal(compose_length(c), 2);
	assert_int_equal(compose_insert(c, GRIN, 4), COMPOSE_TOO_LONG);
	ins(c, "a");
	assert_int_equal(compose_length(c), 3);
	compose_free(&c);

	/* Code points: e + acute costs 2. */
	c = compose_new(2, COMPOSE_CODEPOINTS);
	ins(c, E_ACUTE);
	assert_int_equal(compose_insert(c, "a", 1), COMPOSE_TOO_LONG);
	compose_free(&c);

	/* A restored draft over the limit is kept, flagged, and can shrink. */
	c = compose_new(3, COMPOSE_CLUSTERS);
	assert_int_equal(compose_set_text(c, "abcdef", 6), COMPOSE_TOO_LONG);
	assert_text(c, "abcdef");
	assert_true(compose_over_limit(c));
	assert_int_equal(compose_insert(c, "g", 1), COMPOSE_TOO_LONG);
	assert_true(compose_delete_word(c));
	assert_true(compose_empty(c));
	assert_int_equal(compose_limit(c), 3);
	compose_free(&c);
}

/* ---- on screen, with src/text ---- */

static void
layout(const char *s, enum text_dir dir, struct text_lines *out)
{
	struct text_opts o;

	text_opts_default(&o);
	o.width = 40;
	o.dir = dir;
	assert_int_equal(text_layout_paragraph(s, strlen(s), NULL, 0, &o, out), 0);
	assert_int_equal(out->nlines, 1);
}

static void
walk(struct compose *c, const struct text_line *line, int dir, const size_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!compose_move_visual(c, dir, line))
			fail_msg("step %zu: stuck at %zu", i, compose_cursor(c));
		assert_int_equal(compose_cursor(c), want[i]);
	}
	assert_false(compose_move_visual(c, dir, line));
}

static void
test_visual(void **state)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);
	struct text_lines l;

	(void)state;
	/* RTL: the end of the text is at the left; Right walks to its start.
	 * Shaped lam-alef is one cell: the cursor steps over both. */
	compose_set_text(c, SALAM, strlen(SALAM));
	layout(SALAM, TEXT_DIR_AUTO, &l);
	assert_true(l.lines[0].rtl);
	walk(c, &l.lines[0], 1, (const size_t[]){ 6, 2, 0 }, 3);
	walk(c, &l.lines[0], -1, (const size_t[]){ 2, 6, 8 }, 3);
	text_lines_free(&l);

	/* LTR with an Arabic word: "ab " then the word reversed on screen. */
	compose_set_text(c, "ab " SALAM, 3 + strlen(SALAM));
	compose_home(c);
	layout("ab " SALAM, TEXT_DIR_AUTO, &l);
	assert_false(l.lines[0].rtl);
	walk(c, &l.lines[0], 1, (const size_t[]){ 1, 2, 9, 5, 3, 11 }, 6);
	walk(c, &l.lines[0], -1, (const size_t[]){ 3, 5, 9, 2, 1, 0 }, 6);
	text_lines_free(&l);

	/* Second logical line: offsets are relative to its start. */
	compose_set_text(c, "x\n" KATABA, 2 + strlen(KATABA));
	layout(KATABA, TEXT_DIR_AUTO, &l);
	walk(c, &l.lines[0], 1, (const size_t[]){ 10, 6, 2 }, 3);
	text_lines_free(&l);
	compose_free(&c);
}

/* ---- the widget's geometry (compose/geometry.h) ---- */

#define MARHABA_LEN 10	/* five letters, two bytes each */

static void
opts(struct text_opts *o, int w)
{
	text_opts_default(o);
	o->width = w;
}

static struct compose *
with_text(const char *s, size_t cur)
{
	struct compose *c = compose_new(0, COMPOSE_CLUSTERS);

	compose_set_text(c, s, strlen(s));
	compose_set_cursor(c, cur);
	return c;
}

/* Row and column of the cursor at cur, from a fresh layout. */
static void
where(const struct compose *c, int w, size_t *row, int *col)
{
	struct text_opts o;

	opts(&o, w);
	struct compose_layout *l = compose_layout_new(c, &o);
	*row = compose_layout_cursor_row(l, compose_cursor(c));
	*col = compose_layout_cursor_col(l, *row, compose_cursor(c));
	compose_layout_free(&l);
	assert_null(l);
}

static void
test_layout_rows(void **state)
{
	struct text_opts o;
	struct compose *c = with_text("aaaa bbbb cccc\n" MARHABA "\n", 0);
	size_t row;
	int col;

	(void)state;
	opts(&o, 5);
	struct compose_layout *l = compose_layout_new(c, &o);
	/* Three wrapped rows, the Arabic line, and the empty last line. */
	assert_int_equal(compose_layout_nrows(l), 5);
	assert_int_equal(compose_layout_row_base(l, 0), 0);
	assert_int_equal(compose_layout_row_base(l, 2), 0);
	assert_int_equal(compose_layout_row(l, 1)->log_start, 5);
	assert_int_equal(compose_layout_row_base(l, 3), 15);
	assert_true(compose_layout_row(l, 3)->rtl);
	/* The empty line after an Arabic one follows it (right to left). */
	assert_int_equal(compose_layout_row_base(l, 4), 16 + MARHABA_LEN);
	assert_true(compose_layout_row(l, 4)->rtl);
	assert_null(compose_layout_row(l, 5));
	compose_layout_free(&l);

	/* A wrapped line's end is the next row's start: the cursor shows there. */
	compose_set_cursor(c, 4);
	where(c, 5, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 4);
	compose_set_cursor(c, 5);
	where(c, 5, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	compose_set_cursor(c, 14);	/* the end of the first logical line */
	where(c, 5, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 4);

	/* Right to left, right-aligned in 20 columns (letters in 15..19): the
	 * start is the rightmost cell, the end the column left of the last
	 * letter. */
	compose_set_cursor(c, 15);
	where(c, 20, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 19);
	compose_set_cursor(c, 15 + MARHABA_LEN);
	where(c, 20, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 14);
	compose_free(&c);
}

static void
test_move_row(void **state)
{
	struct text_opts o;
	struct compose *c = with_text("aaaa bbbb cccc", 2);

	(void)state;
	opts(&o, 5);
	/* Down keeps the column across wrapped rows; stops on the last row. */
	assert_true(compose_move_row(c, 1, &o));
	assert_int_equal(compose_cursor(c), 7);
	assert_true(compose_move_row(c, 1, &o));
	assert_int_equal(compose_cursor(c), 12);
	assert_false(compose_move_row(c, 1, &o));
	assert_int_equal(compose_cursor(c), 12);
	assert_true(compose_move_row(c, -1, &o));
	assert_true(compose_move_row(c, -1, &o));
	assert_int_equal(compose_cursor(c), 2);
	assert_false(compose_move_row(c, -1, &o));
	compose_free(&c);

	/* Column 1 of an Arabic line right-aligned in 10 columns is left of its
	 * text, which is the line's logical end; back up, column 5 (the left
	 * edge of the text) is past "ab": its end. */
	c = with_text("ab\n" MARHABA, 1);
	opts(&o, 10);
	assert_true(compose_move_row(c, 1, &o));
	assert_int_equal(compose_cursor(c), 3 + MARHABA_LEN);
	assert_true(compose_move_row(c, -1, &o));
	assert_int_equal(compose_cursor(c), 2);
	compose_free(&c);
}

static void
test_move_screen(void **state)
{
	struct text_opts o;
	struct compose *c = with_text(MARHABA, 0);

	(void)state;
	opts(&o, 20);
	/* Left in Arabic reads on: one letter forward in logical order. */
	compose_move_screen(c, -1, &o);
	assert_int_equal(compose_cursor(c), 2);
	compose_move_screen(c, 1, &o);
	assert_int_equal(compose_cursor(c), 0);
	/* At the right edge of the first line: nowhere to go. */
	compose_move_screen(c, 1, &o);
	assert_int_equal(compose_cursor(c), 0);
	compose_free(&c);

	/* Off the edge of a line, on to the next or previous in reading
	 * order: right of English text, left of Arabic text. */
	c = with_text("ab\ncd", 2);
	compose_move_screen(c, 1, &o);
	assert_int_equal(compose_cursor(c), 3);
	compose_move_screen(c, -1, &o);
	assert_int_equal(compose_cursor(c), 2);
	compose_free(&c);
	c = with_text("ab\n" MARHABA, 3);
	compose_move_screen(c, 1, &o);		/* the start of the Arabic line */
	assert_int_equal(compose_cursor(c), 2);
	compose_set_cursor(c, 3 + MARHABA_LEN);
	compose_move_screen(c, -1, &o);		/* its end: nothing after it */
	assert_int_equal(compose_cursor(c), 3 + MARHABA_LEN);
	compose_free(&c);
}

static void
test_scroll(void **state)
{
	(void)state;
	assert_int_equal(compose_scroll(0, 5, 10, 3), 3);	/* down into view */
	assert_int_equal(compose_scroll(3, 1, 10, 3), 1);	/* up into view */
	assert_int_equal(compose_scroll(4, 5, 10, 3), 4);	/* in view: stays */
	assert_int_equal(compose_scroll(9, 9, 10, 3), 7);	/* no blank rows at the end */
	assert_int_equal(compose_scroll(2, 0, 2, 3), 0);	/* fewer rows than room */
}

static void
test_counter(void **state)
{
	struct compose *c = compose_new(10, COMPOSE_CLUSTERS);
	char out[64];

	(void)state;
	ins(c, KATABA);		/* three clusters */
	assert_int_equal(compose_counter_text(c, out, sizeof out), COMPOSE_COUNTER_OK);
	assert_string_equal(out, "3/10");
	ins(c, "abcdef");
	assert_int_equal(compose_counter_text(c, out, sizeof out), COMPOSE_COUNTER_NEAR);
	assert_string_equal(out, "9/10, 1 left");
	compose_set_text(c, "abcdefghijkl", 12);	/* a draft from a longer limit */
	assert_int_equal(compose_counter_text(c, out, sizeof out), COMPOSE_COUNTER_OVER);
	assert_string_equal(out, "12/10, 2 over");
	compose_limit_words(c, out, sizeof out);
	assert_string_equal(out, "12/10 characters");
	compose_free(&c);

	c = compose_new(0, COMPOSE_UTF16);
	ins(c, GRIN);
	assert_int_equal(compose_counter_text(c, out, sizeof out), COMPOSE_COUNTER_OK);
	assert_string_equal(out, "2");
	compose_limit_words(c, out, sizeof out);
	assert_string_equal(out, "2/0 UTF-16 units");
	compose_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_arabic_harakat),
		cmocka_unit_test(test_lam_alef),
		cmocka_unit_test(test_mixed_and_english),
		cmocka_unit_test(test_emoji_and_flags),
		cmocka_unit_test(test_cursor_never_inside),
		cmocka_unit_test(test_lines_home_end),
		cmocka_unit_test(test_delete_word),
		cmocka_unit_test(test_input_sanitized),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_visual),
		cmocka_unit_test(test_layout_rows),
		cmocka_unit_test(test_move_row),
		cmocka_unit_test(test_move_screen),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_counter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
