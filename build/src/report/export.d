build/src/report/export.o: src/report/export.c include/onroll/export.h \
 include/onroll/kinds.h include/onroll/codes.h include/onroll/date.h \
 include/onroll/sb.h include/onroll/error.h include/onroll/store.h \
 include/onroll/marks.h
include/onroll/export.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
include/onroll/store.h:
include/onroll/marks.h:
