/*
 * Terminal and clock helpers shared by the UI (see term.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "term.h"

bool
term_write(const char *s)
{
	size_t len = strlen(s);

	fflush(stdout);
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

long long
term_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}
