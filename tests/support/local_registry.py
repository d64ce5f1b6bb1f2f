#!/usr/bin/python3
"""A real registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 for tests and
benchmarks, seeded like the Aliyun mirror of ../shared/reference/seed-case.md.

By hand:
    tests/support/local_registry.py --dir /tmp/reg --flavour plain     # or tls, basic, bearer
prints one JSON line ({"host": "127.0.0.1:PORT", "ca": ..., "digests": {...}}) and serves
until stdin closes or SIGTERM/SIGINT arrives; then it stops the registry (by PID) and exits.
Then e.g. `devk8s mirror check 127.0.0.1:PORT/google_containers/storage-provisioner:v5
--insecure-registry 127.0.0.1:PORT`.

Flavours:
  plain   HTTP, anonymous.
  tls     HTTPS with a CA made here (openssl; the certificate has an IP SAN for 127.0.0.1).
  basic   HTTP + htpasswd (bcrypt cost 4: the registry hashes on every request).
  bearer  HTTP + token auth: a token issuer in this process mints an RS256 JWT per request
          with an x5c header; its certificate is the registry's auth.token.rootcertbundle.
          Authenticated users get pull on what they ask; anonymous users get no access.
Credentials for basic and bearer: alice / wonderland.

Storage is written directly in distribution's filesystem layout
(registry/storage/paths.go: blobs/sha256/<2>/<hex>/data, repositories/<name>/_manifests/
{revisions,tags}, _layers), so seeding costs no pushes. Config keys: distribution
docs/configuration.md (http.addr, http.tls, storage.filesystem.rootdirectory, auth.htpasswd,
auth.token). Listening on port 0, the registry logs `listening on 127.0.0.1:PORT`.
"""
import argparse, base64, hashlib, http.server, json, os, re, signal, subprocess, sys, threading, time, uuid

USER, PASSWORD = "alice", "wonderland"

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


class Store:
    def __init__(self, root):
        self.root = os.path.join(root, "docker", "registry", "v2")

    def _write(self, path, data):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def blob(self, data):
        hexd = hashlib.sha256(data).hexdigest()
        self._write(os.path.join(self.root, "blobs", "sha256", hexd[:2], hexd, "data"), data)
        return "sha256:" + hexd, len(data)

    def link(self, repo, kind, digest):
        hexd = digest.split(":")[1]
        self._write(os.path.join(self.root, "repositories", repo, kind, "sha256", hexd, "link"), digest.encode())

    def image(self, repo, oci, variant):
        """A one-layer image manifest (Docker v2 schema 2 or OCI); returns (digest, size, bytes)."""
        config = json.dumps({"architecture": "amd64", "os": "linux", "variant_of_test": variant,
                             "rootfs": {"type": "layers", "diff_ids": []}}).encode()
        layer = ("layer of " + variant).encode()
        cdig, csize = self.blob(config)
        ldig, lsize = self.blob(layer)
        self.link(repo, "_layers", cdig)
        self.link(repo, "_layers", ldig)
        body = json.dumps({"schemaVersion": 2, "mediaType": OCI_MANIFEST if oci else DOCKER_MANIFEST,
                           "config": {"mediaType": OCI_CONFIG if oci else DOCKER_CONFIG, "size": csize, "digest": cdig},
                           "layers": [{"mediaType": OCI_LAYER if oci else DOCKER_LAYER, "size": lsize, "digest": ldig}]},
                          indent=3).encode()
        digest, size = self.blob(body)
        self.link(repo, "_manifests/revisions", digest)
        return digest, size

    def index(self, repo, oci, variant):
        """A two-platform Docker manifest list or OCI index."""
        entries = []
        for arch in ("amd64", "arm64"):
            digest, size = self.image(repo, oci, variant + "-" + arch)
            entries.append({"mediaType": OCI_MANIFEST if oci else DOCKER_MANIFEST, "size": size, "digest": digest,
                            "platform": {"architecture": arch, "os": "linux"}})
        body = json.dumps({"schemaVersion": 2, "mediaType": OCI_INDEX if oci else DOCKER_LIST, "manifests": entries},
                          indent=3).encode()
        digest, _ = self.blob(body)
        self.link(repo, "_manifests/revisions", digest)
        return digest

    def tag(self, repo, tag, digest):
        base = os.path.join(self.root, "repositories", repo, "_manifests", "tags", tag)
        self._write(os.path.join(base, "current", "link"), digest.encode())
        self._write(os.path.join(base, "index", "sha256", digest.split(":")[1], "link"), digest.encode())


def seed(root, bench):
    s = Store(root)
    d = {}
    # The seed case: the flat path exists, the naive k8s-minikube/ path does not.
    d["storage-provisioner"] = s.image("google_containers/storage-provisioner", False, "storage-provisioner")
    s.tag("google_containers/storage-provisioner", "v5", d["storage-provisioner"][0])
    # "Upstream" copies for --verify digest comparisons: one identical, one that differs.
    same = s.image("k8s-minikube/storage-provisioner", False, "storage-provisioner")
    s.tag("k8s-minikube/storage-provisioner", "v5", same[0])
    d["stale-mirror"] = s.image("google_containers/stale", False, "stale-old")
    s.tag("google_containers/stale", "v1", d["stale-mirror"][0])
    d["stale-upstream"] = s.image("k8s-minikube/stale", False, "stale-new")
    s.tag("k8s-minikube/stale", "v1", d["stale-upstream"][0])
    d["docker-list"] = s.index("google_containers/pause", False, "pause")
    s.tag("google_containers/pause", "3.9", d["docker-list"])
    d["oci-manifest"] = s.image("google_containers/oci-image", True, "oci-image")
    s.tag("google_containers/oci-image", "v1", d["oci-manifest"][0])
    d["oci-index"] = s.index("google_containers/oci-index", True, "oci-index")
    s.tag("google_containers/oci-index", "v1", d["oci-index"])
    # smoke's one image (manifests/smoke/), which a map's docker.io rule sends here.
    d["busybox"] = s.image("library/busybox", False, "busybox")
    s.tag("library/busybox", "1.36.1", d["busybox"][0])
    for i in range(bench):
        repo = "bench/image-%03d" % i
        dig = s.image(repo, False, "bench")[0]  # identical content: one set of blobs
        s.tag(repo, "v1", dig)
    return {k: (v[0] if isinstance(v, tuple) else v) for k, v in d.items()}


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def make_tls(dir):
    ca_key, ca = os.path.join(dir, "ca.key"), os.path.join(dir, "ca.pem")
    key, csr, cert = os.path.join(dir, "server.key"), os.path.join(dir, "server.csr"), os.path.join(dir, "server.pem")
    ext = os.path.join(dir, "san.ext")
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=devk8s test CA"])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"])
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
         "-out", cert, "-extfile", ext])
    return ca, cert, key


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenIssuer:
    """Docker token auth (distribution docs/spec/auth/token.md, jwt.md): GET ?service=&scope=."""

    def __init__(self, dir, service, issuer):
        self.key = os.path.join(dir, "token.key")
        self.cert = os.path.join(dir, "token.pem")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key, "-out", self.cert,
             "-days", "2", "-subj", "/CN=devk8s test token issuer"])
        der = subprocess.run(["openssl", "x509", "-in", self.cert, "-outform", "DER"], check=True,
                             capture_output=True).stdout
        self.x5c = base64.b64encode(der).decode()
        self.service, self.issuer = service, issuer
        self.requests = 0

    def mint(self, subject, access):
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": [self.x5c]}
        claims = {"iss": self.issuer, "sub": subject, "aud": self.service, "exp": now + 300, "nbf": now - 10,
                  "iat": now, "jti": uuid.uuid4().hex, "access": access}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key], input=signing_input.encode(),
                             check=True, capture_output=True).stdout
        return signing_input + "." + b64url(sig)

    def serve(self):
        issuer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                from urllib.parse import urlparse, parse_qs
                issuer.requests += 1
                q = parse_qs(urlparse(self.path).query)
                auth = self.headers.get("Authorization", "")
                user = ""
                if auth.startswith("Basic "):
                    u, _, p = base64.b64decode(auth[6:]).decode().partition(":")
                    if (u, p) != (USER, PASSWORD):
                        body = json.dumps({"errors": [{"code": "UNAUTHORIZED", "message": "invalid username or password"}]})
                        self.send_response(401)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body.encode())
                        return
                    user = u
                access = []
                for scope in q.get("scope", []):
                    parts = scope.split(":")
                    if len(parts) == 3 and user:
                        access.append({"type": parts[0], "name": parts[1], "actions": parts[2].split(",")})
                token = issuer.mint(user, access)
                body = json.dumps({"token": token, "access_token": token, "expires_in": 300,
                                   "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True, help="work directory (storage, config, certificates)")
    ap.add_argument("--flavour", choices=["plain", "tls", "basic", "bearer"], default="plain")
    ap.add_argument("--storage", help="an already seeded storage root to serve instead of seeding one")
    ap.add_argument("--bench", type=int, default=0, help="also seed bench/image-000..N-1:v1")
    ap.add_argument("--registry", default="/usr/bin/docker-registry")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    storage = args.storage or os.path.join(args.dir, "storage")
    digests = seed(storage, args.bench) if not args.storage else {}

    config = ["version: 0.1", "log:", "  level: info", "  accesslog:", "    disabled: true",
              "storage:", "  filesystem:", "    rootdirectory: " + storage, "http:", "  addr: 127.0.0.1:0",
              "  secret: devk8s-test-secret"]
    info = {"flavour": args.flavour, "ca": None, "username": None, "password": None}
    server = None
    if args.flavour == "tls":
        ca, cert, key = make_tls(args.dir)
        config += ["  tls:", "    certificate: " + cert, "    key: " + key]
        info["ca"] = ca
    if args.flavour == "basic":
        htpasswd = os.path.join(args.dir, "htpasswd")
        run(["htpasswd", "-B", "-C", "4", "-b", "-c", htpasswd, USER, PASSWORD])
        config += ["auth:", "  htpasswd:", "    realm: devk8s-test", "    path: " + htpasswd]
        info.update(username=USER, password=PASSWORD)
    if args.flavour == "bearer":
        issuer = TokenIssuer(args.dir, "devk8s-test-registry", "devk8s-test-issuer")
        server = issuer.serve()
        realm = "http://127.0.0.1:%d/token" % server.server_address[1]
        config += ["auth:", "  token:", "    realm: " + realm, "    service: devk8s-test-registry",
                   "    issuer: devk8s-test-issuer", "    rootcertbundle: " + issuer.cert]
        info.update(username=USER, password=PASSWORD, realm=realm)
    config_path = os.path.join(args.dir, "config.yml")
    with open(config_path, "w") as f:
        f.write("\n".join(config) + "\n")

    log_path = os.path.join(args.dir, "registry.log")
    log = open(log_path, "wb")
    proc = subprocess.Popen([args.registry, "serve", config_path], stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)

    def stop(*_):
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if server:
            server.shutdown()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    port = None
    deadline = time.time() + 10
    while time.time() < deadline and port is None:
        if proc.poll() is not None:
            sys.stderr.write("local_registry: docker-registry exited:\n" + open(log_path).read())
            sys.exit(1)
        m = re.search(r'listening on 127\.0\.0\.1:(\d+)', open(log_path).read())
        if m:
            port = int(m.group(1))
        else:
            time.sleep(0.01)
    if port is None:
        sys.stderr.write("local_registry: no 'listening on' line within 10 s:\n" + open(log_path).read())
        stop()
    info.update(host="127.0.0.1:%d" % port, pid=proc.pid, storage=storage, config=config_path, digests=digests)
    print(json.dumps(info), flush=True)
    # Serve until whoever started us closes our stdin (or dies), or signals us.
    try:
        sys.stdin.buffer.read()
    except Exception:
        pass
    stop()


if __name__ == "__main__":
    main()
