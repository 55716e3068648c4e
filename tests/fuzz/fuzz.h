/*
 * Helpers shared by the libFuzzer targets (tests/fuzz/fuzz_*.c): reading
 * every byte of what a parser hands out, so ASan sees a bad pointer or a
 * missing NUL, and the checks behind the promises the headers make about
 * sanitized text. A broken promise abort()s, which libFuzzer reports as a
 * crash with the input that caused it.
 */
#ifndef NR_TESTS_FUZZ_H
#define NR_TESTS_FUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the reads go so the compiler cannot drop them. */
static volatile unsigned fuzz_sink;

static inline void
fuzz_touch(const char *s)
{
	unsigned h = 0;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		h = h * 31 + (unsigned char)*s;
	fuzz_sink += h;
}

static inline void
fuzz_touch_mem(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned h = 0;

	for (size_t i = 0; i < n; i++)
		h = h * 31 + b[i];
	fuzz_sink += h;
}

__attribute__((noreturn, format(printf, 1, 2))) static inline void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz invariant violated: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* A NUL-terminated copy of the input (caller frees). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * The promise of sanitized text (text_sanitize, feed strings, market
 * strings): valid UTF-8, no C0 controls (but \n and \t when keep_nl), no
 * DEL, no C1 controls, hence no escape sequence can start. Returns NULL when
 * clean, else a static description of the first offence.
 */
static inline const char *
fuzz_unclean(const char *s, bool keep_nl)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return NULL;
	while (*p != '\0') {
		unsigned char c = *p;
		if (c < 0x80) {
			if (c == 0x7f)
				return "DEL";
			if (c < 0x20 && !(keep_nl && (c == '\n' || c == '\t')))
				return "C0 control";
			p++;
			continue;
		}
		size_t n;
		uint32_t cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4;
			cp = c & 0x07;
		} else {
			return "invalid UTF-8 lead byte";
		}
		for (size_t i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return "truncated UTF-8 sequence";
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return "overlong or out-of-range UTF-8";
		if (cp >= 0xd800 && cp <= 0xdfff)
			return "UTF-8 encoded surrogate";
		if (cp >= 0x80 && cp <= 0x9f)
			return "C1 control";
		p += n;
	}
	return NULL;
}

static inline void
fuzz_check_clean(const char *s, bool keep_nl, const char *what)
{
	const char *why = fuzz_unclean(s, keep_nl);

	if (why != NULL)
		fuzz_fail("%s: %s in \"%s\"", what, why, s);
}

/* Split points for pushing an input in pieces, from its first bytes. */
static inline size_t
fuzz_cut(const uint8_t *data, size_t size, size_t at, size_t lo)
{
	if (size <= lo)
		return size;
	if (at >= size)
		return lo;
	return lo + (size_t)data[at] * 257 % (size - lo + 1);
}

#endif
