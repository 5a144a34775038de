build/src/core/marks.o: src/core/marks.c include/onroll/marks.h \
 include/onroll/date.h
include/onroll/marks.h:
include/onroll/date.h:
