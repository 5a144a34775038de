build/src/core/rowcheck.o: src/core/rowcheck.c include/onroll/rowcheck.h \
 include/onroll/kinds.h include/onroll/codes.h include/onroll/date.h \
 include/onroll/sb.h include/onroll/error.h
include/onroll/rowcheck.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
