"""End to end, with real processes: a `db_worker` killed (SIGKILL) in the middle of sending an
e-mail; after the restart the e-mail goes out exactly once.

The processes share their own SQLite file (the tests' database lives in memory), with the
database task backend of the dev settings and real SMTP servers on 127.0.0.1.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEASE = 2  # seconds, for the outbox rows and the tasks alike


class SMTPServer:
    """A server on 127.0.0.1 that either never says a word (`hang`) or accepts every message
    and keeps it in `received`."""

    def __init__(self, *, hang: bool):
        self.hang = hang
        self.connections: list[socket.socket] = []
        self.received: list[bytes] = []
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                connection = self.socket.accept()[0]
            except TimeoutError:
                continue
            self.connections.append(connection)
            if not self.hang:
                threading.Thread(target=self._speak, args=(connection,), daemon=True).start()

    def _speak(self, connection):
        stream = connection.makefile("rwb")

        def reply(line: str):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        reply("220 test ESMTP")
        while line := stream.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 test")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                reply("250 ok")
            elif command == "DATA":
                reply("354 go ahead")
                data = []
                while (chunk := stream.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                self.received.append(b"".join(data))
                reply("250 queued")
            elif command == "QUIT":
                reply("221 bye")
                break
            else:
                reply("502 not implemented")

    def close(self):
        self.stopped.set()
        self.thread.join()
        for connection in self.connections:
            connection.close()
        self.socket.close()


def _env(database: Path, smtp: SMTPServer) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_TIMEOUT": "120",
        "OUTBOX_LEASE": str(LEASE),
        "TASK_LEASE": str(LEASE),
    }


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


WORKER = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
RECORD = (
    "from lanterne.core import outbox; from lanterne.core.tasks import enqueue_delivery; "
    "enqueue_delivery(outbox.record([outbox.Message("
    "to='porteur@example.org', subject='Objet', body='Texte')]))"
)


def _state(database: Path) -> tuple:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT state, attempts FROM core_outboxmessage").fetchall()
        tasks = db.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall()
    return row, sorted(t[0] for t in tasks)


def test_a_worker_killed_mid_send_is_taken_up_again_and_sends_once(tmp_path):
    """A worker blocked on an SMTP server is SIGKILLed: the row stays leased and the task
    RUNNING. Once the leases run out, `recover_tasks` puts the task back and a new worker runs
    it: the e-mail is sent exactly once, and another delivery sends nothing more."""
    database = tmp_path / "worker.sqlite3"
    hanging, answering = SMTPServer(hang=True), SMTPServer(hang=False)
    try:
        first = _env(database, hanging)
        _manage(first, "migrate", "--no-input", "--verbosity", "0")
        _manage(first, "shell", "-c", RECORD)
        assert _state(database) == ([("pending", 0)], ["READY"])

        worker = subprocess.Popen(
            [sys.executable, "manage.py", *WORKER],
            cwd=ROOT,
            env=first,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not hanging.connections and time.monotonic() < deadline:
                time.sleep(0.05)
            assert hanging.connections, "the worker never reached the SMTP server"
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
        assert _state(database) == ([("sending", 1)], ["RUNNING"])

        time.sleep(LEASE + 0.5)
        second = _env(database, answering)
        _manage(second, "recover_tasks")
        assert _state(database) == ([("sending", 1)], ["READY"])
        _manage(second, *WORKER, "--batch")
        assert len(answering.received) == 1
        assert b"Subject: Objet" in answering.received[0]
        assert _state(database) == ([("sent", 2)], ["SUCCESSFUL"])

        _manage(second, "deliver_outbox")
        assert len(answering.received) == 1
    finally:
        hanging.close()
        answering.close()
