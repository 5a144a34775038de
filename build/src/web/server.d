build/src/web/server.o: src/web/server.c include/onroll/web.h \
 include/onroll/error.h src/web/web.h include/onroll/sb.h \
 include/onroll/store.h include/onroll/kinds.h include/onroll/codes.h \
 include/onroll/date.h include/onroll/marks.h
include/onroll/web.h:
include/onroll/error.h:
src/web/web.h:
include/onroll/sb.h:
include/onroll/store.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/marks.h:
