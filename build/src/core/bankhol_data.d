build/src/core/bankhol_data.o: src/core/bankhol_data.c \
 include/onroll/date.h
include/onroll/date.h:
