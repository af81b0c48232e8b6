"""Counting round trips to PostgreSQL, without a delay: a loopback proxy in front of the test server counts the
sync points the server answers — each ReadyForQuery message ends one exchange the client waited for (a simple
query; an extended-protocol statement with its Sync; a whole pipeline, e.g. a BEGIN sent with its statement).
bench/latency.py counts the client's bursts through a delaying proxy; without a delay a large answer can
reach the proxy before the client's last packet of the same burst, so bursts would over-count here. Tests
assert counts, never times."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url


class _Messages:
    """Splits the server's side of one connection into protocol messages and counts ReadyForQuery ('Z').
    (The test server offers no SSL: its one-byte answer to an SSLRequest, 'N', comes before any message.)"""

    def __init__(self) -> None:
        self.buffer = b""
        self.started = False

    def feed(self, chunk: bytes) -> int:
        self.buffer += chunk
        if not self.started:
            self.started = True
            if self.buffer[:1] == b"N":
                self.buffer = self.buffer[1:]
        ready = 0
        while len(self.buffer) >= 5:
            size = int.from_bytes(self.buffer[1:5], "big")
            if len(self.buffer) < 1 + size:
                break
            ready += self.buffer[:1] == b"Z"
            self.buffer = self.buffer[1 + size:]
        return ready


class RoundTripProxy:
    """Forwards 127.0.0.1:``port`` to the server's port; ``turns`` counts the exchanges the server answered,
    ``sent`` keeps the start of each burst the client sent after the server spoke (for a failing count's
    message)."""

    def __init__(self, server_port: int) -> None:
        self.server_port = server_port
        self.turns = 0
        self.sent: list[bytes] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closing = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, url: str) -> str:
        """``url`` (to the test server) through this proxy."""
        return make_url(url).set(port=self.port).render_as_string(hide_password=False)

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.server_port))
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sockets += [client, server]
            spoke = {"server": True}  # the server speaks first in a round trip's count: the client's first send
            threading.Thread(target=self._pump, args=(client, server, spoke, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, spoke, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, spoke: dict[str, bool], upstream: bool) -> None:
        reader = _Messages()
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                for s in (source, target):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return
            with self._lock:
                if upstream:
                    if spoke["server"]:
                        self.sent.append(chunk[:80])
                    spoke["server"] = False
                else:
                    spoke["server"] = True
                    self.turns += reader.feed(chunk)
            try:
                target.sendall(chunk)
            except OSError:
                return

    def close(self) -> None:
        self._closing = True
        self._listener.close()
        for s in self._sockets:
            try:
                s.close()
            except OSError:
                pass


@contextmanager
def round_trip_proxy(url: str) -> Iterator[tuple[RoundTripProxy, str]]:
    """A proxy in front of the test server ``url`` points at, and the url through it."""
    port = make_url(url).port
    assert port is not None
    proxy = RoundTripProxy(port)
    try:
        yield proxy, proxy.url(url)
    finally:
        proxy.close()
