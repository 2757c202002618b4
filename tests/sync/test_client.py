"""The province client reads each body whole, keeps its connection, and never raises for what
the network does: a body cut short is a transient answer, to be retried."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from sync.client import ProvinceClient
from tests.sync.support import SECRET, TERMINAL_ID, Emulator


@pytest.fixture
def short_body_server() -> Iterator[str]:
    """A server that promises 1,000 bytes, sends 10 and hangs up."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               b"Content-Length: 1000\r\n\r\n{\"items\":[")
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    thread.join(5)
    listener.close()


def test_a_body_cut_short_is_a_transient_answer(short_body_server: str) -> None:
    with ProvinceClient(short_body_server, TERMINAL_ID, SECRET, timeout_s=5) as client:
        answer = client.request("GET", "/v1/datasets/subsidies/changes?since=0&limit=10")
    assert answer.kind == "transient"
    assert answer.status is None
    assert answer.error  # the network error's name, for the log


def test_whole_pages_come_over_one_kept_connection(client: ProvinceClient,
                                                   emulator: Emulator) -> None:
    bodies = [client.request("GET", "/v1/datasets/subsidies/changes?since=0&limit=5")
              for _ in range(3)]
    assert all(answer.ok for answer in bodies)
    assert len({answer.body for answer in bodies}) == 1
    assert len(bodies[0].json()["items"]) == 5
    adapter = client._session.get_adapter(emulator.url)
    pools = list(adapter.poolmanager.pools._container.values())  # type: ignore[attr-defined]
    assert [pool.num_connections for pool in pools] == [1]


def test_the_environments_proxy_settings_still_apply(monkeypatch: pytest.MonkeyPatch,
                                                     emulator: Emulator) -> None:
    """The proxy settings are read once, when the client is made, and then obeyed."""
    closed = socket.create_server(("127.0.0.1", 0))
    dead_proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()
    monkeypatch.setenv("http_proxy", dead_proxy)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=5) as client:
        through_proxy = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=5) as client:
        direct = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
    assert through_proxy.kind == "transient"
    assert through_proxy.error == "ProxyError"
    assert direct.ok
