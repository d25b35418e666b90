"""A small HTTP/1.1 client on asyncio, for the load scripts (`bench.server`, `bench.scenario`).

One `Connection` is one keep-alive TCP connection, as a browser tab holds: it reconnects when the
server closes it (gunicorn's sync workers close after every response) and keeps its cookies.
Bodies are read whole (Content-Length or chunked) and not decompressed. Standard library only:
the project has no HTTP load tool among its dependencies.
"""

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

# Like a browser behind the site's reverse proxy, which tells Django the request came in HTTPS.
DEFAULT_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
    "Accept-Encoding": "gzip, br",
    "Accept-Language": "fr-FR,fr;q=0.9",
    "X-Forwarded-Proto": "https",
    "User-Agent": "lanterne-bench",
}
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    milliseconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def csrf_token(self) -> str:
        """The token of the page's first form (`{% csrf_token %}`), else ""."""
        match = CSRF_INPUT.search(self.body)
        return match.group(1).decode() if match else ""


@dataclass
class Connection:
    host: str
    port: int
    host_header: str = "localhost"
    timeout: float = 30.0
    cookies: dict[str, str] = field(default_factory=dict)
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return await self.request("GET", path, headers=headers)

    async def post(
        self, path: str, data: dict | list[tuple[str, str]], headers: dict[str, str] | None = None
    ) -> Response:
        """A form's POST, with the CSRF token, Origin and Referer a browser would send."""
        body = urlencode(data, doseq=True).encode()
        origin = f"https://{self.host_header}"
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
            **(headers or {}),
        }
        return await self.request("POST", path, body=body, headers=extra)

    async def request(
        self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        """Send one request and read its whole response; the time includes a reconnection."""
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self._writer is not None
            if not reused:
                self._reader, self._writer = await asyncio.wait_for(
                    asyncio.open_connection(self.host, self.port), self.timeout
                )
            try:
                self._writer.write(self._head(method, path, body, headers) + body)
                await self._writer.drain()
                status, response_headers, content = await asyncio.wait_for(
                    self._read(), self.timeout
                )
                break
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                # A kept-alive connection the server had just closed: once more on a new one.
                if attempt == 2 or not reused:
                    raise
        self._remember(response_headers.get("set-cookie", ""))
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, response_headers, content, (time.perf_counter() - started) * 1000)

    def _head(self, method: str, path: str, body: bytes, headers: dict[str, str] | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host_header}"]
        merged = {**DEFAULT_HEADERS, **(headers or {})}
        if self.cookies:
            merged["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body or method == "POST":
            merged["Content-Length"] = str(len(body))
        lines += [f"{name}: {value}" for name, value in merged.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _read(self) -> tuple[int, dict[str, str], bytes]:
        assert self._reader is not None
        head = await self._reader.readuntil(b"\r\n\r\n")
        status, headers = parse_head(head)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self._reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            return status, headers, b"".join(chunks)
        length = int(headers.get("content-length", "0") or 0)
        return status, headers, await self._reader.readexactly(length) if length else b""

    def _remember(self, set_cookie: str) -> None:
        for name, value in parse_set_cookie(set_cookie).items():
            if value is None:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


def parse_set_cookie(headers: str) -> dict[str, str | None]:
    """Name → value of the cookies of Set-Cookie headers (one a line); None for a cookie being
    deleted (`Max-Age=0`, or an empty value as Django's `delete_cookie` sends)."""
    cookies: dict[str, str | None] = {}
    for header in headers.split("\n"):
        pair, *attributes = [part.strip() for part in header.split(";")]
        name, found, value = pair.partition("=")
        if not found or not name:
            continue
        deleted = not value.strip('"') or any(a.lower() == "max-age=0" for a in attributes)
        cookies[name] = None if deleted else value
    return cookies


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    """Status and headers (lower-case names) of a response's head; repeated headers are joined
    with a comma, Set-Cookie ones with a new line (their dates hold commas)."""
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        key, value = name.strip().lower(), value.strip()
        joiner = "\n" if key == "set-cookie" else ", "
        headers[key] = f"{headers[key]}{joiner}{value}" if key in headers else value
    return status, headers
