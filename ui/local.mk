# ui/: the only code that includes curses
libnrui_a_SOURCES += ui/tui.c
