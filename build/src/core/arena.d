build/src/core/arena.o: src/core/arena.c include/onroll/arena.h
include/onroll/arena.h:
