#!/usr/bin/python3
"""A forwarding proxy on 127.0.0.1 for tests of a kubeconfig's proxy-url (python3 stdlib only).

    tunnel_proxy.py --flavour http|https|socks5 [--cert CRT --key KEY] --log FILE

prints {"url": "http://127.0.0.1:PORT"} (https://, socks5://) and serves until stdin closes or
SIGTERM. http: an HTTP CONNECT tunnel (RFC 9110 9.3.6), as Squid offers for https:// targets;
https: the same behind TLS with CRT/KEY; socks5: RFC 1928 without authentication, CONNECT
only, IPv4 and domain-name addresses. Each tunnel's target is appended to FILE as
"CONNECT host:port" or "SOCKS5 host:port", so a test sees that the client went through us and
where it asked to go. Bytes are relayed as they are: TLS stays end to end."""
import argparse, socket, socketserver, ssl, struct, sys, threading

sys.dont_write_bytecode = True  # tests must not write into the source tree
from serve_until_closed import serve_until_stdin_closes  # noqa: E402


def relay(a, b):
    def pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    t = threading.Thread(target=pump, args=(b, a), daemon=True)
    t.start()
    pump(a, b)
    t.join()


class Handler(socketserver.BaseRequestHandler):
    def record(self, line):
        with self.server.log_lock, open(self.server.log, "a") as f:
            f.write(line + "\n")

    def handle(self):
        if self.server.flavour == "socks5":
            self.socks5()
        else:
            self.connect()

    def read_line(self):
        line = b""
        while not line.endswith(b"\r\n"):
            c = self.request.recv(1)
            if not c:
                break
            line += c
        return line.decode("latin-1").rstrip("\r\n")

    def connect(self):
        request = self.read_line()
        while self.read_line():
            pass  # headers up to the empty line
        parts = request.split(" ")
        if len(parts) != 3 or parts[0] != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = parts[1].rpartition(":")
        self.record("CONNECT " + parts[1])
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        upstream.settimeout(None)
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        relay(self.request, upstream)

    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.request.recv(n - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def socks5(self):
        version, count = self.recv_exact(2)
        methods = self.recv_exact(count)
        if version != 5 or 0 not in methods:
            self.request.sendall(b"\x05\xff")
            return
        self.request.sendall(b"\x05\x00")
        _, command, _, kind = self.recv_exact(4)
        if kind == 1:
            host = socket.inet_ntoa(self.recv_exact(4))
        elif kind == 3:
            host = self.recv_exact(self.recv_exact(1)[0]).decode()
        else:
            self.request.sendall(b"\x05\x08\x00\x01" + b"\x00" * 6)  # address type not supported
            return
        port = struct.unpack("!H", self.recv_exact(2))[0]
        if command != 1:
            self.request.sendall(b"\x05\x07\x00\x01" + b"\x00" * 6)  # command not supported
            return
        self.record("SOCKS5 %s:%d" % (host, port))
        try:
            upstream = socket.create_connection((host, port), timeout=10)
        except OSError:
            self.request.sendall(b"\x05\x05\x00\x01" + b"\x00" * 6)  # connection refused
            return
        upstream.settimeout(None)
        self.request.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", 0))
        relay(self.request, upstream)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True)
        return sock, address


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flavour", choices=["http", "https", "socks5"], required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.flavour = args.flavour
    server.log = args.log
    server.log_lock = threading.Lock()
    server.tls = None
    if args.flavour == "https":
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(args.cert, args.key)
    open(args.log, "a").close()
    serve_until_stdin_closes(server, {"url": "%s://127.0.0.1:%d" % (args.flavour, server.server_address[1])})


if __name__ == "__main__":
    main()
