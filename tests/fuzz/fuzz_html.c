/*
 * libFuzzer target for html_layout() (src/html/html.h): the input is the
 * HTML, laid out at widths 0, 40 and 80 in both directions. Every line,
 * cell and link is read; the document invariants html_test checks on its
 * fixed documents must hold for any bytes.
 */
#include "config.h"

#include "html/html.h"

#include "fuzz.h"

static bool
separator(const struct html_doc *doc, size_t i)
{
	return i > 0 && doc->lines[i].line.ncells == 0 &&
	    doc->lines[i - 1].para == doc->lines[i].para;
}

static void
check_doc(const struct html_doc *doc, int width)
{
	if (doc->nlines > 0 && (doc->lines == NULL || doc->paras == NULL))
		fuzz_fail("lines without arrays");
	for (size_t i = 0; i < doc->nparas; i++) {
		const struct text_lines *p = &doc->paras[i];
		fuzz_touch_mem(p->logical, p->logical_len);
		if (p->logical != NULL && strlen(p->logical) > p->logical_len)
			fuzz_fail("para %zu: logical text longer than logical_len", i);
	}
	for (size_t i = 0; i < doc->nlines; i++) {
		const struct text_line *l = &doc->lines[i].line;
		int sum = 0;
		size_t ulen;

		if (doc->lines[i].para >= doc->nparas)
			fuzz_fail("line %zu: para %zu of %zu", i, doc->lines[i].para, doc->nparas);
		fuzz_check_clean(l->utf8, false, "html line");
		ulen = strlen(l->utf8);
		for (size_t c = 0; c < l->ncells; c++) {
			const struct text_cell *cell = &l->cells[c];
			if ((size_t)cell->off + cell->len > ulen)
				fuzz_fail("line %zu cell %zu: bytes %u+%u past %zu", i, c, cell->off,
				    cell->len, ulen);
			if (cell->width > 2)
				fuzz_fail("line %zu cell %zu: width %u", i, c, cell->width);
			sum += cell->width;
		}
		if (sum != l->width)
			fuzz_fail("line %zu: cells sum to %d, width says %d", i, sum, l->width);
		if (l->pad < 0)
			fuzz_fail("line %zu: pad %d", i, l->pad);
		if (width > 0 && l->pad + l->width > width)
			fuzz_fail("line %zu: pad %d + width %d > %d", i, l->pad, l->width, width);
		/* The blank line between blocks (it carries the paragraph of the
		 * line before it, while an empty <pre> line, which is content, has
		 * a paragraph of its own) is never last, nor doubled. */
		if (separator(doc, i)) {
			if (i + 1 == doc->nlines)
				fuzz_fail("line %zu of %zu is a blank separator", i, doc->nlines);
			if (separator(doc, i - 1))
				fuzz_fail("lines %zu and %zu are both blank separators", i - 1, i);
		}
		char *s = text_line_to_utf8(l);
		fuzz_touch(s);
		free(s);
	}
	for (size_t i = 0; i < doc->nlinks; i++) {
		if (doc->links[i] == NULL)
			fuzz_fail("link %zu is NULL", i);
		fuzz_touch(doc->links[i]);
		fuzz_check_clean(doc->links[i], false, "link");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 0, 40, 80 };
	static const char *const langs[] = { NULL, "ar", "en", "" };
	unsigned opt = size > 0 ? data[size - 1] : 0;

	for (int dir = TEXT_DIR_LTR; dir <= TEXT_DIR_RTL; dir++) {
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			struct html_opts o;
			struct html_doc doc;
			char *err = NULL;

			memset(&o, 0, sizeof o);
			text_opts_default(&o.text);
			o.text.width = widths[w];
			o.text.dir = (enum text_dir)dir;
			o.text.shape = !(opt & 4);
			o.text.reorder = !(opt & 8);
			o.lang = langs[opt & 3];
			o.base_url = (opt & 16) ? NULL : "https://example.org/news/a.html";
			if (html_layout((const char *)data, size, &o, &doc, &err) != 0) {
				if (err == NULL)
					fuzz_fail("html_layout failed without a message");
				fuzz_touch(err);
				free(err);
				continue;
			}
			check_doc(&doc, widths[w]);
			html_doc_free(&doc);
		}
	}
	return 0;
}
