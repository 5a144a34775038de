build/src/core/codes_data.o: src/core/codes_data.c include/onroll/codes.h \
 include/onroll/date.h include/onroll/sb.h
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
