#!/usr/bin/env python3
"""The Docker Engine API as devk8s preflight asks it, on a unix socket, for scripts/sim-shell.sh
(the C++ tests use tests/support/fake_docker_socket.hpp, the same answers in-process): GET /_ping
answers "OK" and GET /info a fixture body, the Engine API's SystemInfo
(https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemInfo);
fixtures are tests/fixtures/hosts/*/docker-info.json. Prints {"socket": PATH} when it listens and
serves until its stdin closes."""
import argparse, http.server, json, os, socketserver, sys, threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        # The API may be versioned: /v1.41/info is /info.
        if path.startswith("/v1.") and "/" in path[1:]:
            path = "/" + path.split("/", 2)[2]
        if path == "/_ping":
            self.reply(200, b"OK", "text/plain; charset=utf-8")
        elif path == "/info":
            self.reply(200, self.server.info, "application/json")
        else:
            self.reply(404, b'{"message":"page not found"}', "application/json")

    def reply(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Api-Version", "1.41")
        self.end_headers()
        self.wfile.write(body)

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--socket", required=True)
    ap.add_argument("--info", required=True, help="the /info body (a docker-info.json fixture)")
    args = ap.parse_args()
    if os.path.exists(args.socket):
        os.unlink(args.socket)
    server = Server(args.socket, Handler)
    with open(args.info, "rb") as f:
        server.info = f.read()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"socket": args.socket}), flush=True)
    sys.stdin.read()
    server.shutdown()
    os.unlink(args.socket)


if __name__ == "__main__":
    main()
