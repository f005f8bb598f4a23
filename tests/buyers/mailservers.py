"""Real mail servers for the buyer tests: Dovecot (IMAP) in a temporary folder, aiosmtpd (SMTP) in a thread."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tls_certs import make_cert

DOVECOT = "/usr/sbin/dovecot"
CONFIG = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:{d}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/passwd
  default_fields = uid={uid} gid={gid} home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
{chroot}}}
service anvil {{
{chroot}}}
"""


def append(dovecot: Dovecot, raw: bytes, mailbox: str = "INBOX") -> None:
    """Deliver a message into the mailbox the way a mail server would (IMAP APPEND)."""
    conn = imaplib.IMAP4("127.0.0.1", dovecot.port)
    conn.login(dovecot.user, dovecot.password)
    if mailbox != "INBOX":
        conn.create(mailbox)
    conn.append(mailbox, None, None, raw)
    conn.logout()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dovecot:
    folder: Path
    port: int
    user: str
    password: str
    ssl_port: int = 0

    @property
    def cert(self) -> Path:
        """The server's self-signed certificate (trust it with SSL_CERT_FILE)."""
        return self.folder / "cert.pem"

    def mailbox(self, n: int) -> Dovecot:
        """The n-th of the mailbox users made at start (each test takes a fresh one)."""
        return Dovecot(self.folder, self.port, f"seller{n}@example.com", f"mailbox-pass-{n:04d}", self.ssl_port)

    def stop(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self.folder / "dovecot.conf"), "stop"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=20)
        for _ in range(50):
            if not (self.folder / "run" / "master.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_dovecot(users: int = 200) -> Dovecot:
    folder = Path(tempfile.mkdtemp(prefix="cp-dovecot-"))
    folder.chmod(0o755)
    for sub in ("run", "state", "mail"):
        (folder / sub).mkdir()
    if os.geteuid() == 0:
        mail_user = pwd.getpwnam("dovecot")
        uid, gid = mail_user.pw_uid, mail_user.pw_gid
        os.chown(folder / "mail", uid, gid)
        accounts = dict(login_user="dovenull", internal_user="dovecot", internal_group="dovecot", chroot="")
    else:
        me = pwd.getpwuid(os.getuid())
        uid, gid = me.pw_uid, me.pw_gid
        group = me.pw_name
        accounts = dict(login_user=me.pw_name, internal_user=me.pw_name, internal_group=group, chroot="  chroot =\n")
    (folder / "passwd").write_text("".join(f"seller{n}@example.com:{{PLAIN}}mailbox-pass-{n:04d}::::::\n"
                                           for n in range(users + 1)))
    port, ssl_port = free_port(), free_port()
    make_cert(folder)
    (folder / "dovecot.conf").write_text(CONFIG.format(d=folder, port=port, ssl_port=ssl_port, uid=uid, gid=gid,
                                                       **accounts))
    # dovecot forks into the background: its output goes to a file, so that no pipe is left waiting
    with open(folder / "start.log", "wb") as log:
        subprocess.run([DOVECOT, "-c", str(folder / "dovecot.conf")], check=True, stdout=log, stderr=log, timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return Dovecot(folder, port, "seller0@example.com", "mailbox-pass-0000", ssl_port)
        except OSError:
            time.sleep(0.05)
    log = (folder / "dovecot.log").read_text() if (folder / "dovecot.log").exists() else ""
    raise RuntimeError(f"dovecot did not start: {log[-2000:]}")


@dataclass
class SmtpSink:
    """An aiosmtpd server that keeps every message it accepts (and can refuse or hang up on cue)."""

    port: int
    received: list = field(default_factory=list)
    refuse_next: list = field(default_factory=list)  # SMTP answers to give to the next DATA commands
    on_accept: object = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: object = None

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_next:
                return self.refuse_next.pop(0)
            self.received.append(envelope)
        if self.on_accept:
            self.on_accept(envelope)
        return "250 OK"

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.refuse_next.clear()
        self.on_accept = None

    def stop(self) -> None:
        self.controller.stop()


def start_smtp() -> SmtpSink:
    from aiosmtpd.controller import Controller

    sink = SmtpSink(port=free_port())
    sink.controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    sink.controller.start()
    return sink


def start_smtp_starttls(cert: Path, key: Path) -> SmtpSink:
    """An aiosmtpd server that insists on STARTTLS before any mail."""
    import ssl

    from aiosmtpd.controller import Controller

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    sink = SmtpSink(port=free_port())
    sink.controller = Controller(sink, hostname="127.0.0.1", port=sink.port, tls_context=ctx, require_starttls=True)
    sink.controller.start()
    return sink
