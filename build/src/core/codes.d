build/src/core/codes.o: src/core/codes.c include/onroll/codes.h \
 include/onroll/date.h include/onroll/sb.h
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
