#!/usr/bin/env python3
"""smtp_sink.py - a real SMTP server for the end-to-end tests (Debian's python3-aiosmtpd),
listening on 127.0.0.1, writing every message it accepts to a directory as NNNN.eml (the
envelope first, as X-Sink-Mail-From and X-Sink-Rcpt-To headers, then the message as received).

  smtp_sink.py --port PORT --dir DIR [--accept N] [--hang-after N] [--reject ADDRESS]... [--auth]

--accept N      stop (close the port) once N messages have been accepted, refusing any other
                for now (421) meanwhile: a server going away in the middle of a run
--hang-after N  write message N+1 to the directory, then never answer it: the server has the
                message, the sender never hears that it did (a crash before marking it sent)
--reject ADDR   refuse RCPT TO:<ADDR> for good (550)
--auth          offer AUTH (PLAIN, LOGIN) without offering STARTTLS, accept any login, and write
                every AUTH the client sends (mechanism and user) to DIR/auth.log: a password
                that reaches this server went in clear

DIR/ready is written once the server listens. Messages are written whole, then renamed.
"""
import argparse
import asyncio
import os
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--accept", type=int, default=0)
    ap.add_argument("--hang-after", type=int, default=-1)
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--auth", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    done = threading.Event()
    state = {"seen": 0, "accepted": 0}
    rejected = {a.lower() for a in args.reject}

    def save(envelope):
        n = len([f for f in os.listdir(args.dir) if f.endswith(".eml")]) + 1
        path = os.path.join(args.dir, "%04d.eml" % n)
        head = "X-Sink-Mail-From: %s\r\n" % envelope.mail_from
        for r in envelope.rcpt_tos:
            head += "X-Sink-Rcpt-To: %s\r\n" % r
        with open(path + ".tmp", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(path + ".tmp", path)

    class Sink:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.lower() in rejected:
                return "550 5.1.1 <%s>: no such mailbox here" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            if args.accept and state["accepted"] >= args.accept:
                return "421 4.3.2 closing down"  # nothing more once the limit is reached
            state["seen"] += 1
            save(envelope)
            if args.hang_after >= 0 and state["seen"] > args.hang_after:
                await asyncio.sleep(3600)  # the sender gives up or dies first
            state["accepted"] += 1
            if args.accept and state["accepted"] >= args.accept:
                done.set()
            return "250 Message accepted for delivery"

    def authenticator(server, session, envelope, mechanism, auth_data):
        user = getattr(auth_data, "login", b"") or b""
        with open(os.path.join(args.dir, "auth.log"), "a") as f:
            f.write("AUTH %s %s\n" % (mechanism, user.decode("utf-8", "replace")))
        return AuthResult(success=True)

    if args.auth:  # AUTH offered on a connection that never becomes TLS
        ctl = Controller(Sink(), hostname="127.0.0.1", port=args.port,
                         authenticator=authenticator, auth_require_tls=False)
    else:
        ctl = Controller(Sink(), hostname="127.0.0.1", port=args.port)
    ctl.start()
    with open(os.path.join(args.dir, "ready"), "w") as f:
        f.write("ready\n")
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        # let the reply to the last accepted message go out before the port closes
        threading.Event().wait(0.3)
        ctl.stop()


if __name__ == "__main__":
    main()
