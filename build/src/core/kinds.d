build/src/core/kinds.o: src/core/kinds.c include/onroll/kinds.h \
 include/onroll/codes.h include/onroll/date.h include/onroll/sb.h \
 include/onroll/error.h
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
