/*
 * libFuzzer target for URL resolution (src/util/url.h): the input is split
 * at its first NUL (or in the middle when there is none) into base and
 * reference. The result must be a string, absolute when the base is, and
 * resolving an absolute result must be idempotent.
 */
#include "config.h"

#include "util/url.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t cut = nul != NULL ? (size_t)(nul - data) : size / 2;
	char *base = fuzz_strndup(data, cut);
	char *ref = fuzz_strndup(data + cut + (nul != NULL), size - cut - (nul != NULL));
	char *r, *again, *nobase;

	r = url_resolve(base, ref);
	if (r == NULL)
		fuzz_fail("url_resolve returned NULL");
	fuzz_touch(r);
	if (url_has_scheme(base) && !url_has_scheme(r))
		fuzz_fail("base \"%s\" has a scheme, result \"%s\" has none", base, r);
	/* Resolving is idempotent once the dot segments are gone: an absolute
	 * reference is only normalized (RFC 3986 5.2.2), and a normalized one
	 * stays as it is. (r itself may keep the base's dot segments: an empty
	 * reference takes the base path as it is.) */
	if (url_has_scheme(r)) {
		char *once = url_resolve(base, r);
		again = url_resolve(base, once);
		if (strcmp(again, once) != 0)
			fuzz_fail("\"%s\" resolved against \"%s\" gives \"%s\", then \"%s\"", r, base,
			    once, again);
		free(again);
		free(once);
	}
	nobase = url_resolve(NULL, ref);
	fuzz_touch(nobase);
	free(nobase);
	free(r);
	free(base);
	free(ref);
	return 0;
}
