"""A PostgreSQL server's TLS side that sends the largest records TLS allows.

PostgreSQL 15 and 16 flush at most 8 KiB at a time, so each TLS record they send fits the 8 KiB libpq
always has free to read into. PostgreSQL 17 and later send a long message in one write, in records of up
to 16 KiB, as RDS and Aurora can: libpq then reads part of a record and OpenSSL keeps the rest, decrypted,
where polling the socket cannot see it.

This proxy plays such a server. It accepts a client's SSLRequest, ends TLS with the given certificate,
passes the plain protocol to the PostgreSQL at UPSTREAM_PORT, and gathers the server's answers for a
moment before sending them on, so they go out as full 16 KiB records.

    python3 tls-record-proxy.py CERT KEY UPSTREAM_PORT      # prints the port it listens on

It exits when its standard input closes, so it never outlives the test that started it.
"""

import asyncio
import os
import ssl
import struct
import sys
import threading

SSL_REQUEST_CODE = 80877103


async def pass_plain(reader, writer):
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()


async def pass_in_full_records(reader, writer):
    while data := await reader.read(65536):
        chunks = [data]
        while True:
            try:
                more = await asyncio.wait_for(reader.read(65536), timeout=0.005)
            except asyncio.TimeoutError:
                break
            if not more:
                break
            chunks.append(more)
        writer.write(b"".join(chunks))
        await writer.drain()
    writer.close()


async def serve(context, upstream_port, client_reader, client_writer):
    length, code = struct.unpack("!ii", await client_reader.readexactly(8))
    if length != 8 or code != SSL_REQUEST_CODE:
        client_writer.close()
        return
    client_writer.write(b"S")
    await client_writer.drain()
    await client_writer.start_tls(context)
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    await asyncio.gather(
        pass_plain(client_reader, server_writer),
        pass_in_full_records(server_reader, client_writer),
        return_exceptions=True,
    )


async def main(certificate, key, upstream_port):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    listener = await asyncio.start_server(
        lambda reader, writer: serve(context, upstream_port, reader, writer), "127.0.0.1", 0
    )
    print(listener.sockets[0].getsockname()[1], flush=True)
    async with listener:
        await listener.serve_forever()


def exit_when_input_closes():
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=exit_when_input_closes, daemon=True).start()
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
