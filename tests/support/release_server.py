#!/usr/bin/python3
"""Fake minikube/kubectl release files on 127.0.0.1 for the `devk8s install` tests (stdlib only).

Prints {"host": "127.0.0.1:PORT"} and serves until stdin closes or SIGTERM. Paths are
/<mode>/<version>/<tool>[.sha256], laid out like dl.k8s.io/release/<v>/bin/<os>/<arch>/kubectl
and storage.googleapis.com/minikube/releases/<v>/minikube-<os>-<arch> (the tests' downloads
files put the mode in front). <tool> is "kubectl" or starts with "minikube". The binary is a
/bin/sh script printing the version JSON the real tool prints: `minikube version -o json`
{"commit":...,"minikubeVersion":"v1.20.0"} and `kubectl version --client -o json`
{"clientVersion":{...,"gitVersion":"v1.20.2",...}} (shapes: tests/fixtures/hosts/seed-host/tools),
padded to 512 KiB so a transfer can be cut in the middle. The .sha256 holds the hex digest
alone, as both release servers publish it. Modes:

  ok          the file, honouring Range (206 + Content-Range), and its checksum
  badsum      the file, and the checksum of something else
  missing     404 for everything
  truncate    announces the full Content-Length, sends half, closes; every time
  flaky       as truncate the first time a path is asked, then as ok (a resumable interruption)
  norange     as truncate the first time, then the whole file with 200 whatever Range says
  stall       sends the headers and half the body, then nothing
  liar        the binary prints another version than its path says (v0.0.1)
  moved       302 to the same path under /ok/, as dl.k8s.io redirects to cdn.dl.k8s.io

/<mode>/stable.txt answers "v1.20.2\\n" (dl.k8s.io/release/stable.txt); /<mode>/releases.json
answers [{"name":"v1.20.0",...},{"name":"v1.19.0",...}] (minikube's releases.json, newest first).
GET /stats returns {"<path>": [the Range header of each request, "" when none]}.
"""
import hashlib, http.server, json, threading, time

from serve_until_closed import serve_until_stdin_closes

PAD = 512 << 10
requests = {}
lock = threading.Lock()


def fake_binary(tool, version):
    if tool == "kubectl":
        major, minor = version.lstrip("v").split(".")[:2]
        out = json.dumps({"clientVersion": {"major": major, "minor": minor, "gitVersion": version,
                                            "gitCommit": "4fb7ed12476d57b8437ada90b4f93b17ffaeed99",
                                            "gitTreeState": "clean", "buildDate": "2020-07-15T16:18:16Z",
                                            "goVersion": "go1.13.9", "compiler": "gc", "platform": "linux/amd64"}})
    else:
        out = json.dumps({"commit": "c61663e942ec43b20e8e70839dcca52e44cd85ae", "minikubeVersion": version})
    head = "#!/bin/sh\n# fake %s %s for the devk8s install tests\necho '%s'\nexit 0\n" % (tool, version, out)
    pad = "#" + "x" * 127 + "\n"
    return (head + pad * ((PAD - len(head)) // len(pad) + 1)).encode()[:PAD]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def cut(self, body, then_sleep=False):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        if then_sleep:
            time.sleep(3600)
        self.close_connection = True

    def do_GET(self):
        path = self.path.split("?")[0]
        rng = self.headers.get("Range", "")
        with lock:
            requests.setdefault(path, []).append(rng)
            n = len(requests[path])
        if path == "/stats":
            with lock:
                return self.reply(200, json.dumps(requests).encode())
        parts = path.strip("/").split("/")
        mode = parts[0]
        if mode == "moved":
            return self.reply(302, b"<a href>Found</a>", [("Location", "/ok/" + "/".join(parts[1:]))])
        if mode == "missing" or len(parts) < 2:
            return self.reply(404, b"<Error><Code>NoSuchKey</Code></Error>")
        if parts[1] == "stable.txt":
            return self.reply(200, b"v1.20.2\n")
        if parts[1] == "releases.json":
            return self.reply(200, json.dumps([{"name": "v1.20.0", "checksums": {}},
                                               {"name": "v1.19.0", "checksums": {}}]).encode())
        if len(parts) < 3:
            return self.reply(404, b"no such file")
        version, name = parts[1], parts[2]
        tool = "kubectl" if name.startswith("kubectl") else "minikube"
        body = fake_binary(tool, "v0.0.1" if mode == "liar" else version)
        if name.endswith(".sha256"):
            digest = hashlib.sha256(b"something else" if mode == "badsum" else body).hexdigest()
            return self.reply(200, (digest + "\n").encode())
        if mode == "truncate" or (mode in ("flaky", "norange") and n == 1):
            return self.cut(body)
        if mode == "stall":
            return self.cut(body, then_sleep=True)
        if rng.startswith("bytes=") and mode != "norange":
            start = int(rng[6:].split("-")[0])
            if start >= len(body):
                return self.reply(416, b"", [("Content-Range", "bytes */%d" % len(body))])
            return self.reply(206, body[start:], [("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))])
        return self.reply(200, body)


def main():
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # a client giving up on a stalled transfer is the point

    server = Server(("127.0.0.1", 0), Handler)
    serve_until_stdin_closes(server, {"host": "127.0.0.1:%d" % server.server_address[1]})


if __name__ == "__main__":
    main()
