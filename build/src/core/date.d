build/src/core/date.o: src/core/date.c include/onroll/date.h
include/onroll/date.h:
