build/src/core/strmap.o: src/core/strmap.c include/onroll/strmap.h \
 include/onroll/arena.h
include/onroll/strmap.h:
include/onroll/arena.h:
