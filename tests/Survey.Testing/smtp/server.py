"""A local SMTP server for the mail tests and the benchmark (Debian python3-aiosmtpd).

Writes every accepted message to --dir as NNNNNNNN.eml, preceded by an "X-Envelope-To:" line per recipient, written
under a temporary name and renamed, so a reader never sees half a message. The --rules file (re-read for every
recipient, so a test can change it while the server runs) holds lines "defer ADDRESS" (answer 451) or
"reject ADDRESS" (answer 550). Prints "ready PORT" once it listens; stops on SIGTERM or when stdin closes.
"""
import argparse
import itertools
import os
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder, rules):
        self.folder = folder
        self.rules = rules
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    def rule(self, address):
        try:
            with open(self.rules, encoding="utf-8") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 2 and parts[1].lower() == address.lower():
                        return parts[0]
        except FileNotFoundError:
            pass
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rule = self.rule(address)
        if rule == "defer":
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        if rule == "reject":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = next(self.counter)
        head = "".join(f"X-Envelope-To: {r}\r\n" for r in envelope.rcpt_tos).encode("ascii")
        final = os.path.join(self.folder, f"{number:08d}.eml")
        temporary = os.path.join(self.folder, f".{number:08d}.tmp")
        with open(temporary, "wb") as f:
            f.write(head)
            f.write(envelope.original_content or envelope.content)
        os.rename(temporary, final)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--rules", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Handler(args.dir, args.rules), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"ready {args.port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
