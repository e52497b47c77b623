"""A counting Bolt proxy: how many Cypher statements each contestant really sends.

Neo4j Community has no query log (`db.logs.query.enabled` is accepted but nothing is
written: that logger ships with Enterprise), so the count is taken on the wire instead:
contestants are pointed at this proxy, which forwards bytes unchanged to Neo4j and
decodes the client's Bolt message stream, counting RUN (one Cypher statement each) and
BEGIN (one explicit transaction each). It sees every driver equally (Python, JavaScript)
and cannot be fooled by what a server says about itself.

Wire format (Bolt 4/5): a 20-byte handshake (magic + 4 version proposals); if the server
answers with the manifest marker 0x000001FF, it lists versions and the client answers
with its choice and a varint of capabilities. After that, messages are chunked
(u16 length + bytes, a zero-length chunk ends a message); a message is a PackStream
struct whose second byte is its signature: RUN 0x10, BEGIN 0x11.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import Iterator

RUN, BEGIN = 0x10, 0x11
MANIFEST = b"\x00\x00\x01\xff"


class BoltCounter:
    """Listens on `listen_port`, forwards to Neo4j on `target_port`, counts messages."""

    def __init__(self, listen_port: int, target_port: int) -> None:
        self.listen_port = listen_port
        self.target_port = target_port
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self.counts)

    def _count(self, signature: int) -> None:
        name = {RUN: "run", BEGIN: "begin"}.get(signature)
        if name:
            with self._lock:
                self.counts[name] += 1

    async def _client_to_server(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        negotiated: asyncio.Future[bytes],
    ) -> None:
        handshake = await reader.readexactly(20)
        writer.write(handshake)
        await writer.drain()
        if await negotiated == MANIFEST:
            choice = await reader.readexactly(4)
            varint = bytearray()
            while True:
                byte = await reader.readexactly(1)
                varint += byte
                if not byte[0] & 0x80:
                    break
            writer.write(choice + bytes(varint))
            await writer.drain()
        message = bytearray()
        while True:
            header = await reader.readexactly(2)
            size = int.from_bytes(header, "big")
            body = await reader.readexactly(size) if size else b""
            writer.write(header + body)
            if size:
                message += body
            else:
                if len(message) >= 2:
                    self._count(message[1])
                message.clear()
                await writer.drain()

    async def _server_to_client(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        negotiated: asyncio.Future[bytes],
    ) -> None:
        first = await reader.readexactly(4)
        negotiated.set_result(first)
        writer.write(first)
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()

    async def _handle(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        server_reader, server_writer = await asyncio.open_connection(
            "127.0.0.1", self.target_port
        )
        negotiated: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        tasks = [
            asyncio.create_task(
                self._client_to_server(client_reader, server_writer, negotiated)
            ),
            asyncio.create_task(
                self._server_to_client(server_reader, client_writer, negotiated)
            ),
        ]
        with contextlib.suppress(Exception):
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            task.cancel()
        for w in (client_writer, server_writer):
            with contextlib.suppress(Exception):
                w.close()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def main() -> None:
            server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.listen_port
            )
            self._ready.set()
            async with server:
                await server.serve_forever()

        with contextlib.suppress(asyncio.CancelledError, RuntimeError):
            loop.run_until_complete(main())

    @contextlib.contextmanager
    def running(self) -> Iterator[BoltCounter]:
        """Serve in a background thread for the block."""
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"Bolt counter could not listen on {self.listen_port}")
        try:
            yield self
        finally:
            if self._loop is not None:
                for task in asyncio.all_tasks(self._loop):
                    self._loop.call_soon_threadsafe(task.cancel)
            thread.join(timeout=5)
