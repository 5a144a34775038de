build/src/store/sqlite.o: src/store/sqlite.c src/store/driver.h \
 include/onroll/error.h
src/store/driver.h:
include/onroll/error.h:
