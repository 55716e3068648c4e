/*
 * Claim owners (comments.h): which process is sending an outbox entry, and
 * whether it still exists.
 *
 * An owner is "host=H boot=B pidns=N pid=P start=S": the machine's name,
 * its boot id (Linux: /proc/sys/kernel/random/boot_id), the pid namespace
 * (/proc/self/ns/pid), the process id and the process's start time in
 * clock ticks since boot (/proc/PID/stat field 22), which tells a reused
 * pid from the process that claimed. Fields we cannot learn are "-" or 0
 * and are then not compared. Other fields ("tag=..."), which tests add to
 * act as two processes in one, are ignored.
 *
 * A process is only judged where its pid means the same process: a claim
 * from another host (a cache on a shared disk) or another pid namespace (a
 * container sharing the cache) is UNKNOWN, and the caller waits for it to
 * grow stale. Nothing here opens a file of the cache.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "comments/comments-int.h"
#include "util/xalloc.h"

/* The first line of a small file, blanks trimmed, into out; false when
 * there is none. */
static bool
read_line(const char *path, char *out, size_t size)
{
	FILE *fp = fopen(path, "re");
	size_t n;

	if (fp == NULL)
		return false;
	if (fgets(out, (int)size, fp) == NULL) {
		fclose(fp);
		return false;
	}
	fclose(fp);
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	return n > 0;
}

/* A field value without blanks or '=' (it goes between them). */
static void
field_clean(char *v)
{
	for (; *v != '\0'; v++)
		if (isspace((unsigned char)*v) || *v == '=' || (unsigned char)*v < 0x20)
			*v = '_';
}

static void
host_name(char *out, size_t size)
{
	if (gethostname(out, size) != 0 || out[0] == '\0')
		snprintf(out, size, "-");
	out[size - 1] = '\0';
	field_clean(out);
}

static void
boot_id(char *out, size_t size)
{
	if (!read_line("/proc/sys/kernel/random/boot_id", out, size))
		snprintf(out, size, "-");
	field_clean(out);
}

/* The pid namespace's inode number, or "-". */
static void
pid_namespace(char *out, size_t size)
{
	char link[64];
	ssize_t n = readlink("/proc/self/ns/pid", link, sizeof link - 1);
	unsigned long long ino;

	if (n > 0) {
		link[n] = '\0';
		if (sscanf(link, "pid:[%llu]", &ino) == 1) {
			snprintf(out, size, "%llu", ino);
			return;
		}
	}
	snprintf(out, size, "-");
}

/* Process pid's start time (clock ticks since boot) and whether it is a
 * zombie; false when /proc does not say. */
static bool
proc_start(long pid, unsigned long long *start, bool *zombie)
{
	char path[64], line[1024];
	const char *p;
	int field;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (!read_line(path, line, sizeof line))
		return false;
	/* The command name (field 2) is in parentheses and may hold anything:
	 * count from the last ')'. */
	if ((p = strrchr(line, ')')) == NULL)
		return false;
	p++;
	for (field = 3; *p != '\0'; field++) {
		while (*p == ' ')
			p++;
		if (field == 3)
			*zombie = *p == 'Z' || *p == 'X';
		if (field == 22) {
			char *end;
			*start = strtoull(p, &end, 10);
			return end != p;
		}
		p += strcspn(p, " ");
	}
	return false;
}

char *
comments_owner_of(long pid)
{
	char host[256], boot[64], ns[32];
	unsigned long long start = 0;
	bool zombie;

	host_name(host, sizeof host);
	boot_id(boot, sizeof boot);
	pid_namespace(ns, sizeof ns);
	if (!proc_start(pid, &start, &zombie))
		start = 0;
	return xasprintf("host=%s boot=%s pidns=%s pid=%ld start=%llu", host, boot, ns, pid,
	    start);
}

/* The value of key in owner (a new string), or NULL. */
static char *
owner_field(const char *owner, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = owner; *p != '\0';) {
		size_t n = strcspn(p, " ");
		if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=')
			return xasprintf("%.*s", (int)(n - klen - 1), p + klen + 1);
		p += n;
		while (*p == ' ')
			p++;
	}
	return NULL;
}

enum comments_owner_status
comments_owner_status(const char *owner)
{
	enum comments_owner_status ret = COMMENTS_OWNER_GONE;
	char host[256], boot[64], ns[32];
	char *oh = NULL, *ob = NULL, *on = NULL, *op = NULL, *os = NULL;
	unsigned long long start = 0, now_start;
	bool zombie = false;
	long pid;
	char *end;

	/* No owner: a claim of schema 5, made before claims had owners; the
	 * version that made it took every claim back at start-up anyway. */
	if (owner == NULL)
		return COMMENTS_OWNER_GONE;
	oh = owner_field(owner, "host");
	ob = owner_field(owner, "boot");
	on = owner_field(owner, "pidns");
	op = owner_field(owner, "pid");
	os = owner_field(owner, "start");
	if (oh == NULL || op == NULL)
		goto out;	/* not ours to read: nobody is sending it */
	pid = strtol(op, &end, 10);
	if (end == op || *end != '\0' || pid <= 0)
		goto out;
	host_name(host, sizeof host);
	boot_id(boot, sizeof boot);
	if (strcmp(oh, host) != 0) {
		ret = COMMENTS_OWNER_UNKNOWN;
		goto out;
	}
	/* The same machine restarted since: every process of then is gone. */
	if (ob != NULL && strcmp(ob, "-") != 0 && strcmp(boot, "-") != 0 && strcmp(ob, boot) != 0)
		goto out;
	pid_namespace(ns, sizeof ns);
	if (on != NULL && strcmp(on, "-") != 0 && strcmp(ns, "-") != 0 && strcmp(on, ns) != 0) {
		ret = COMMENTS_OWNER_UNKNOWN;	/* its pids are not ours to test */
		goto out;
	}
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		goto out;
	if (os != NULL)
		start = strtoull(os, NULL, 10);
	if (proc_start(pid, &now_start, &zombie)) {
		if (zombie || (start != 0 && now_start != start))
			goto out;	/* exited, or the pid is another process's now */
	}
	ret = COMMENTS_OWNER_ALIVE;
out:
	free(oh);
	free(ob);
	free(on);
	free(op);
	free(os);
	return ret;
}
