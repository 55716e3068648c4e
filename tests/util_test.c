/* Unit tests for src/util: buffers and the UTF-8 sanitizer. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/utf8.h"

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
		{ "c1 csi \xc2\x9b" "2J gone", "c1 csi  gone", 0 },
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
