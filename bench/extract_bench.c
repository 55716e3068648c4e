/*
 * extract_bench FILE...: reader mode on many pages in one process, as the
 * full-text jobs run it. Each file is read just before it is extracted
 * (from the page cache: the disk is not what is measured), then freed, so
 * the peak memory is the extractor's, not the corpus's. Prints the pages,
 * bytes, wall and CPU seconds, pages per second and the peak RSS.
 * Built by `make bench-extract` (not installed, not part of make check).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "extract/extract.h"
#include "util/buf.h"

static double
now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return -1;
	buf_reset(b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	struct rusage ru;
	unsigned long long bytes = 0, text = 0;
	unsigned refused = 0;
	double w0, c0, wall, cpu;

	if (argc < 2) {
		fprintf(stderr, "usage: extract_bench FILE...\n");
		return 2;
	}
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 1; i < argc; i++) {
		struct extract_opts o = { "https://bench.example/news/story.html", NULL };
		struct extract_article *a;
		char *err = NULL;

		if (slurp(argv[i], &b) != 0) {
			perror(argv[i]);
			return 1;
		}
		bytes += b.len;
		a = extract_page(b.data != NULL ? b.data : "", b.len, &o, &err);
		if (a == NULL) {
			refused++;
			free(err);
			continue;
		}
		text += strlen(a->text);
		extract_article_free(&a);
	}
	wall = now(CLOCK_MONOTONIC) - w0;
	cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
	getrusage(RUSAGE_SELF, &ru);
	buf_free(&b);
	printf("pages %d\nbytes %llu\nmean_kib %.1f\ntext_bytes %llu\nrefused %u\n"
	    "wall_s %.3f\ncpu_s %.3f\npages_per_s %.1f\npeak_rss_mib %.1f\n",
	    argc - 1, bytes, (double)bytes / (argc - 1) / 1024.0, text, refused, wall, cpu,
	    (argc - 1) / wall, (double)ru.ru_maxrss / 1024.0);
	return 0;
}
