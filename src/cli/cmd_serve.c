/* cmd_serve.c - `onroll serve [--listen HOST:PORT]`: the web application. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/web.h"

int cmd_serve(int argc, char **argv)
{
    static const char *use = "[--db URL] [--listen HOST:PORT] [--threads N]";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {0}};
    const char *db = NULL;
    char host[64] = "127.0.0.1";
    int port = 8080, threads = 4, c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'l') {
            const char *colon = strrchr(optarg, ':');
            if (!colon || colon == optarg || (size_t)(colon - optarg) >= sizeof host ||
                (port = atoi(colon + 1)) <= 0 || port > 65535)
                return cli_usage("serve", use);
            memcpy(host, optarg, (size_t)(colon - optarg));
            host[colon - optarg] = '\0';
        } else if (c == 't') {
            threads = atoi(optarg);
        } else {
            return cli_usage("serve", use);
        }
    }
    or_store *s = cli_open(db); /* create or migrate before serving */
    if (!s)
        return 1;
    fprintf(stderr, "onroll: serving %s on http://%s:%d/ (Ctrl-C to stop)\n",
            or_store_name(s), host, port);
    or_store_close(s);
    or_web_opts o = {cli_db_url(db), host, port, threads};
    or_error err = {0};
    if (or_web_serve(&o, &err))
        return cli_fail("serve", &err);
    return 0;
}
