/*
 * ASCII digits to Arabic-Indic. A '.' only becomes the Arabic decimal
 * separator inside a number ("3.53"), so a sentence's full stop and "v1."
 * stay as they are; ',' and '%' are kept (the Arabic interface's strings
 * choose their own punctuation). A number with two dots or more is a version
 * or an address ("0.1.0", "127.0.0.1"), an identifier rather than a
 * quantity: it stays Latin.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "util/digits.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t
digits_arabic_indic(const char *s, char *out, size_t outlen)
{
	size_t o = 0;

	if (outlen == 0)
		return 0;
	for (size_t i = 0; s[i] != '\0'; i++) {
		char rep[3] = { s[i], 0, 0 };
		size_t n = 1;
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
			size_t end = i, dots = 0;
			while (is_digit(s[end]) || (s[end] == '.' && is_digit(s[end + 1])))
				dots += s[end++] == '.';
			if (dots >= 2) {
				if (o + (end - i) >= outlen)
					break;
				memcpy(out + o, s + i, end - i);
				o += end - i;
				i = end - 1;
				continue;
			}
		}
		if (is_digit(s[i])) {
			/* U+0660 + d: D9 A0..A9 */
			rep[0] = (char)0xd9;
			rep[1] = (char)(0xa0 + (s[i] - '0'));
			n = 2;
		} else if (s[i] == '.' && i > 0 && is_digit(s[i - 1]) && is_digit(s[i + 1])) {
			rep[0] = (char)0xd9;	/* U+066B */
			rep[1] = (char)0xab;
			n = 2;
		} else if (((unsigned char)s[i] & 0xc0) == 0xc0) {
			/* A multi-byte character is copied whole or not at all. */
			n = 1;
			while (((unsigned char)s[i + n] & 0xc0) == 0x80)
				n++;
			if (o + n >= outlen)
				break;
			memcpy(out + o, s + i, n);
			o += n;
			i += n - 1;
			continue;
		}
		if (o + n >= outlen)
			break;
		memcpy(out + o, rep, n);
		o += n;
	}
	out[o] = '\0';
	return o;
}
