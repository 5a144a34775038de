build/src/core/upn.o: src/core/upn.c include/onroll/upn.h \
 include/onroll/error.h
include/onroll/upn.h:
include/onroll/error.h:
