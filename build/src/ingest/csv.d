build/src/ingest/csv.o: src/ingest/csv.c include/onroll/arena.h \
 include/onroll/import.h include/onroll/ingest.h include/onroll/kinds.h \
 include/onroll/codes.h include/onroll/date.h include/onroll/sb.h \
 include/onroll/error.h include/onroll/store.h include/onroll/marks.h
include/onroll/arena.h:
include/onroll/import.h:
include/onroll/ingest.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
include/onroll/store.h:
include/onroll/marks.h:
