/*
 * Unit tests for src/text: what a reader sees on the screen lines (visual
 * order, shaping, widths, alignment), the logical<->visual maps, and that
 * hostile input never reaches the terminal. The sample text is our own.
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
#include <utf8proc.h>

#include "text/text.h"
#include "util/utf8.h"

/* ---- helpers -------------------------------------------------------- */

static struct text_opts
opts(int width, enum text_dir dir, bool shape)
{
	struct text_opts o;
	text_opts_default(&o);
	o.width = width;
	o.dir = dir;
	o.shape = shape;
	return o;
}

/* Lay out and print like `render`: lines joined with '\n'. */
static char *
show_o(const char *text, const struct text_opts *o)
{
	struct text_lines tl;
	size_t cap = 64, len = 0;
	char *out = malloc(cap);

	assert_int_equal(text_layout_paragraph(text, strlen(text), NULL, 0, o, &tl), 0);
	out[0] = '\0';
	for (size_t i = 0; i < tl.nlines; i++) {
		char *s = text_line_to_utf8(&tl.lines[i]);
		size_t n = strlen(s);
		while (len + n + 2 > cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		if (i > 0)
			out[len++] = '\n';
		memcpy(out + len, s, n + 1);
		len += n;
		free(s);
	}
	text_lines_free(&tl);
	return out;
}

static char *
show(const char *text, int width, enum text_dir dir, bool shape)
{
	struct text_opts o = opts(width, dir, shape);
	return show_o(text, &o);
}

#define assert_show(text, width, dir, shape, want) do { \
	char *got_ = show((text), (width), (dir), (shape)); \
	assert_string_equal(got_, (want)); \
	free(got_); \
} while (0)

/* Code points of s reversed (an independent model of one RTL run). */
static char *
rev(const char *s)
{
	size_t n = strlen(s), k = 0;
	uint32_t *cp = malloc((n + 1) * sizeof *cp);
	char *out = malloc(n + 1), *o = out;

	for (size_t i = 0; i < n;)
		i += utf8_decode(s + i, n - i, &cp[k++]);
	while (k > 0)
		o += utf8_encode(cp[--k], o);
	*o = '\0';
	free(cp);
	return out;
}

/* Concatenate NULL-terminated pieces; pieces marked by a leading "\x01" are
 * reversed first (a right-to-left word written in logical order). */
static char *
cat(const char *first, ...)
{
	va_list ap;
	size_t cap = 256, len = 0;
	char *out = malloc(cap);
	const char *p = first;

	out[0] = '\0';
	va_start(ap, first);
	while (p != NULL) {
		char *r = p[0] == '\x01' ? rev(p + 1) : strdup(p);
		size_t n = strlen(r);
		while (len + n + 1 > cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		memcpy(out + len, r, n + 1);
		len += n;
		free(r);
		p = va_arg(ap, const char *);
	}
	va_end(ap);
	return out;
}

#define R "\x01"	/* marks a piece to reverse in cat() */

static void
assert_show_cat(const char *text, int width, enum text_dir dir, bool shape, char *want)
{
	char *got = show(text, width, dir, shape);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* Code point k of the cell's text. */
static uint32_t
cell_cp(const struct text_line *l, size_t cell, size_t k)
{
	const char *s = l->utf8 + l->cells[cell].off;
	size_t n = l->cells[cell].len, i = 0;
	uint32_t cp = 0;
	for (size_t j = 0; j <= k && i < n; j++)
		i += utf8_decode(s + i, n - i, &cp);
	return cp;
}

/* ---- direction and order -------------------------------------------- */

static void
test_latin_unchanged(void **state)
{
	(void)state;
	assert_show("Plain English text, nothing to do.", 0, TEXT_DIR_AUTO, true,
	    "Plain English text, nothing to do.");
	assert_show("", 0, TEXT_DIR_AUTO, true, "");
}

static void
test_arabic_brand_numbers(void **state)
{
	(void)state;
	/* Words reverse; the brand and the year stay LTR. After Arabic letters
	 * the digits are Arabic numbers (W2), so "3.5%" shows as "%3.5" and
	 * "$3.53K" as "3.53K$", as UAX #9 and browsers place them. */
	assert_show_cat("ارتفع سهم Apple بنسبة 3.5% في 2026", 0, TEXT_DIR_AUTO, false,
	    cat("2026 ", R "في", " %3.5 ", R "بنسبة", " Apple ", R "سهم", " ", R "ارتفع", NULL));
	assert_show_cat("ارتفع إلى $3.53K", 0, TEXT_DIR_AUTO, false,
	    cat("3.53K$ ", R "إلى", " ", R "ارتفع", NULL));
	/* After a Latin word the same amount is left to right with it. */
	assert_show_cat("بلغت قيمة Bitcoin $3.53K اليوم", 0, TEXT_DIR_AUTO, false,
	    cat(R "اليوم", " Bitcoin $3.53K ", R "قيمة", " ", R "بلغت", NULL));
	/* An English paragraph keeps its order with an Arabic name inside. */
	assert_show_cat("Reuters quoted مصرف لبنان on Tuesday", 0, TEXT_DIR_AUTO, false,
	    cat("Reuters quoted ", R "مصرف لبنان", " on Tuesday", NULL));
	/* --dir overrides the first strong character. */
	assert_show_cat("Apple شركة", 0, TEXT_DIR_RTL, false,
	    cat(R "شركة", " Apple", NULL));
	assert_show_cat("شركة Apple", 0, TEXT_DIR_LTR, false,
	    cat(R "شركة", " Apple", NULL));
}

static void
test_mirroring(void **state)
{
	(void)state;
	/* Brackets and guillemets at odd levels show their mirrored glyph. */
	assert_show_cat("قال (نعم) و«لا» [حقا]", 0, TEXT_DIR_AUTO, false,
	    cat("[", R "حقا", "] «", R "لا", "»", R "و", " (", R "نعم", ") ", R "قال", NULL));
	/* A bracket pair around Latin in an RTL paragraph (rule N0). */
	assert_show_cat("عن شركة (Apple)", 0, TEXT_DIR_AUTO, false,
	    cat("(Apple) ", R "شركة", " ", R "عن", NULL));
	/* Terminal bidi mode: logical order and no mirroring. */
	struct text_opts o = opts(0, TEXT_DIR_AUTO, false);
	o.reorder = false;
	char *got = show_o("قال (نعم)", &o);
	assert_string_equal(got, "قال (نعم)");
	free(got);
}

static void
test_hebrew(void **state)
{
	(void)state;
	assert_show_cat("שלום עולם 2026", 0, TEXT_DIR_AUTO, true,
	    cat("2026 ", R "עולם", " ", R "שלום", NULL));
	/* Points stay after their letter: shin+shin dot+qamats, lamed, vav+holam, mem. */
	assert_show("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", 0, TEXT_DIR_AUTO, true,
	    "\u05DD\u05D5\u05B9\u05DC\u05E9\u05C1\u05B8");
}

/* ---- clusters, shaping and widths ------------------------------------ */

static void
test_harakat(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, false);
	/* meem damma, hah fatha, meem shadda fatha, dal */
	const char *w = "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F";
	(void)state;

	/* Marks follow their letter in visual order: dal, meem+shadda+fatha, ... */
	assert_show(w, 0, TEXT_DIR_AUTO, false,
	    "\u062F\u0645\u0651\u064E\u062D\u064E\u0645\u064F");
	assert_int_equal(text_layout_paragraph(w, strlen(w), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.nlines, 1);
	assert_int_equal(tl.lines[0].ncells, 4);
	assert_int_equal(tl.lines[0].width, 4);
	assert_int_equal(tl.lines[0].cells[1].len, 6);	/* meem, shadda, fatha */
	text_lines_free(&tl);

	/* Shaped: still four cells, each a presentation form then its marks. */
	o.shape = true;
	assert_int_equal(text_layout_paragraph(w, strlen(w), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 4);
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFEAA);	/* dal final */
	assert_int_equal(cell_cp(&tl.lines[0], 3, 0), 0xFEE3);	/* meem initial */
	assert_int_equal(cell_cp(&tl.lines[0], 3, 1), 0x064F);	/* its damma */
	text_lines_free(&tl);
}

static void
test_tatweel(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	const char *w = "كـتـاب";	/* kaf, tatweel, teh, tatweel, alef, beh */
	(void)state;

	assert_int_equal(text_layout_paragraph(w, strlen(w), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 6);
	assert_int_equal(tl.lines[0].width, 6);
	/* Rightmost cell: kaf joined to the tatweel after it (initial form). */
	assert_int_equal(cell_cp(&tl.lines[0], 5, 0), 0xFEDB);
	assert_int_equal(cell_cp(&tl.lines[0], 4, 0), 0x0640);
	/* Leftmost: beh after alef, which does not join to the left: isolated. */
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFE8F);
	text_lines_free(&tl);
}

static void
test_lam_alef(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	const char *w = "سلام";
	(void)state;

	/* Alone: one cell of width 1 covering both letters. */
	assert_int_equal(text_layout_paragraph("لا", strlen("لا"), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 1);
	assert_int_equal(tl.lines[0].width, 1);
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFEFB);
	assert_int_equal(tl.lines[0].cells[0].log_off, 0);
	assert_int_equal(tl.lines[0].cells[0].log_len, 4);
	text_lines_free(&tl);

	/* Inside a word: meem, lam-alef (final form of the ligature), seen. */
	assert_int_equal(text_layout_paragraph(w, strlen(w), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 3);
	assert_int_equal(tl.lines[0].width, 3);
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFEE1);
	assert_int_equal(cell_cp(&tl.lines[0], 1, 0), 0xFEFC);
	assert_int_equal(cell_cp(&tl.lines[0], 2, 0), 0xFEB3);
	text_lines_free(&tl);
	assert_show("سلام", 0, TEXT_DIR_AUTO, true, "\xEF\xBB\xA1\xEF\xBB\xBC\xEF\xBA\xB3");

	/* Unshaped: two cells, the characters unchanged. */
	assert_show("سلام", 0, TEXT_DIR_AUTO, false, "مالس");

	/* A long word of lam-alefs broken at width 5 is never broken between
	 * lam and alef, and each ligature takes one cell. */
	const char *longw = "سلاملالالالالالالالا";
	o.width = 5;
	assert_int_equal(text_layout_paragraph(longw, strlen(longw), NULL, 0, &o, &tl), 0);
	assert_true(tl.nlines >= 2);
	for (size_t i = 0; i < tl.nlines; i++) {
		size_t e = tl.lines[i].log_end;
		assert_true(tl.lines[i].width <= 5);
		if (e >= 2 && e < strlen(longw))
			assert_false(memcmp(longw + e - 2, "ل", 2) == 0 &&
			    memcmp(longw + e, "ا", 2) == 0);
		for (size_t c = 0; c < tl.lines[i].ncells; c++)
			assert_int_not_equal(cell_cp(&tl.lines[i], c, 0), 0xFEFF);
	}
	text_lines_free(&tl);
}

static void
test_persian_urdu(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	/* "mi" + ZWNJ + "khaham": the ZWNJ stops yeh joining to khah. */
	const char *fa = "می‌خواهم";
	const char *letters = "پچژگی";
	const char *ur = "اردو میں ٹیکسٹ ہے";
	(void)state;

	assert_int_equal(text_layout_paragraph(fa, strlen(fa), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.resolved_dir, TEXT_DIR_RTL);
	assert_int_equal(tl.lines[0].ncells, 7);	/* the ZWNJ is inside yeh's cell */
	assert_int_equal(tl.lines[0].width, 7);
	/* Visual right end: meem initial, then Farsi yeh final, not medial. */
	assert_int_equal(cell_cp(&tl.lines[0], 6, 0), 0xFEE3);
	assert_int_equal(cell_cp(&tl.lines[0], 5, 0), 0xFBFD);
	assert_int_equal(cell_cp(&tl.lines[0], 5, 1), 0x200C);
	assert_int_equal(cell_cp(&tl.lines[0], 4, 0), 0xFEA7);	/* khah initial */
	text_lines_free(&tl);

	/* peh cheh jeh gaf yeh joined: initial, medial, final forms. */
	assert_int_equal(text_layout_paragraph(letters, strlen(letters), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 5);
	assert_int_equal(cell_cp(&tl.lines[0], 4, 0), 0xFB58);	/* peh initial */
	assert_int_equal(cell_cp(&tl.lines[0], 3, 0), 0xFB7D);	/* tcheh medial */
	assert_int_equal(cell_cp(&tl.lines[0], 2, 0), 0xFB8B);	/* jeh final (right-joining) */
	assert_int_equal(cell_cp(&tl.lines[0], 1, 0), 0xFB94);	/* gaf initial */
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFBFD);	/* farsi yeh final */
	text_lines_free(&tl);

	/* Urdu letters: order reversed unshaped; shaped, every letter is one cell. */
	assert_show_cat(ur, 0, TEXT_DIR_AUTO, false,
	    cat(R "ہے", " ", R "ٹیکسٹ", " ", R "میں", " ", R "اردو", NULL));
	assert_int_equal(text_layout_paragraph(ur, strlen(ur), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].width, 17);
	assert_int_equal(cell_cp(&tl.lines[0], 0, 0), 0xFBAF);	/* yeh barree final */
	text_lines_free(&tl);
}

static void
test_wide_and_emoji(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	/* CJK, an emoji, a heart with VS16, a flag, a thumb with a skin tone,
	 * a ZWJ family: each one cell of width 2. */
	const char *s = "中文😀❤️🇸🇦👍🏽👨‍👩‍👧";
	(void)state;

	assert_int_equal(text_layout_paragraph(s, strlen(s), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].ncells, 7);
	assert_int_equal(tl.lines[0].width, 14);
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(tl.lines[0].cells[i].width, 2);
	text_lines_free(&tl);
	assert_int_equal(text_width(s, strlen(s)), 14);

	/* In RTL text the sequences stay whole and in their own order. */
	assert_show_cat("عائلة 👨‍👩‍👧 👍🏽", 0, TEXT_DIR_AUTO, true,
	    cat("👍🏽 👨‍👩‍👧 ", "\uFE94\uFEE0\uFE8B\uFE8E\uFECB", NULL));
	/* CJK wraps between ideographs. */
	assert_show("新闻阅读器显示阿拉伯文", 10, TEXT_DIR_AUTO, true,
	    "新闻阅读器\n显示阿拉伯\n文");
}

static void
test_url_in_rtl(void **state)
{
	const char *s = "زوروا https://example.com/a-b?x=1 اليوم";
	(void)state;

	assert_show_cat(s, 0, TEXT_DIR_AUTO, false,
	    cat(R "اليوم", " https://example.com/a-b?x=1 ", R "زوروا", NULL));
	/* Wrapped: the URL is on a line of its own, intact and left to right. */
	assert_show_cat(s, 30, TEXT_DIR_AUTO, false,
	    cat("                         ", R "زوروا", "\n",
	    "   https://example.com/a-b?x=1\n",
	    "                         ", R "اليوم", NULL));
	/* Too long for the line: split after '/' or '-', never inside a cluster. */
	assert_show("see https://example.com/some-long-path/file", 20, TEXT_DIR_AUTO, false,
	    "see\nhttps://example.com/\nsome-long-path/file");
}

static void
test_wrap_rtl(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(22, TEXT_DIR_AUTO, false);
	const char *p = "الخبر الأول في النشرة هو عن الطقس غدا في المدينة";
	(void)state;

	/* Logical order across lines: the first words on the first line,
	 * right-aligned to 22 columns. */
	assert_show_cat(p, 22, TEXT_DIR_AUTO, false,
	    cat(" ", R "الخبر الأول في النشرة", "\n",
	    "    ", R "هو عن الطقس غدا في", "\n",
	    "               ", R "المدينة", NULL));
	assert_int_equal(text_layout_paragraph(p, strlen(p), NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.nlines, 3);
	for (size_t i = 0; i < tl.nlines; i++) {
		assert_true(tl.lines[i].rtl);
		assert_int_equal(tl.lines[i].pad + tl.lines[i].width, 22);
	}
	assert_int_equal(tl.lines[0].log_start, 0);
	assert_int_equal(tl.lines[1].log_start, strlen("الخبر الأول في النشرة "));
	text_lines_free(&tl);

	/* Indent on the start side: the right for RTL. */
	o.indent_start = 4;
	assert_int_equal(text_layout_paragraph(p, strlen(p), NULL, 0, &o, &tl), 0);
	for (size_t i = 0; i < tl.nlines; i++)
		assert_int_equal(tl.lines[i].pad + tl.lines[i].width, 18);
	text_lines_free(&tl);

	/* An LTR paragraph is indented on the left. */
	assert_int_equal(text_layout_paragraph("one two three", 13, NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.lines[0].pad, 4);
	text_lines_free(&tl);
}

static void
test_direction_follows(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	(void)state;

	/* No strong character: left to right unless the paragraph before was RTL. */
	assert_int_equal(text_layout_paragraph("123 - 456", 9, NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.resolved_dir, TEXT_DIR_LTR);
	text_lines_free(&tl);
	o.prev_dir = TEXT_DIR_RTL;
	assert_int_equal(text_layout_paragraph("123 - 456", 9, NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.resolved_dir, TEXT_DIR_RTL);
	text_lines_free(&tl);
	/* A strong character wins over the paragraph before. */
	assert_int_equal(text_layout_paragraph("abc", 3, NULL, 0, &o, &tl), 0);
	assert_int_equal(tl.resolved_dir, TEXT_DIR_LTR);
	text_lines_free(&tl);
	assert_int_equal(text_first_strong("123 אב", strlen("123 אב")), TEXT_DIR_RTL);
	/* What an isolate holds does not count (P2). */
	const char *iso = "\xE2\x81\xA7" "אב" "\xE2\x81\xA9" " x";
	assert_int_equal(text_first_strong(iso, strlen(iso)), TEXT_DIR_LTR);
	assert_int_equal(text_first_strong("12", 2), TEXT_DIR_AUTO);
	assert_int_equal(text_dir_of_lang("ar"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("fa-IR"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("UR"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("he"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("ku-Arab"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("az-Latn"), TEXT_DIR_LTR);
	assert_int_equal(text_dir_of_lang("en-US"), TEXT_DIR_LTR);
	assert_int_equal(text_dir_of_lang("arn"), TEXT_DIR_LTR);	/* Mapudungun */
	assert_int_equal(text_dir_of_lang(""), TEXT_DIR_AUTO);
	assert_int_equal(text_dir_of_lang(NULL), TEXT_DIR_AUTO);
	/* Whitespace around a tag, and tags that name no language (HTML lang="und"). */
	assert_int_equal(text_dir_of_lang(" ar"), TEXT_DIR_RTL);
	assert_int_equal(text_dir_of_lang("und"), TEXT_DIR_AUTO);
	assert_int_equal(text_dir_of_lang("zxx"), TEXT_DIR_AUTO);
	assert_int_equal(text_dir_of_lang("  "), TEXT_DIR_AUTO);
}

/* ---- hostile input --------------------------------------------------- */

static void
test_hostile(void **state)
{
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	char *got;
	(void)state;

	assert_show("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x1bPdcs\x1b\\ \xc2\x9b" "1mc1", 0,
	    TEXT_DIR_AUTO, true, "red ok c1");
	assert_show("bell\x07 del\x7f nul", 0, TEXT_DIR_AUTO, true, "bell del nul");
	assert_show("bad \xff\xfe utf8 \xe2\x82", 0, TEXT_DIR_AUTO, true,
	    "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8 \xEF\xBF\xBD\xEF\xBF\xBD");
	assert_show("a\xEF\xBB\xBF" "b\ttab\nnl", 0, TEXT_DIR_AUTO, true, "ab tab nl");

	/* RLO spoofing "invoice<RLO>fdp.exe": UAX #9 reverses what follows the
	 * RLO, but the control itself is never printed... */
	assert_show("invoice\xE2\x80\xAE" "fdp.exe", 0, TEXT_DIR_AUTO, true, "invoiceexe.pdf");
	/* ...and callers with untrusted one-line text strip the controls first. */
	o.strip_bidi = true;
	got = show_o("invoice\xE2\x80\xAE" "fdp.exe", &o);
	assert_string_equal(got, "invoicefdp.exe");
	free(got);
	/* No explicit control is ever printed, wrapped or not. */
	const char *ctl = "\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE"
	    "\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C";
	for (int w = 0; w <= 3; w++) {
		char buf[256];
		snprintf(buf, sizeof buf, "x%sy %s z", ctl, ctl);
		got = show(buf, w, TEXT_DIR_AUTO, true);
		assert_null(strstr(got, "\xE2\x80\xAE"));
		assert_null(strstr(got, "\xE2\x81\xA7"));
		assert_null(strstr(got, "\xE2\x80\x8F"));
		assert_null(strstr(got, "\xD8\x9C"));
		assert_null(strchr(got, '\x1b'));
		free(got);
	}
	const char *raw = "a\x1b[2Jb\nc\xE2\x80\xAE";
	got = text_sanitize(raw, strlen(raw), true);
	assert_string_equal(got, "ab\nc");
	free(got);
}

/* ---- maps and spans -------------------------------------------------- */

static void
check_maps(const struct text_line *l)
{
	int col = l->pad;
	for (size_t i = 0; i < l->ncells; i++) {
		const struct text_cell *c = &l->cells[i];
		if (c->width == 0)
			continue;
		assert_int_equal(text_line_col_of(l, c->log_off), col);
		/* Every byte of the cluster maps to the same column. */
		assert_int_equal(text_line_col_of(l, c->log_off + c->log_len - 1), col);
		for (int k = 0; k < c->width; k++)
			assert_int_equal(text_line_off_at(l, col + k), c->log_off);
		col += c->width;
	}
	assert_int_equal(col, l->pad + l->width);
	assert_int_equal(text_line_off_at(l, col), (size_t)-1);
	if (l->pad > 0)
		assert_int_equal(text_line_off_at(l, l->pad - 1), (size_t)-1);
	assert_int_equal(text_line_col_of(l, l->log_end + 1), -1);
}

static void
test_maps(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(30, TEXT_DIR_AUTO, true);
	const char *p = "سعر (BTC) ارتفع 3.5% اليوم: مُحَمَّد قال «لا» 中文 😀 ok";
	(void)state;

	assert_int_equal(text_layout_paragraph(p, strlen(p), NULL, 0, &o, &tl), 0);
	assert_true(tl.nlines >= 2);
	for (size_t i = 0; i < tl.nlines; i++)
		check_maps(&tl.lines[i]);
	/* The first logical character of an RTL line is at its right end. */
	assert_int_equal(text_line_col_of(&tl.lines[0], 0),
	    tl.lines[0].pad + tl.lines[0].width - 1);
	/* "BTC" is left to right inside: B left of T. */
	size_t b = strstr(p, "BTC") - p;
	assert_int_equal(text_line_col_of(&tl.lines[0], b) + 1,
	    text_line_col_of(&tl.lines[0], b + 1));
	text_lines_free(&tl);

	o.width = 0;
	assert_int_equal(text_layout_paragraph(p, strlen(p), NULL, 0, &o, &tl), 0);
	check_maps(&tl.lines[0]);
	text_lines_free(&tl);
}

static void
test_spans(void **state)
{
	struct text_lines tl;
	struct text_opts o = opts(0, TEXT_DIR_AUTO, true);
	const char *t = "\x1b[1mbold\x1b[0m plain";
	struct text_span sp[] = { { 4, 8, TEXT_ATTR_BOLD }, { 13, 18, TEXT_ATTR_LINK } };
	(void)state;

	assert_int_equal(text_layout_paragraph(t, strlen(t), sp, 2, &o, &tl), 0);
	assert_string_equal(tl.logical, "bold plain");
	assert_int_equal(tl.lines[0].ncells, 10);
	for (size_t i = 0; i < 10; i++) {
		uint16_t want = i < 4 ? TEXT_ATTR_BOLD : i == 4 ? 0 : TEXT_ATTR_LINK;
		assert_int_equal(tl.lines[0].cells[i].attr, want);
	}
	text_lines_free(&tl);

	/* Spans from the very start, touching, to the very end. */
	const char *l = "[1] https://x.org";
	struct text_span sl[] = { { 0, 3, TEXT_ATTR_DIM }, { 4, 17, TEXT_ATTR_LINK },
		{ 0, 17, TEXT_ATTR_MATCH } };
	assert_int_equal(text_layout_paragraph(l, strlen(l), sl, 3, &o, &tl), 0);
	assert_string_equal(tl.logical, l);
	assert_string_equal(tl.lines[0].utf8, l);
	assert_int_equal(tl.lines[0].cells[0].attr, TEXT_ATTR_DIM | TEXT_ATTR_MATCH);
	assert_int_equal(tl.lines[0].cells[3].attr, TEXT_ATTR_MATCH);
	assert_int_equal(tl.lines[0].cells[16].attr, TEXT_ATTR_LINK | TEXT_ATTR_MATCH);
	text_lines_free(&tl);
}

/* ---- properties over widths 10..200 ---------------------------------- */

static const char *const paragraphs[] = {
	"أعلنت الحكومة اليوم عن خطة جديدة لدعم الطاقة الشمسية في المدن الكبرى، "
	"وقال المتحدث باسم وزارة الطاقة إن المشروع سيكلف نحو 3.5 مليار دولار "
	"حتى عام 2030، مع مشاركة شركات مثل Siemens وTotalEnergies.",
	"The central bank left rates unchanged at 5.25% on Wednesday, while the "
	"dollar index (DXY) slipped 0.3% and gold rose to $2,350 an ounce.",
	"قال الشاعر: «إِنَّ الْعِلْمَ نُورٌ» ثُمَّ سَكَتَ طَوِيلًا، وَكَتَبَ عَلَى اللَّوْحِ "
	"كَلِمَاتٍ لَا تُنْسَى عن الحُبِّ والسَّلَام.",
	"Mixed: پژوهشگران ایرانی می‌گویند که 中文新闻 and עברית בתוך הטקסט 😀👍🏽 "
	"https://example.org/very/long/path/that-does-not-fit-anywhere?id=12345 end",
	"لالالالالالالالالالالالالالالالالالالالالالالالالالالالالالالالالا",
	"    indented start, then words ending with spaces   ",
};

static void
check_layout(const char *p, int width, bool shape)
{
	struct text_lines tl;
	struct text_opts o = opts(width, TEXT_DIR_AUTO, shape);
	size_t n = strlen(p);
	char *seen;

	assert_int_equal(text_layout_paragraph(p, n, NULL, 0, &o, &tl), 0);
	/* The sample text is clean: the logical text is the input. */
	assert_int_equal(tl.logical_len, n);
	seen = calloc(n + 1, 1);
	assert_int_equal(tl.lines[0].log_start, 0);
	assert_int_equal(tl.lines[tl.nlines - 1].log_end, n);
	for (size_t i = 0; i < tl.nlines; i++) {
		const struct text_line *l = &tl.lines[i];
		int sum = 0;
		if (i > 0)
			assert_int_equal(l->log_start, tl.lines[i - 1].log_end);
		assert_true(l->pad + l->width <= width);
		for (size_t c = 0; c < l->ncells; c++) {
			const struct text_cell *cell = &l->cells[c];
			sum += cell->width;
			assert_true(cell->log_off >= l->log_start);
			assert_true(cell->log_off + cell->log_len <= l->log_end);
			for (size_t k = cell->log_off; k < cell->log_off + cell->log_len; k++) {
				assert_int_equal(seen[k], 0);
				seen[k] = 1;
			}
		}
		assert_int_equal(sum, l->width);
	}
	/* Everything but spaces is drawn exactly once, and no cell straddles
	 * a grapheme cluster boundary (but a lam-alef ligature covers two). */
	char *inside = calloc(n + 1, 1);
	for (size_t i = 0; i < tl.nlines; i++)
		for (size_t c = 0; c < tl.lines[i].ncells; c++) {
			const struct text_cell *cell = &tl.lines[i].cells[c];
			bool liga = cell->log_len == 4 && (uint8_t)p[cell->log_off] == 0xD9 &&
			    (uint8_t)p[cell->log_off + 1] == 0x84;
			if (!liga)
				for (size_t k = cell->log_off + 1; k < cell->log_off + cell->log_len; k++)
					inside[k] = 1;
		}
	utf8proc_int32_t st = 0, prev = -1;
	for (size_t k = 0; k < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)p + k,
		    (utf8proc_ssize_t)(n - k), &cp);
		assert_true(m > 0);
		if (cp != ' ' && cp != 0x200C)
			assert_int_equal(seen[k], 1);
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &st))
			assert_int_equal(inside[k], 0);
		prev = cp;
		k += (size_t)m;
	}
	free(inside);
	free(seen);
	text_lines_free(&tl);
}

static void
test_property_widths(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++)
		for (int w = 10; w <= 200; w += (w < 40 ? 1 : 7)) {
			check_layout(paragraphs[i], w, true);
			check_layout(paragraphs[i], w, false);
		}
}

/*
 * Blanks at a paragraph's ends never widen a line: blanks opening it that do
 * not fit hang like the blanks at a break. The first case is the fuzzer's
 * reproducer: eight spaces and a word at width 5 gave an 8-cell line.
 */
static void
test_blank_ends(void **state)
{
	static const char *const blanks[] = { " ", "\t", "\u3000", " \u200b " };
	static const char *const words[] = { "word", "كلمة", "a b", "長い" };
	(void)state;

	struct text_opts o5 = opts(5, TEXT_DIR_AUTO, true);
	struct text_lines tl5;
	assert_int_equal(text_layout_paragraph("        word", 12, NULL, 0, &o5, &tl5), 0);
	assert_int_equal(tl5.nlines, 2);
	assert_int_equal(tl5.lines[0].width, 5);	/* was 8 */
	assert_int_equal(tl5.lines[0].log_end, 8);	/* the other three hang */
	assert_string_equal(tl5.lines[1].utf8, "word");
	text_lines_free(&tl5);
	assert_show("        word", 5, TEXT_DIR_AUTO, true, "\nword");
	/* blanks that fit stay, as before */
	assert_show("   word", 10, TEXT_DIR_AUTO, true, "   word");
	for (size_t b = 0; b < sizeof blanks / sizeof blanks[0]; b++)
		for (size_t wd = 0; wd < sizeof words / sizeof words[0]; wd++)
			for (int lead = 0; lead <= 30; lead += 3)
				for (int trail = 0; trail <= 30; trail += 10) {
					char p[512] = "";
					for (int k = 0; k < lead; k++)
						strcat(p, blanks[b]);
					strcat(p, words[wd]);
					for (int k = 0; k < trail; k++)
						strcat(p, blanks[b]);
					for (int w = 1; w <= 20; w++) {
						struct text_lines tl;
						struct text_opts o = opts(w, TEXT_DIR_AUTO, true);
						assert_int_equal(text_layout_paragraph(p, strlen(p), NULL,
						    0, &o, &tl), 0);
						for (size_t i = 0; i < tl.nlines; i++) {
							const struct text_line *l = &tl.lines[i];
							/* a lone wide cluster may fill a 1-column line */
							if (l->width > w && !(w == 1 && l->ncells == 1))
								fail_msg("blank %zu word %zu lead %d trail %d "
								    "width %d: line %zu is %d wide", b, wd,
								    lead, trail, w, i, l->width);
							assert_true(l->pad + l->width <= (w > 1 ? w : 2));
						}
						text_lines_free(&tl);
					}
				}
}


/*
 * Issue 13: the base direction comes from, in order, dir, the nearest lang,
 * the item's or feed's language, the per-feed setting, and only then the
 * text, where most words win. Each row leaves the stronger sources empty
 * and shows that the next one decides even against everything weaker.
 */
static void
test_dir_resolve_order(void **state)
{
	/* A Latin-first Arabic headline: the first strong letter is Latin. */
	const char *ar = "Google \xd8\xaa\xd8\xb9\xd9\x84\xd9\x86 \xd8\xb9\xd9\x86 "
	    "\xd9\x86\xd9\x85\xd9\x88\xd8\xb0\xd8\xac \xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf";
	const char *en = "Markets rally as \xd8\xa7\xd9\x84\xd8\xaf\xd9\x88\xd9\x84\xd8\xa7\xd8\xb1 falls";
	struct {
		enum text_dir dir;
		const char *lang, *doc_lang;
		enum text_dir setting;
		const char *text;
		enum text_dir want;
	} rows[] = {
		/* dir beats everything after it */
		{ TEXT_DIR_LTR, "ar", "ar", TEXT_DIR_RTL, ar, TEXT_DIR_LTR },
		{ TEXT_DIR_RTL, "en", "en", TEXT_DIR_LTR, en, TEXT_DIR_RTL },
		/* then the nearest lang */
		{ TEXT_DIR_AUTO, "ar", "en", TEXT_DIR_LTR, en, TEXT_DIR_RTL },
		{ TEXT_DIR_AUTO, "en-US", "ar", TEXT_DIR_RTL, ar, TEXT_DIR_LTR },
		/* then the item's or feed's language ("und" says nothing) */
		{ TEXT_DIR_AUTO, NULL, "ar-EG", TEXT_DIR_LTR, en, TEXT_DIR_RTL },
		{ TEXT_DIR_AUTO, "und", "en", TEXT_DIR_RTL, ar, TEXT_DIR_LTR },
		/* then the per-feed direction setting */
		{ TEXT_DIR_AUTO, NULL, NULL, TEXT_DIR_RTL, en, TEXT_DIR_RTL },
		{ TEXT_DIR_AUTO, NULL, "", TEXT_DIR_LTR, ar, TEXT_DIR_LTR },
		/* then most words, not the first letter */
		{ TEXT_DIR_AUTO, NULL, NULL, TEXT_DIR_AUTO, ar, TEXT_DIR_RTL },
		{ TEXT_DIR_AUTO, NULL, NULL, TEXT_DIR_AUTO, en, TEXT_DIR_LTR },
		/* nothing strong at all: the caller decides */
		{ TEXT_DIR_AUTO, NULL, NULL, TEXT_DIR_AUTO, "2026 - 40%", TEXT_DIR_AUTO },
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct text_dir_sources src = {
			.dir = rows[i].dir, .lang = rows[i].lang, .doc_lang = rows[i].doc_lang,
			.setting = rows[i].setting, .text = rows[i].text,
			.len = strlen(rows[i].text),
		};
		if (text_dir_resolve(&src) != rows[i].want)
			fail_msg("row %zu: got %d, want %d", i, (int)text_dir_resolve(&src),
			    (int)rows[i].want);
	}
	/* The first strong letter alone would say the opposite. */
	assert_int_equal(text_first_strong(ar, strlen(ar)), TEXT_DIR_LTR);
	assert_int_equal(text_first_strong(en, strlen(en)), TEXT_DIR_LTR);
}

/* Words are counted, not letters: "Apple" and "iPhone" are two words
 * against two Arabic ones, and a tie reads right to left. */
static void
test_majority_words(void **state)
{
	const char *tie = "Apple \xd8\xaa\xd8\xb7\xd9\x84\xd9\x82 \xd9\x87\xd8\xa7\xd8\xaa\xd9\x81 iPhone 17";
	const char *latin = "NileChain ETF SEC \xd8\xaa\xd8\xae\xd9\x81\xd8\xb6";
	struct text_strong_count c = { 0 };

	(void)state;
	assert_int_equal(text_majority_strong(tie, strlen(tie)), TEXT_DIR_RTL);
	assert_int_equal(text_majority_strong(latin, strlen(latin)), TEXT_DIR_LTR);
	assert_int_equal(text_majority_strong("40%.", 4), TEXT_DIR_AUTO);
	text_count_strong(tie, strlen(tie), &c);
	assert_int_equal(c.ltr, 2);
	assert_int_equal(c.rtl, 2);
	assert_int_equal(c.first, TEXT_DIR_LTR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latin_unchanged),
		cmocka_unit_test(test_arabic_brand_numbers),
		cmocka_unit_test(test_mirroring),
		cmocka_unit_test(test_hebrew),
		cmocka_unit_test(test_harakat),
		cmocka_unit_test(test_tatweel),
		cmocka_unit_test(test_lam_alef),
		cmocka_unit_test(test_persian_urdu),
		cmocka_unit_test(test_wide_and_emoji),
		cmocka_unit_test(test_url_in_rtl),
		cmocka_unit_test(test_wrap_rtl),
		cmocka_unit_test(test_direction_follows),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_property_widths),
		cmocka_unit_test(test_blank_ends),
		cmocka_unit_test(test_dir_resolve_order),
		cmocka_unit_test(test_majority_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
