/*
 * libFuzzer target for OPML import (src/config/opml.h): the input is the
 * document. What it yields must be a valid urls list that survives both
 * round trips (urls file and OPML export).
 */
#include "config.h"

#include "fuzz-urls.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l = NULL;
	char *err = NULL;

	if (opml_parse("fuzz.opml", (const char *)data, size, &l, &d, &err) != 0) {
		if (err == NULL)
			fuzz_fail("opml_parse failed without a message");
		if (strncmp(err, "fuzz.opml:", 10) != 0 || strchr(err, '\n') != NULL)
			fuzz_fail("bad error message \"%s\"", err);
		free(err);
		diag_list_clear(&d);
		return 0;
	}
	if (l == NULL)
		fuzz_fail("opml_parse returned 0 without a list");
	fuzz_check_diags(&d, "fuzz.opml");
	fuzz_check_urls(l);
	fuzz_urls_roundtrip(l);
	urls_list_free(&l);
	diag_list_clear(&d);
	return 0;
}
