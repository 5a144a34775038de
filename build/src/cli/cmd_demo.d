build/src/cli/cmd_demo.o: src/cli/cmd_demo.c src/cli/cli.h \
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
