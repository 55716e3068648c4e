# src/driver: runs the background jobs for the TUI loop and reload alike
libnewsreader_a_SOURCES += src/driver/driver.h src/driver/driver.c
