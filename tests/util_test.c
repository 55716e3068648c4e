/* Unit tests for src/util: buffers and the UTF-8 sanitizer. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static void
test_buf_cap(void **state)
{
	struct buf b;
	(void)state;
	buf_init(&b, 8);
	assert_true(buf_append_str(&b, "12345"));
	assert_false(buf_append_str(&b, "6789"));	/* would pass 8 */
	assert_string_equal(buf_str(&b), "12345");
	assert_true(buf_printf(&b, "%d", 678));
	assert_string_equal(buf_str(&b), "12345678");
	assert_false(buf_append_char(&b, 'x'));
	char *s = buf_detach(&b);
	assert_string_equal(s, "12345678");
	free(s);
	assert_string_equal(buf_str(&b), "");
}

static char *
clean(const char *s, int flags)
{
	return utf8_sanitize(s, strlen(s), flags, NULL);
}

static void
test_sanitize_table(void **state)
{
	static const struct { const char *in, *out; int flags; } cases[] = {
		{ "plain text", "plain text", 0 },
		{ "\x1b[31mred\x1b[0m", "red", 0 },
		{ "title\x1b]0;pwned\x07 end", "title end", 0 },
		{ "osc\x1b]52;c;ZXZpbA==\x1b\\ done", "osc done", 0 },
		{ "dcs\x1bPq#0;2;0;0;0\x1b\\x", "dcsx", 0 },
		/* A C1 CSI with parameters goes whole; without, only U+009B. */
		{ "c1 csi \xc2\x9b" "2J gone", "c1 csi  gone", 0 },
		{ "mojibake \xc3\x85\xc2\x9bwiat", "mojibake \xc3\x85wiat", 0 },
		/* Mojibake of a right quote: U+00E2 U+0080 U+009D, then text. */
		{ "said \xc3\xa2\xc2\x80\xc2\x9d" "and more", "said \xc3\xa2" "and more", 0 },
		/* Unterminated, unbounded or markup-holding strings lose only ESC. */
		{ "osc\x1b]0;no end in sight", "osc]0;no end in sight", 0 },
		{ "dcs\x1bP<b>x</b>\x07 y", "dcsP<b>x</b> y", 0 },
		{ "esc\x1b word", "esc word", 0 },
		{ "csi\x1b[12;\xd8\xb9", "csi[12;\xd8\xb9", 0 },
		{ "nf\x1b(B ok", "nf ok", 0 },
		{ "st\x1b]2;t\xc2\x9c after", "st after", 0 },
		{ "bell\x07 and nul-free", "bell and nul-free", 0 },
		{ "bad \xff\xfe bytes", "bad \xef\xbf\xbd\xef\xbf\xbd bytes", 0 },
		{ "overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd", 0 },
		{ "line\r\nnext\ttab", "line next tab", 0 },
		{ "line\r\nnext\ttab", "line\nnext\ttab", UTF8_KEEP_NEWLINES },
		/* RLO spoofing: "\u202Egnp.exe" must lose its override. */
		{ "file\xe2\x80\xae" "gnp.exe", "filegnp.exe", 0 },
		{ "\xef\xbb\xbf" "bom", "bom", 0 },
		{ "a\xe2\x80\x8f" "b", "a\xe2\x80\x8f" "b", UTF8_KEEP_BIDI },
		/* Arabic with harakat and ZWNJ stays intact. */
		{ "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xe2\x80\x8c", "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xe2\x80\x8c", 0 },
		{ "trailing esc\x1b", "trailing esc", 0 },
		{ "esc\x1b" "7then\x1b" "cletters", "esc7thencletters", 0 },
		{ "del\x7f!", "del!", 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = clean(cases[i].in, cases[i].flags);
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, got, cases[i].out);
		free(got);
	}
}

/*
 * Text after every kind of stray control character survives byte for
 * byte: each C0 control, DEL, each C1 control (as UTF-8) and ESC, between
 * two words, with and without UTF8_KEEP_NEWLINES.
 */
static void
test_sanitize_stray_controls(void **state)
{
	static const char tail[] = " after \xd8\xa8\xd8\xb9\xd8\xaf \xe2\x80\x9cquoted\xe2\x80\x9d";
	(void)state;
	for (uint32_t cp = 0; cp <= 0x9F; cp++) {
		if (cp >= 0x20 && cp < 0x7F)
			continue;
		for (int flags = 0; flags <= UTF8_KEEP_NEWLINES; flags += UTF8_KEEP_NEWLINES) {
			char in[64], want[64], u[4];
			size_t n = utf8_encode(cp, u), len;
			memcpy(in, "before", 6);
			memcpy(in + 6, u, n);
			memcpy(in + 6 + n, tail, sizeof tail);
			if (cp == '\t' || cp == '\n' || cp == '\r')
				snprintf(want, sizeof want, "before%c%s",
				    !(flags & UTF8_KEEP_NEWLINES) ? ' ' : cp == '\t' ? '\t' : '\n', tail);
			else
				snprintf(want, sizeof want, "before%s", tail);
			char *got = utf8_sanitize(in, 6 + n + sizeof tail - 1, flags, &len);
			if (len != strlen(want) || memcmp(got, want, len) != 0)
				fail_msg("U+%04X flags %d: got '%s', want '%s'", (unsigned)cp, flags,
				    got, want);
			free(got);
		}
	}
	/* A control string that runs past its bound is not one: only ESC goes. */
	size_t big = 5000;
	char *in = xmalloc(big + 8), *got;
	memcpy(in, "\x1b]", 2);
	memset(in + 2, 'a', big);
	memcpy(in + 2 + big, "\x07z", 3);
	got = utf8_sanitize(in, big + 4, 0, NULL);
	assert_int_equal(strlen(got), big + 2);
	assert_int_equal(got[0], ']');
	assert_int_equal(got[big + 1], 'z');
	free(got);
	free(in);
}

static void
test_escape_length(void **state)
{
	bool more;
	(void)state;
	assert_int_equal(utf8_escape_length("\x1b[31mx", 8, &more), 5);
	assert_false(more);
	assert_int_equal(utf8_escape_length("\x1b[31", 4, &more), 0);
	assert_true(more);	/* a chunk may end mid-sequence */
	assert_int_equal(utf8_escape_length("\x1b]0;t", 5, &more), 0);
	assert_true(more);
	assert_int_equal(utf8_escape_length("\x1b]0;t\x1b", 6, &more), 0);
	assert_true(more);
	assert_int_equal(utf8_escape_length("\x1b]0;t\x1b\\", 7, &more), 7);
	assert_int_equal(utf8_escape_length("\x1b]0;<t>\x07", 8, &more), 0);
	assert_false(more);
	assert_int_equal(utf8_escape_length("\x1b", 1, &more), 0);
	assert_true(more);
	assert_int_equal(utf8_escape_length("\x1b x", 3, &more), 0);
	assert_false(more);
	assert_int_equal(utf8_escape_length("\x1b" "7", 2, &more), 0);
	assert_false(more);	/* "ESC 7": the 7 is text */
	assert_int_equal(utf8_escape_length("\x1b(Bx", 4, &more), 3);
}

static void
test_decode(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(utf8_decode("\xd8\xb9", 2, &cp), 2);
	assert_int_equal(cp, 0x0639);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1);	/* surrogate */
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), 1);	/* truncated */
	assert_true(utf8_valid("\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a", 8));
	assert_false(utf8_valid("\xd8", 1));
	char out[4];
	assert_int_equal(utf8_encode(0x0644, out), 2);
	assert_memory_equal(out, "\xd9\x84", 2);
}

/* JSON from elsewhere (issue 18): "\u0000" accepted anywhere in a string
 * value, at any depth, and dropped; other escapes untouched; a NUL in a key
 * is still refused (jansson's keys are C strings). */
static void
test_json_fetched(void **state)
{
	static const char doc[] = "{\"a\":\"x\\u0000y\",\"b\":[\"\\u0000\",{\"c\":"
	    "\"\\u0000\\u0000z\\u0000\"}],\"d\":\"\\\\u0000 \\u00e9\",\"n\":1}";
	json_error_t err;
	json_t *root = json_load_fetched(doc, strlen(doc), 0, &err);
	(void)state;

	if (root == NULL)
		fail_msg("refused: %s", err.text);
	assert_string_equal(json_string_value(json_object_get(root, "a")), "xy");
	assert_int_equal(json_string_length(json_object_get(root, "a")), 2);
	json_t *b = json_object_get(root, "b");
	assert_int_equal(json_string_length(json_array_get(b, 0)), 0);
	assert_string_equal(json_string_value(json_object_get(json_array_get(b, 1), "c")), "z");
	assert_string_equal(json_string_value(json_object_get(root, "d")), "\\u0000 \xc3\xa9");
	assert_int_equal(json_integer_value(json_object_get(root, "n")), 1);
	json_decref(root);
	/* Without JSON_ALLOW_NUL jansson refuses the document outright. */
	assert_null(json_loadb(doc, strlen(doc), 0, &err));
	assert_null(json_load_fetched("{\"k\\u0000\":1}", 13, 0, &err));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_json_fetched),
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_sanitize_stray_controls),
		cmocka_unit_test(test_escape_length),
		cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
