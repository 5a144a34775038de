build/src/web/page_status.o: src/web/page_status.c src/web/html.h \
 include/onroll/sb.h src/web/web.h include/onroll/store.h \
 include/onroll/error.h include/onroll/kinds.h include/onroll/codes.h \
 include/onroll/date.h include/onroll/marks.h
src/web/html.h:
include/onroll/sb.h:
src/web/web.h:
include/onroll/store.h:
include/onroll/error.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/marks.h:
