# src/comments: comment feeds, drafts, the outbox and WordPress posting (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/comments/comments.h src/comments/comments-int.h \
	src/comments/comments.c src/comments/owner.c src/comments/reconcile.c \
	src/comments/rules.c src/comments/mastodon.h src/comments/mastodon.c

check_PROGRAMS += tests/comments_test tests/comments_driver
tests_comments_test_SOURCES = tests/comments_test.c
tests_comments_test_CFLAGS = $(TEST_CFLAGS)
tests_comments_test_LDADD = $(TEST_LIBS)
tests_comments_driver_SOURCES = tests/comments_driver.c
tests_comments_driver_CFLAGS = $(TEST_CFLAGS)
tests_comments_driver_LDADD = $(TEST_LIBS)
TESTS += tests/comments_test tests/comments_fetch_test.py tests/outbox_claim_test.py
EXTRA_DIST += tests/comments_fetch_test.py tests/outbox_claim_test.py \
	tests/fixtures/comments/article.xml \
	tests/fixtures/comments/post-42.xml \
	tests/fixtures/comments/atom.xml \
	tests/fixtures/comments/atom-replies.xml

# Reposts to Mastodon: the queue and the answers (issue 15).
check_PROGRAMS += tests/mastodon_test
tests_mastodon_test_SOURCES = tests/mastodon_test.c
tests_mastodon_test_CFLAGS = $(TEST_CFLAGS)
tests_mastodon_test_LDADD = $(TEST_LIBS)
TESTS += tests/mastodon_test
