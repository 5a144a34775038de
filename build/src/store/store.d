build/src/store/store.o: src/store/store.c include/onroll/sb.h \
 include/onroll/store.h include/onroll/error.h include/onroll/kinds.h \
 include/onroll/codes.h include/onroll/date.h include/onroll/marks.h \
 src/store/driver.h src/store/migrations.h
include/onroll/sb.h:
include/onroll/store.h:
include/onroll/error.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/marks.h:
src/store/driver.h:
src/store/migrations.h:
