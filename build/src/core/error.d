build/src/core/error.o: src/core/error.c include/onroll/error.h
include/onroll/error.h:
