#!/usr/bin/python3
"""A misbehaving registry on 127.0.0.1 for the fault tests (python3 stdlib only).

By hand: tests/support/fault_server.py   prints {"host": "127.0.0.1:PORT"} and serves until
stdin closes or SIGTERM. GET /v2/ answers 200 {} like an anonymous registry (distribution spec,
"API Version Check"). Manifest paths /v2/<mode>/<anything>/manifests/<ref> behave by <mode>:

  ok            200 with Docker-Content-Digest (the body's sha256)
  nodigest      200 without Docker-Content-Digest: the client must GET and hash the body
  flaky         500 with an UNKNOWN error body the first time a path is asked, then as ok
  ratelimited   429 Retry-After: 1 the first time a path is asked, then as ok
  throttled     always 429 Retry-After: 1
  down          always 503 (text/plain)
  hang          reads the request and never answers
  loop          302 to itself, forever
  bigheader     200 with an 80 KiB header (over the client's 64 KiB limit)
  bigbody       200 without digest and a 5 MiB body (over the 4 MiB manifest limit)
  garbage       403 with Content-Type application/json and a truncated, invalid JSON body
  plain404      404 text/plain "404 page not found" (Go's net/http NotFound, as nginx-fronted mirrors send)
  allowlist     403 text/plain naming the allowlist, the way a host-swap mirror refuses images it
                does not carry (shape: ../shared/reference/landscape.md §4 item 2)
  unauthorized  401 with WWW-Authenticate: Bearer realm=...,error="insufficient_scope" and the
                distribution error body

GET /stats returns {"<path>": requests so far} so tests can count retries; any method on
/echo returns {"method", "path", "headers", "body"} as received. With --unix PATH it serves
HTTP on that unix socket instead (as Docker's API does) and announces {"socket": PATH}.
"""
import hashlib, http.server, json, socketserver, sys, threading, time

from serve_until_closed import serve_until_stdin_closes

MANIFEST = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                       "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2,
                                  "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
                       "layers": []}, indent=3).encode()
DIGEST = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()
counts = {}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=(), content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Docker-Distribution-Api-Version", "registry/2.0")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def manifest(self, digest=True):
        headers = [("Docker-Content-Digest", DIGEST)] if digest else []
        self.reply(200, MANIFEST, headers, "application/vnd.docker.distribution.manifest.v2+json")

    def handle_any(self):
        path = self.path.split("?")[0]
        if path.startswith("http://"):  # absolute-form: we are being used as a forward proxy (RFC 9112 §3.2.2)
            path = "/" + path.split("/", 3)[3]
        with lock:
            counts[path] = counts.get(path, 0) + 1
            n = counts[path]
        if path == "/stats":
            return self.reply(200, json.dumps(counts).encode())
        if path == "/echo":
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            return self.reply(200, json.dumps({"method": self.command, "path": self.path, "body": body,
                                               "headers": {k.lower(): v for k, v in self.headers.items()}}).encode())
        if path == "/v2/":
            return self.reply(200, b"{}")
        parts = path.split("/")
        mode = parts[2] if len(parts) > 2 else ""
        if mode == "ok":
            return self.manifest()
        if mode == "nodigest":
            return self.manifest(digest=False)
        if mode == "flaky":
            if n == 1:
                return self.reply(500, b'{"errors":[{"code":"UNKNOWN","message":"flaky: the first attempt fails"}]}')
            return self.manifest()
        if mode == "ratelimited":
            if n == 1:
                return self.reply(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
                                  [("Retry-After", "1")])
            return self.manifest()
        if mode == "throttled":
            return self.reply(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit"}]}',
                              [("Retry-After", "1")])
        if mode == "down":
            return self.reply(503, b"upstream unavailable", content_type="text/plain")
        if mode == "hang":
            time.sleep(3600)
            return
        if mode == "slow":
            time.sleep(1)
            return self.manifest()
        if mode == "loop":
            return self.reply(302, b"", [("Location", path)])
        if mode == "bigheader":
            return self.reply(200, MANIFEST, [("Docker-Content-Digest", DIGEST), ("X-Padding", "x" * (80 << 10))],
                              "application/vnd.docker.distribution.manifest.v2+json")
        if mode == "bigbody":
            return self.reply(200, b" " * (5 << 20), (), "application/vnd.docker.distribution.manifest.v2+json")
        if mode == "garbage":
            return self.reply(403, b'{"errors": [{"code": "DENI\x00<html>oops')
        if mode == "plain404":
            return self.reply(404, b"404 page not found\n", content_type="text/plain; charset=utf-8")
        if mode == "allowlist":
            return self.reply(403, ("the image %s is not in allowlist\n" % path).encode(), content_type="text/plain")
        if mode == "unauthorized":
            return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
                              [("WWW-Authenticate", 'Bearer realm="http://%s/token",service="faults",'
                                'error="insufficient_scope"' % self.headers.get("Host", ""))])
        return self.reply(404, b'{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}')

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = handle_any

    def address_string(self):
        return "unix" if isinstance(self.client_address, (str, bytes)) else super().address_string()


def main():
    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # clients hanging up on a hang or a loop is the point, not news

    class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass

    if len(sys.argv) == 3 and sys.argv[1] == "--unix":
        server = UnixServer(sys.argv[2], Handler)
        announcement = {"socket": sys.argv[2], "digest": DIGEST}
    else:
        server = Server(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        announcement = {"host": "127.0.0.1:%d" % server.server_address[1], "digest": DIGEST}
    serve_until_stdin_closes(server, announcement)


if __name__ == "__main__":
    main()
