build/src/ingest/ingest.o: src/ingest/ingest.c include/onroll/arena.h \
 include/onroll/ingest.h include/onroll/kinds.h include/onroll/codes.h \
 include/onroll/date.h include/onroll/sb.h include/onroll/error.h \
 include/onroll/store.h include/onroll/marks.h include/onroll/rowcheck.h \
 include/onroll/strmap.h
include/onroll/arena.h:
include/onroll/ingest.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
include/onroll/store.h:
include/onroll/marks.h:
include/onroll/rowcheck.h:
include/onroll/strmap.h:
