"""gunicorn's configuration: processes from the environment, logs without personal data."""

import datetime
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def load(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_processes_and_timeouts_come_from_the_environment(monkeypatch):
    """WEB_CONCURRENCY, GUNICORN_BIND and GUNICORN_TIMEOUT set gunicorn's workers, address and
    timeout; logs go to the standard streams."""
    default = load(monkeypatch)
    assert (default["workers"], default["bind"], default["timeout"]) == (2, "127.0.0.1:8000", 60)
    assert default["accesslog"] == default["errorlog"] == "-"
    custom = load(monkeypatch, WEB_CONCURRENCY="5", GUNICORN_BIND="0.0.0.0:9000")
    assert (custom["workers"], custom["bind"]) == (5, "0.0.0.0:9000")


def test_workers_are_recycled_rarely_enough_not_to_spend_the_processor_starting(monkeypatch):
    """A worker is replaced after 10 000 requests and up to a tenth more, drawn per worker so
    that they do not all restart at once (GUNICORN_MAX_REQUESTS changes both)."""
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    default = load(monkeypatch)
    assert (default["max_requests"], default["max_requests_jitter"]) == (10_000, 1_000)
    custom = load(monkeypatch, GUNICORN_MAX_REQUESTS="2000")
    assert (custom["max_requests"], custom["max_requests_jitter"]) == (2_000, 200)


@pytest.mark.parametrize(
    "atom",
    ["%(h)s", "%(q)s", "%(r)s", "%(f)s", "%(a)s", "%(u)s", "%({"],
)
def test_access_log_keeps_no_personal_data(monkeypatch, atom):
    """No client address, query string, request line (it holds the query), referrer, user agent,
    user name nor header in the access log."""
    assert atom not in load(monkeypatch)["access_log_format"]


def test_access_log_masks_password_reset_tokens(monkeypatch):
    """The reset link's user id and token never reach the log; other paths are kept whole."""
    from gunicorn.config import Config

    config = load(monkeypatch)
    assert config["logger_class"] is config["AccessLogger"]
    logger = config["AccessLogger"](Config())

    def logged_path(path: str) -> str:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        response = SimpleNamespace(status="200 OK", sent=10, headers=[])
        return logger.atoms(response, [], environ, datetime.timedelta(seconds=1))["U"]

    assert logged_path("/compte/mot-de-passe/nouveau/MQ/c8x-4f2a/") == (
        "/compte/mot-de-passe/nouveau/…/…/"
    )
    assert logged_path("/structures/la-trame/") == "/structures/la-trame/"
    # An invitation's link holds its key: masked too, the list of invitations is not.
    assert logged_path("/en/invitation/Zx-9_abc/") == "/en/invitation/…/"
    assert logged_path("/invitations/") == "/invitations/"


@pytest.mark.parametrize(("setting", "expected"), [(None, 50000), ("20000", 20000)])
def test_a_worker_freezes_its_start_up_heap_and_collects_less_often(monkeypatch, setting, expected):
    """Once a worker has loaded the application, the objects it holds for its whole life are out
    of the garbage collector's walks, and young collections come after GUNICORN_GC_THRESHOLD
    allocations."""
    import gc

    env = {"GUNICORN_GC_THRESHOLD": setting} if setting else {}
    monkeypatch.delenv("GUNICORN_GC_THRESHOLD", raising=False)
    config = load(monkeypatch, **env)
    before = gc.get_threshold()
    try:
        config["post_worker_init"](SimpleNamespace())
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (expected, before[1], before[2])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
