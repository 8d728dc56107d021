#!/usr/bin/env python3
"""A real SMTP server on loopback for the notice tests (aiosmtpd).

Every message it accepts is written as one JSON file into --dir, decoded
with Python's email package: envelope sender and recipients, subject,
Message-ID, Content-Language, the plain-text and HTML parts. Recipients
named with --refuse are refused at RCPT with 550, as a mail server refuses
an unknown user. It prints "listening PORT" once it accepts connections
(--port 0 picks a free port) and runs until killed.

Set up by the tests themselves (crates/web/tests/notices.rs): a venv under
target/smtp-sink/ with aiosmtpd from PyPI.
"""
import argparse
import asyncio
import json
import os
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder, refused):
        self.folder = folder
        self.refused = {r.lower() for r in refused}
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
        }
        self.count += 1
        name = os.path.join(self.folder, f"{os.getpid()}-{self.count:06d}.json")
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name)
        return "250 Message accepted for delivery"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--dir", required=True)
    p.add_argument("--refuse", action="append", default=[])
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    sink = Sink(a.dir, a.refuse)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.test", enable_SMTPUTF8=True), "127.0.0.1", a.port, reuse_address=True
    )
    port = server.sockets[0].getsockname()[1]
    print(f"listening {port}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
