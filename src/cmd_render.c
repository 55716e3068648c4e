/*
 * newsreader render: lay a document out as the article view does and print
 * its screen lines in visual order (CLI.md). HTML goes through src/html;
 * with --input text every input line is one paragraph.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "html/html.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Documents larger than this are refused rather than read whole. */
#define RENDER_MAX_INPUT ((size_t)1 << 30)

static int
read_input(const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "newsreader: render: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf_init(b, RENDER_MAX_INPUT);
	buf_append(b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!buf_append(b, chunk, n)) {
			fprintf(stderr, "newsreader: render: %s: larger than %zu bytes\n", path,
			    RENDER_MAX_INPUT);
			if (f != stdin)
				fclose(f);
			return -1;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "newsreader: render: %s: %s\n", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

/* Output collected in a large buffer: one write per OUT_CAP bytes, not per line. */
#define OUT_CAP 65536

struct out {
	FILE *f;
	size_t len;
	char buf[OUT_CAP];
};

static void
out_flush(struct out *o)
{
	if (o->len > 0)
		fwrite(o->buf, 1, o->len, o->f);
	o->len = 0;
}

static void
out_write(struct out *o, const char *s, size_t n)
{
	if (o->len + n > OUT_CAP) {
		out_flush(o);
		if (n > OUT_CAP) {
			fwrite(s, 1, n, o->f);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* As text_line_to_utf8(): pad spaces, then the cells; no trailing spaces. */
static void
print_line(const struct text_line *line, struct out *o)
{
	size_t n = strlen(line->utf8);

	while (n > 0 && line->utf8[n - 1] == ' ')
		n--;
	if (n > 0) {
		for (int pad = line->pad; pad > 0; ) {
			size_t k = pad < 1024 ? (size_t)pad : 1024;
			if (o->len + k > OUT_CAP)
				out_flush(o);
			memset(o->buf + o->len, ' ', k);
			o->len += k;
			pad -= (int)k;
		}
		out_write(o, line->utf8, n);
	}
	out_write(o, "\n", 1);
}

/* --input text: one paragraph per input line. */
static void
render_text(const char *data, size_t len, const struct text_opts *base, struct out *out)
{
	struct text_opts o = *base;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, l = end - i;
		struct text_lines tl;

		if (l > 0 && data[i + l - 1] == '\r')
			l--;
		text_layout_paragraph(data + i, l, NULL, 0, &o, &tl);
		for (size_t k = 0; k < tl.nlines; k++)
			print_line(&tl.lines[k], out);
		/* A paragraph without strong characters follows the one before. */
		o.prev_dir = tl.resolved_dir;
		text_lines_free(&tl);
		i = end + 1;
	}
}

static int
usage_error(const char *msg, const char *arg)
{
	if (arg)
		fprintf(stderr, "newsreader: render: %s '%s'\n", msg, arg);
	else
		fprintf(stderr, "newsreader: render: %s\n", msg);
	fprintf(stderr, "Usage: newsreader render [--width N] [--dir auto|ltr|rtl] "
	    "[--no-shape] [--input html|text] FILE|-\n");
	return EXIT_USAGE;
}

int
cmd_render(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "dir", required_argument, NULL, 'd' },
		{ "no-shape", no_argument, NULL, 's' },
		{ "input", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct text_opts o;
	struct out *out;
	bool text_input = false;
	const char *path;
	struct buf b;
	int c, rc = EXIT_OK;

	(void)g;
	text_opts_default(&o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'w': {
			char *end;
			long v;
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 100000)
				return usage_error("invalid --width (expected columns, 0 to 100000):",
				    optarg);
			o.width = (int)v;
			break;
		}
		case 'd':
			if (strcmp(optarg, "auto") == 0)
				o.dir = TEXT_DIR_AUTO;
			else if (strcmp(optarg, "ltr") == 0)
				o.dir = TEXT_DIR_LTR;
			else if (strcmp(optarg, "rtl") == 0)
				o.dir = TEXT_DIR_RTL;
			else
				return usage_error("invalid --dir (expected auto, ltr or rtl):", optarg);
			break;
		case 's':
			o.shape = false;
			break;
		case 'i':
			if (strcmp(optarg, "text") == 0)
				text_input = true;
			else if (strcmp(optarg, "html") == 0)
				text_input = false;
			else
				return usage_error("invalid --input (expected html or text):", optarg);
			break;
		case 'h':
			printf("Usage: newsreader render [--width N] [--dir auto|ltr|rtl] "
			    "[--no-shape] [--input html|text] FILE|-\n");
			return EXIT_OK;
		case ':':
			return usage_error("option needs a value:", argv[optind - 1]);
		default:
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return usage_error(argc - optind == 0 ? "missing FILE (or - for standard input)" :
		    "one FILE only, got", argc - optind == 0 ? NULL : argv[optind + 1]);
	path = argv[optind];
	if (read_input(path, &b) != 0)
		return EXIT_FAIL;
	o.scratch = text_scratch_new();
	out = xmalloc(sizeof *out);
	out->f = stdout;
	out->len = 0;

	if (text_input) {
		render_text(b.data, b.len, &o, out);
	} else {
		struct html_opts ho = { .text = o, .lang = NULL, .base_url = NULL };
		struct html_doc doc;
		char *err = NULL;
		if (html_layout(b.data, b.len, &ho, &doc, &err) != 0) {
			fprintf(stderr, "newsreader: render: %s: %s\n", path, err ? err : "cannot lay out");
			free(err);
			buf_free(&b);
			text_scratch_free(&o.scratch);
			free(out);
			return EXIT_FAIL;
		}
		for (size_t i = 0; i < doc.nlines; i++)
			print_line(&doc.lines[i].line, out);
		html_doc_free(&doc);
	}
	out_flush(out);
	free(out);
	buf_free(&b);
	text_scratch_free(&o.scratch);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "newsreader: render: standard output: %s\n", strerror(errno));
		rc = EXIT_FAIL;
	}
	return rc;
}
