build/src/core/sb.o: src/core/sb.c include/onroll/sb.h
include/onroll/sb.h:
