build/src/cli/cmd_init.o: src/cli/cmd_init.c src/cli/cli.h \
 include/onroll/error.h include/onroll/store.h include/onroll/kinds.h \
 include/onroll/codes.h include/onroll/date.h include/onroll/sb.h \
 include/onroll/marks.h
src/cli/cli.h:
include/onroll/error.h:
include/onroll/store.h:
include/onroll/kinds.h:
include/onroll/codes.h:
include/onroll/date.h:
include/onroll/sb.h:
include/onroll/marks.h:
