build/src/core/rules.o: src/core/rules.c include/onroll/rules.h
include/onroll/rules.h:
