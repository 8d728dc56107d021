#!/usr/bin/env python3
"""A real SMTP server on loopback for the notice tests (aiosmtpd).

Every message it accepts is written as one JSON file into --dir, decoded
with Python's email package: envelope sender and recipients, subject,
Message-ID, Content-Language, the plain-text and HTML parts, whether the
session was encrypted and as whom it authenticated. Recipients named with
--refuse are refused at RCPT with 550, as a mail server refuses an unknown
user. It prints "listening PORT" once it accepts connections (--port 0
picks a free port) and runs until killed.

As a mail relay of an institution would:
  --tls starttls   STARTTLS offered and required before MAIL;
  --tls implicit   TLS from the first byte (SMTPS, as on port 465);
  --ca-out FILE    with --tls: the certificate is issued for 127.0.0.1 and
                   localhost by a CA made here (trustme), whose certificate
                   is written to FILE for the client to trust;
  --auth USER:PASSWORD  AUTH (PLAIN or LOGIN) required before MAIL; a wrong
                   password gets 535, as real servers answer;
  --delay-ms N     each message is recorded, then the DATA reply waits N ms,
                   so a client killed meanwhile sent a message it never
                   heard was accepted.

Set up by the tests themselves (crates/web/tests/support/smtp.rs): a venv
under target/smtp-sink/ with aiosmtpd and trustme from PyPI.
"""
import argparse
import asyncio
import json
import logging
import os
import sys
import warnings
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, folder, refused, delay):
        self.folder = folder
        self.refused = {r.lower() for r in refused}
        self.delay = delay
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        plain = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        tls = server.transport is not None and server.transport.get_extra_info("ssl_object") is not None
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else ""
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(msg.get("To", "")),
            "from": str(msg.get("From", "")),
            "subject": str(msg.get("Subject", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "content_language": str(msg.get("Content-Language", "")),
            # An optional notice's switch-off link (RFC 2369, RFC 8058).
            "list_unsubscribe": str(msg.get("List-Unsubscribe", "")),
            "list_unsubscribe_post": str(msg.get("List-Unsubscribe-Post", "")),
            "content_type": msg.get_content_type(),
            "text": plain.get_content() if plain is not None else "",
            "html": html.get_content() if html is not None else "",
            "tls": tls,
            "auth_login": login,
        }
        self.count += 1
        name = os.path.join(self.folder, f"{os.getpid()}-{self.count:06d}.json")
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name)
        if self.delay:
            await asyncio.sleep(self.delay / 1000)
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = mechanism in ("PLAIN", "LOGIN") and auth_data.login == self.user and auth_data.password == self.password
        # handled=False: aiosmtpd itself answers (235, or 535 on a wrong password).
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def tls_context(ca_out):
    import ssl

    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    ca.cert_pem.write_to_path(ca_out)
    return ctx


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--dir", required=True)
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    p.add_argument("--ca-out")
    p.add_argument("--auth")
    p.add_argument("--delay-ms", type=int, default=0)
    a = p.parse_args()
    # aiosmtpd's own notes (a deprecated attribute it reads itself, AUTH
    # without STARTTLS over implicit TLS) are not the test's business.
    warnings.simplefilter("ignore")
    # A handshake the client refuses (the untrusted-certificate test) is
    # expected here, not an error of the sink.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    if a.tls != "none" and not a.ca_out:
        p.error("--tls needs --ca-out, where the CA's certificate goes")
    os.makedirs(a.dir, exist_ok=True)
    sink = Sink(a.dir, a.refuse, a.delay_ms)
    ctx = tls_context(a.ca_out) if a.tls != "none" else None
    options = {"hostname": "sink.test", "enable_SMTPUTF8": True}
    if a.tls == "starttls":
        options.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, _, password = a.auth.partition(":")
        # Over implicit TLS aiosmtpd does not know the session is encrypted
        # (it only tracks STARTTLS): the whole connection is, so allow AUTH.
        options.update(
            authenticator=Authenticator(user, password), auth_required=True, auth_require_tls=a.tls != "implicit"
        )
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, **options),
        "127.0.0.1",
        a.port,
        reuse_address=True,
        ssl=ctx if a.tls == "implicit" else None,
    )
    port = server.sockets[0].getsockname()[1]
    print(f"listening {port}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
