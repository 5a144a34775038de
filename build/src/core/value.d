build/src/core/value.o: src/core/value.c include/onroll/kinds.h \
 include/onroll/codes.h include/onroll/date.h include/onroll/sb.h \
 include/onroll/error.h include/onroll/rules.h include/onroll/upn.h
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/error.h:
include/onroll/rules.h:
include/onroll/upn.h:
