/*
 * The Arabic interface's pure parts: Arabic-Indic digits, and the catalog's
 * six plural forms read through gettext in an Arabic locale. The locale is
 * generated into the build tree by `make check` (po/local.mk, LOCPATH), the
 * catalog is the one `make` compiled into po/locale.
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "util/digits.h"
#include "util/i18n.h"

static void
test_digits_table(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "0123456789", "٠١٢٣٤٥٦٧٨٩" },
		{ "12/40", "١٢/٤٠" },
		{ "$3.53K", "$٣٫٥٣K" },	/* a decimal point inside a number */
		{ "v1. end.", "v١. end." },	/* a full stop stays one */
		{ ".5", ".٥" },
		{ "(100%)", "(١٠٠%)" },
		{ "بلا أرقام", "بلا أرقام" },
		{ "٣ already", "٣ already" },
		{ "newsreader 0.1.0", "newsreader 0.1.0" },	/* a version stays Latin */
		{ "127.0.0.1:8080", "127.0.0.1:٨٠٨٠" },
		{ "", "" },
	};
	char out[128];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t n = digits_arabic_indic(t[i].in, out, sizeof out);
		assert_string_equal(out, t[i].out);
		assert_int_equal(n, strlen(t[i].out));
	}
}

static void
test_digits_truncation(void **state)
{
	char out[6];

	(void)state;
	/* Five bytes of room: two digits (four bytes), never half of the third. */
	digits_arabic_indic("123", out, sizeof out);
	assert_string_equal(out, "١٢");
	digits_arabic_indic("ab", out, 1);
	assert_string_equal(out, "");
	/* A multi-byte letter is copied whole or not at all. */
	digits_arabic_indic("aaaaع", out, sizeof out);
	assert_string_equal(out, "aaaa");
}

static int
arabic_up(void **state)
{
	const char *locpath = getenv("NR_AR_LOCPATH");
	const char *build = getenv("NR_BUILDDIR");
	char dir[4096];

	(void)state;
	if (locpath != NULL)
		setenv("LOCPATH", locpath, 1);
	unsetenv("LANGUAGE");
	if (setlocale(LC_ALL, "ar_EG.UTF-8") == NULL) {
		fprintf(stderr, "the ar_EG.UTF-8 locale is missing (LOCPATH=%s)\n",
		    locpath ? locpath : "(unset)");
		return -1;
	}
	snprintf(dir, sizeof dir, "%s/po/locale", build ? build : ".");
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return 0;
}

static int
arabic_down(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

/* Arabic's six forms: 0, 1, 2, 3-10, 11-99 and 100+ (by n mod 100). */
static void
test_plural_forms(void **state)
{
	static const struct {
		unsigned long n;
		const char *want;
	} t[] = {
		{ 0, "لا خلاصات" },
		{ 1, "خلاصة واحدة" },
		{ 2, "خلاصتان" },
		{ 3, "3 خلاصات" },
		{ 10, "10 خلاصات" },
		{ 11, "11 خلاصةً" },
		{ 99, "99 خلاصةً" },
		{ 100, "100 خلاصة" },
		{ 101, "101 خلاصة" },
		{ 102, "102 خلاصة" },
		{ 103, "103 خلاصات" },	/* 103 mod 100 is 3: the 3-10 form */
		{ 111, "111 خلاصةً" },
		{ 1000, "1000 خلاصة" },
	};
	char buf[128];

	(void)state;
	assert_true(i18n_arabic());
	assert_true(i18n_rtl());
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(buf, sizeof buf, P_("%zu feed", "%zu feeds", t[i].n), (size_t)t[i].n);
		assert_string_equal(buf, t[i].want);
	}
	/* A sentence with a count in it, and a plain string. */
	snprintf(buf, sizeof buf, P_("%lld comment", "%lld comments", 2), 2LL);
	assert_string_equal(buf, "تعليقان");
	/* The market panel's age in days: Arabic's forms, not one "يوم". */
	snprintf(buf, sizeof buf, P_("%lld d ago", "%lld d ago", 1), 1LL);
	assert_string_equal(buf, "قبل يوم");
	snprintf(buf, sizeof buf, P_("%lld d ago", "%lld d ago", 3), 3LL);
	assert_string_equal(buf, "قبل 3 أيام");
	snprintf(buf, sizeof buf, P_("%lld d ago", "%lld d ago", 12), 12LL);
	assert_string_equal(buf, "قبل 12 يومًا");
	assert_string_equal(_("Article: "), "المقال: ");
	/* Dates: Arabic month names come from the locale's LC_TIME. */
	struct tm tm = { .tm_year = 126, .tm_mon = 11, .tm_mday = 5 };
	strftime(buf, sizeof buf, _("%Y-%m-%d"), &tm);
	assert_string_equal(buf, "5 ديسمبر 2026");
}

/* Without a catalog (the C locale) the English source comes back. */
static void
test_english_source(void **state)
{
	char buf[64];

	(void)state;
	setlocale(LC_ALL, "C");
	assert_false(i18n_arabic());
	snprintf(buf, sizeof buf, P_("%zu feed", "%zu feeds", 1), (size_t)1);
	assert_string_equal(buf, "1 feed");
	snprintf(buf, sizeof buf, P_("%zu feed", "%zu feeds", 2), (size_t)2);
	assert_string_equal(buf, "2 feeds");
	assert_string_equal(_("Article: "), "Article: ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digits_table),
		cmocka_unit_test(test_digits_truncation),
		cmocka_unit_test_setup_teardown(test_plural_forms, arabic_up, arabic_down),
		cmocka_unit_test(test_english_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
