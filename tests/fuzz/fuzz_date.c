/*
 * libFuzzer target for date parsing (src/util/date.h): the input is the
 * date string. A date that parses must survive formatting as ISO 8601 and
 * parsing again (for years the parser accepts), and the two families must
 * agree with date_parse.
 */
#include "config.h"

#include "util/date.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	time_t t = 12345, t822 = 12345, tiso = 12345, back = 0;
	bool ok, ok822, okiso;
	char iso[DATE_ISO_LEN];

	ok = date_parse(s, &t);
	ok822 = date_parse_rfc822(s, &t822);
	okiso = date_parse_iso8601(s, &tiso);
	if (!ok && t != 12345)
		fuzz_fail("date_parse failed but changed *out");
	if (ok && !ok822 && !okiso)
		fuzz_fail("date_parse accepted what neither family does");
	if (ok && t != t822 && t != tiso)
		fuzz_fail("date_parse gave %lld, rfc822 %lld, iso %lld", (long long)t,
		    (long long)t822, (long long)tiso);
	free(s);
	if (!ok)
		return 0;
	date_format_iso(t, iso);
	if (strlen(iso) != DATE_ISO_LEN - 1)
		fuzz_fail("date_format_iso gave \"%s\"", iso);
	if (memcmp(iso, "1900", 4) >= 0 && memcmp(iso, "9999", 4) <= 0 &&
	    !(date_parse(iso, &back) && back == t))
		fuzz_fail("%lld formats as %s, which parses as %lld", (long long)t, iso,
		    (long long)back);
	return 0;
}
