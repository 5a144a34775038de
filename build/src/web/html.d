build/src/web/html.o: src/web/html.c src/web/html.h include/onroll/sb.h
src/web/html.h:
include/onroll/sb.h:
