/*
 * libFuzzer target for the command lines of browser, share-command and
 * bookmark-command (src/share/argv.c). The input is a command line, a URL
 * and a title separated by NUL bytes. The rules: a split command line has
 * at least one word; quoting every word and splitting again gives the same
 * words; an empty word only comes from an empty quote; and every
 * substitution of the hostile URL and title stays inside its word, so the
 * argv has exactly the words of the command line (plus the URL when no
 * word says %u), each equal to what a substitution of our own gives,
 * whatever quotes, blanks, $(...), ; or newlines the fetched text holds.
 * share_url_allowed() lets through only http(s) links with a host and no
 * blank or control character.
 */
#include "config.h"

#include <strings.h>

#include "share/argv.h"

#include "fuzz.h"

/* %u, %t and %% of w, the other % kept (argv.h). Caller frees. */
static char *
model_subst(const char *w, const char *url, const char *title, bool *used_u)
{
	size_t cap = strlen(w) * (strlen(url) + strlen(title) + 2) + 1, n = 0;
	char *o = malloc(cap);

	if (o == NULL)
		abort();
	for (size_t i = 0; w[i] != '\0'; i++) {
		const char *add = NULL;
		if (w[i] == '%' && w[i + 1] == 'u') {
			add = url;
			*used_u = true;
		} else if (w[i] == '%' && w[i + 1] == 't')
			add = title;
		else if (w[i] == '%' && w[i + 1] == '%')
			add = "%";
		if (add != NULL) {
			memcpy(o + n, add, strlen(add));
			n += strlen(add);
			i++;
		} else
			o[n++] = w[i];
	}
	o[n] = '\0';
	return o;
}

/* Every word in single quotes (a ' as '\''), blank-separated. */
static char *
quote_all(char *const *argv)
{
	size_t cap = 1, n = 0;
	char *o;

	for (char *const *a = argv; *a != NULL; a++)
		cap += strlen(*a) * 4 + 3;
	if ((o = malloc(cap)) == NULL)
		abort();
	for (char *const *a = argv; *a != NULL; a++) {
		if (n > 0)
			o[n++] = ' ';
		o[n++] = '\'';
		for (const char *p = *a; *p != '\0'; p++) {
			if (*p == '\'') {
				memcpy(o + n, "'\\''", 4);
				n += 4;
			} else
				o[n++] = *p;
		}
		o[n++] = '\'';
	}
	o[n] = '\0';
	return o;
}

static void
check_split(const char *cmd)
{
	static const char *const errs[] = { "unterminated single quote",
		"unterminated double quote", "trailing backslash", "empty command" };
	char **argv = NULL, **again = NULL, *err = NULL, *q;
	size_t n;
	bool known = false;

	if (share_argv_split(cmd, &argv, &err) != 0) {
		if (argv != NULL || err == NULL)
			fuzz_fail("failed split: argv %p, err %p", (void *)argv, (void *)err);
		for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
			known |= strcmp(err, errs[i]) == 0;
		if (!known)
			fuzz_fail("unknown split error \"%s\"", err);
		free(err);
		return;
	}
	if (err != NULL || argv == NULL || (n = share_argv_len(argv)) == 0)
		fuzz_fail("split gave no word and no error");
	/* Backslash-newlines gone, an empty word needs an empty quote. */
	char *joined = strdup(cmd), *o = joined;
	for (const char *p = cmd; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] == '\n')
			p++;
		else
			*o++ = *p;
	}
	*o = '\0';
	for (size_t i = 0; i < n; i++)
		if (argv[i][0] == '\0' && strstr(joined, "''") == NULL &&
		    strstr(joined, "\"\"") == NULL)
			fuzz_fail("empty word %zu from a command line without an empty quote", i);
	free(joined);
	q = quote_all(argv);
	if (share_argv_split(q, &again, &err) != 0)
		fuzz_fail("quoted words do not split: %s", err);
	if (share_argv_len(again) != n)
		fuzz_fail("%zu words, quoted and split again %zu", n, share_argv_len(again));
	for (size_t i = 0; i < n; i++)
		if (strcmp(argv[i], again[i]) != 0)
			fuzz_fail("word \"%s\" quoted and split again is \"%s\"", argv[i], again[i]);
	free(q);
	share_argv_free(&again);
	share_argv_free(&argv);
	if (argv != NULL)
		fuzz_fail("share_argv_free did not clear the pointer");
}

static void
check_subst(const char *cmd, const char *url, const char *title)
{
	char **argv = NULL, **out, *err = NULL;
	size_t n, m;
	bool used_u = false;

	if (share_argv_split(cmd, &argv, &err) != 0) {
		free(err);
		return;
	}
	n = share_argv_len(argv);
	out = share_argv_substitute(argv, url, title);
	m = share_argv_len(out);
	for (size_t i = 0; i < n; i++) {
		char *want = model_subst(argv[i], url ? url : "", title ? title : "", &used_u);
		if (i >= m || strcmp(out[i], want) != 0)
			fuzz_fail("word %zu \"%s\" became \"%s\", want \"%s\"", i, argv[i],
			    i < m ? out[i] : "(none)", want);
		free(want);
	}
	if (m != n + !used_u)
		fuzz_fail("%zu words became %zu (%%u %s)", n, m, used_u ? "used" : "not used");
	if (!used_u && strcmp(out[n], url ? url : "") != 0)
		fuzz_fail("the appended URL is \"%s\"", out[n]);
	share_argv_free(&out);
	share_argv_free(&argv);
}

static void
check_allowed(const char *url)
{
	const char *why = NULL;
	size_t skip;

	if (!share_url_allowed(url, &why)) {
		if (why == NULL)
			fuzz_fail("refused without a reason");
		fuzz_check_clean(why, false, "reason");
		return;
	}
	if (why != NULL)
		fuzz_fail("allowed with a reason");
	if (strncasecmp(url, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		skip = 7;
	else
		fuzz_fail("allowed a link that is not http(s): \"%s\"", url);
	if (url[skip] == '\0' || url[skip] == '/' || url[skip] == '?' || url[skip] == '#')
		fuzz_fail("allowed a link without a host: \"%s\"", url);
	for (const unsigned char *p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			fuzz_fail("allowed a link with byte 0x%02x", *p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *cmd = s, *url = NULL, *title = NULL;
	const char *end = s + size;

	/* cmd NUL url NUL title; a missing title is NULL, as the UI may pass. */
	if (strlen(cmd) < size) {
		url = cmd + strlen(cmd) + 1;
		if (url + strlen(url) < end)
			title = url + strlen(url) + 1;
	}
	check_split(cmd);
	check_subst(cmd, url, title);
	if (url != NULL)
		check_allowed(url);
	check_allowed(cmd);
	free(s);
	return 0;
}
