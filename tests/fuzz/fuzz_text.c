/*
 * libFuzzer target for the layout engine (src/text/text.h). Input: byte 0
 * picks the options (bits 0-2 width 0,1,2,3,5,10,40,80; bits 3-4 direction
 * auto/ltr/rtl/auto after an RTL paragraph; bit 5 no shaping; bit 6 no
 * reordering; bit 7 strip bidi controls), byte 1 the indents (bits 0-1
 * start, 2-3 end), up to three attribute spans (bits 4-5) and scratch
 * memory (bit 6); the rest is the paragraph. After layout the promises of
 * text.h are checked and any violation abort()s:
 *  - no line wider than the width (a lone wide cluster or lam-alef pair
 *    may overflow a one-column line), padding included;
 *  - the lines cover the logical text in order, without gaps;
 *  - text_line_col_of() and text_line_off_at() agree with the cells;
 *  - nothing a terminal would act on is in a line or in text_sanitize().
 */
#include "config.h"

#include "text/text.h"

#include "fuzz.h"

/* An explicit bidi control, BOM, or (for lines) other format characters
 * text.h says get no cell; s is known to be valid UTF-8. */
static const char *
find_invisible(const char *s, bool line)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			return "U+FEFF";
		if (p[0] != 0xe2 || p[1] == '\0')
			continue;
		/* U+202A..U+202E: e2 80 aa..ae; U+2066..U+2069: e2 81 a6..a9 */
		if (p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			return "bidi embedding/override";
		if (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return "bidi isolate";
		/* U+200B ZWSP, U+200E LRM, U+200F RLM */
		if (line && p[1] == 0x80 && (p[2] == 0x8b || p[2] == 0x8e || p[2] == 0x8f))
			return "ZWSP/LRM/RLM";
	}
	return NULL;
}

/* Cells and offsets checked at each end of a long line. */
#define SAMPLE 128

static void
check_line(const struct text_lines *out, size_t li, const struct text_opts *o)
{
	const struct text_line *l = &out->lines[li];
	int width = o->width, istart = o->indent_start, iend = o->indent_end;
	int avail = width - istart - iend, col, sum = 0, nvis = 0;
	size_t ulen;
	const char *why;

	if (avail < 1)
		avail = 1;
	fuzz_check_clean(l->utf8, false, "line utf8");
	if ((why = find_invisible(l->utf8, true)) != NULL)
		fuzz_fail("line %zu shows an invisible character (%s)", li, why);
	ulen = strlen(l->utf8);
	if (l->rtl != (out->resolved_dir == TEXT_DIR_RTL))
		fuzz_fail("line %zu: rtl %d, paragraph %d", li, l->rtl, out->resolved_dir);
	if (l->log_start > l->log_end || l->log_end > out->logical_len)
		fuzz_fail("line %zu: range [%zu,%zu) of %zu", li, l->log_start, l->log_end,
		    out->logical_len);
	if (l->pad < 0)
		fuzz_fail("line %zu: pad %d", li, l->pad);
	for (size_t c = 0; c < l->ncells; c++) {
		const struct text_cell *cell = &l->cells[c];
		if ((size_t)cell->off + cell->len > ulen)
			fuzz_fail("line %zu cell %zu: bytes [%u,+%u) past %zu", li, c, cell->off,
			    cell->len, ulen);
		if (cell->width > 2)
			fuzz_fail("line %zu cell %zu: width %u", li, c, cell->width);
		if (cell->log_off < l->log_start ||
		    (size_t)cell->log_off + cell->log_len > l->log_end)
			fuzz_fail("line %zu cell %zu: logical [%u,+%u) outside [%zu,%zu)", li, c,
			    cell->log_off, cell->log_len, l->log_start, l->log_end);
		sum += cell->width;
		nvis += cell->width > 0;
	}
	if (sum != l->width)
		fuzz_fail("line %zu: cells sum to %d, width says %d", li, sum, l->width);
	if (width == 0 && out->nlines != 1)
		fuzz_fail("width 0 gave %zu lines", out->nlines);
	if (width > 0 && l->width > avail && !(avail == 1 && l->width == 2 && nvis <= 2))
		fuzz_fail("line %zu: width %d in %d columns (width %d, indents %d/%d), %d cells",
		    li, l->width, avail, width, istart, iend, nvis);
	if (width > 0 && width - istart - iend >= l->width && l->pad + l->width > width)
		fuzz_fail("line %zu: pad %d + width %d > %d", li, l->pad, l->width, width);

	/* The column maps against the cells, left to right. */
	col = l->pad;
	if (col > 0 && text_line_off_at(l, col - 1) != (size_t)-1)
		fuzz_fail("line %zu: column %d in the padding has an offset", li, col - 1);
	for (size_t c = 0; c < l->ncells; c++) {
		const struct text_cell *cell = &l->cells[c];
		/* Both maps are linear in the cells: sample long lines. */
		if (c >= SAMPLE && c + SAMPLE < l->ncells) {
			col += cell->width;
			continue;
		}
		int back = text_line_col_of(l, cell->log_off);
		if (back != col)
			fuzz_fail("line %zu cell %zu: at column %d, col_of(%u) = %d", li, c, col,
			    cell->log_off, back);
		for (int k = 0; k < cell->width; k++) {
			size_t off = text_line_off_at(l, col + k);
			if (off != cell->log_off)
				fuzz_fail("line %zu cell %zu: off_at(%d) = %zd, cell starts at %u",
				    li, c, col + k, (ssize_t)off, cell->log_off);
		}
		col += cell->width;
	}
	if (text_line_off_at(l, col) != (size_t)-1)
		fuzz_fail("line %zu: column %d past the end has an offset", li, col);
	/* Every offset of the line maps to a column on it. */
	size_t step = (l->log_end - l->log_start) / (2 * SAMPLE) + 1;
	for (size_t off = l->log_start; off <= l->log_end; off += step) {
		int c = text_line_col_of(l, off);
		if (c < 0 || c > l->pad + l->width)
			fuzz_fail("line %zu: col_of(%zu) = %d, line spans %d..%d", li, off, c,
			    l->pad, l->pad + l->width);
	}
	char *s = text_line_to_utf8(l);
	fuzz_touch(s);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 0, 1, 2, 3, 5, 10, 40, 80 };
	struct text_span spans[3];
	struct text_opts o;
	struct text_lines out;
	struct text_scratch *scratch = NULL;
	const char *text;
	size_t len, nspans;
	unsigned b0, b1;
	char *san;
	const char *why;

	if (size < 2)
		return 0;
	b0 = data[0];
	b1 = data[1];
	text = (const char *)data + 2;
	len = size - 2;

	text_opts_default(&o);
	o.width = widths[b0 & 7];
	switch ((b0 >> 3) & 3) {
	case 0: o.dir = TEXT_DIR_AUTO; break;
	case 1: o.dir = TEXT_DIR_LTR; break;
	case 2: o.dir = TEXT_DIR_RTL; break;
	case 3: o.dir = TEXT_DIR_AUTO; o.prev_dir = TEXT_DIR_RTL; break;
	}
	o.shape = !(b0 & 0x20);
	o.reorder = !(b0 & 0x40);
	o.strip_bidi = (b0 & 0x80) != 0;
	o.indent_start = b1 & 3;
	o.indent_end = (b1 >> 2) & 3;
	/* Sorted, disjoint spans over the text as given. */
	nspans = (b1 >> 4) & 3;
	for (size_t i = 0, at = 0; i < nspans; i++) {
		size_t start = at + (len - at) * (b1 + 3 * i + 1) % 7 / 7;
		size_t end = start + (len - start) / 2;
		spans[i].start = start;
		spans[i].end = end;
		spans[i].attr = (uint16_t)(1u << i | TEXT_ATTR_LINK);
		at = end;
	}
	if (b1 & 0x40) {
		scratch = text_scratch_new();
		o.scratch = scratch;
	}

	if (text_layout_paragraph(text, len, nspans ? spans : NULL, nspans, &o, &out) != 0)
		fuzz_fail("text_layout_paragraph failed");
	if (out.nlines == 0)
		fuzz_fail("no lines");
	if (out.resolved_dir != TEXT_DIR_LTR && out.resolved_dir != TEXT_DIR_RTL)
		fuzz_fail("resolved_dir %d", out.resolved_dir);
	fuzz_touch_mem(out.logical, out.logical_len);
	if (out.lines[0].log_start != 0)
		fuzz_fail("first line starts at %zu", out.lines[0].log_start);
	if (out.lines[out.nlines - 1].log_end != out.logical_len)
		fuzz_fail("last line ends at %zu of %zu", out.lines[out.nlines - 1].log_end,
		    out.logical_len);
	for (size_t i = 0; i < out.nlines; i++) {
		if (i > 0 && out.lines[i].log_start != out.lines[i - 1].log_end)
			fuzz_fail("line %zu starts at %zu, line %zu ended at %zu", i,
			    out.lines[i].log_start, i - 1, out.lines[i - 1].log_end);
		check_line(&out, i, &o);
	}
	/* The scratch is reused for a second paragraph. */
	if (scratch != NULL) {
		struct text_lines again;
		text_layout_paragraph(text, len / 2, NULL, 0, &o, &again);
		text_lines_free(&again);
	}
	text_lines_free(&out);
	text_scratch_free(&scratch);
	if (scratch != NULL)
		fuzz_fail("text_scratch_free did not clear the pointer");

	san = text_sanitize(text, len, (b1 & 0x80) != 0);
	fuzz_check_clean(san, (b1 & 0x80) != 0, "text_sanitize");
	if ((why = find_invisible(san, false)) != NULL)
		fuzz_fail("text_sanitize kept %s", why);
	free(san);
	if (text_width(text, len) < 0)
		fuzz_fail("negative text_width");
	fuzz_sink += (unsigned)text_first_strong(text, len);
	return 0;
}
