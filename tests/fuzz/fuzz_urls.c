/*
 * libFuzzer target for the urls file (src/config/urls.c): the input is a
 * urls file. The list it gives must be valid (supported URLs, clean text,
 * no empty or repeated tag), writing it back with urls_format_entry and
 * reading that must give the same list, and writing that again the same
 * bytes (the format is a fixed point); the OPML export must read back as
 * the same list too (fuzz-urls.h).
 */
#include "config.h"

#include "fuzz-urls.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l = NULL;

	/* The last byte's low bit: the demo list's %DATADIR% substitution. */
	urls_parse("urls", (const char *)data, size,
	    size > 0 && (data[size - 1] & 1) ? "/usr/share/news reader" : NULL, &l, &d);
	if (l == NULL)
		fuzz_fail("urls_parse left *out NULL");
	fuzz_check_diags(&d, "urls");
	fuzz_check_urls(l);
	fuzz_urls_roundtrip(l);
	urls_list_free(&l);
	if (l != NULL)
		fuzz_fail("urls_list_free did not clear the pointer");
	diag_list_clear(&d);
	return 0;
}
