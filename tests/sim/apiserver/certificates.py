"""The simulation's PKI and kubeconfig, laid out as minikube writes them (~/.minikube/ca.crt,
~/.minikube/profiles/minikube/client.{crt,key}, apiserver.{crt,key}; the client certificate
is CN=minikube-user, O=system:masters, as minikube's pkg/minikube/bootstrapper/certs.go makes
it). Made with openssl once per state directory; the server certificate has an IP SAN for
127.0.0.1 so that kubectl verifies it."""
import os, subprocess


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def issue(out_dir, name, subject, ca_crt, ca_key, extensions):
    key, csr, crt = (os.path.join(out_dir, name + ext) for ext in (".key", ".csr", ".crt"))
    ext = os.path.join(out_dir, name + ".ext")
    with open(ext, "w") as f:
        f.write(extensions)
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr, "-subj", subject])
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial", "-days", "3",
         "-out", crt, "-extfile", ext])
    return crt, key


def ensure_stale(state_dir):
    """A client certificate from another minikube CA (CN minikubeCA too, as every minikube's is),
    as a kubeconfig left from a deleted cluster holds: profiles/stale/client.{crt,key}. The server
    lets it through TLS and its authenticator refuses it, as kube-apiserver does (TLS requests a
    client certificate without verifying it; the x509 authenticator then answers 401)."""
    stale = os.path.join(state_dir, "profiles", "stale")
    paths = {"ca_crt": os.path.join(stale, "ca.crt"), "client_crt": os.path.join(stale, "client.crt"),
             "client_key": os.path.join(stale, "client.key")}
    if all(os.path.exists(p) for p in paths.values()):
        return paths
    os.makedirs(stale, exist_ok=True)
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
         os.path.join(stale, "ca.key"), "-out", paths["ca_crt"], "-days", "3", "-subj", "/CN=minikubeCA"])
    issue(stale, "client", "/O=system:masters/CN=minikube-user", paths["ca_crt"], os.path.join(stale, "ca.key"),
          "extendedKeyUsage=clientAuth\n")
    return paths


def ensure(state_dir):
    profile = os.path.join(state_dir, "profiles", "minikube")
    paths = {"ca_crt": os.path.join(state_dir, "ca.crt"), "ca_key": os.path.join(state_dir, "ca.key"),
             "server_crt": os.path.join(profile, "apiserver.crt"), "server_key": os.path.join(profile, "apiserver.key"),
             "client_crt": os.path.join(profile, "client.crt"), "client_key": os.path.join(profile, "client.key")}
    if all(os.path.exists(p) for p in paths.values()):
        return paths
    os.makedirs(profile, exist_ok=True)
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", paths["ca_key"], "-out",
         paths["ca_crt"], "-days", "3", "-subj", "/CN=minikubeCA"])
    issue(profile, "apiserver", "/O=system:masters/CN=minikube", paths["ca_crt"], paths["ca_key"],
          "subjectAltName=IP:127.0.0.1,IP:192.168.49.2,DNS:localhost,DNS:control-plane.minikube.internal\n"
          "extendedKeyUsage=serverAuth\n")
    issue(profile, "client", "/O=system:masters/CN=minikube-user", paths["ca_crt"], paths["ca_key"],
          "extendedKeyUsage=clientAuth\n")
    return paths


def write_kubeconfig(state_dir, url, paths):
    """As minikube v1.20.0 writes ~/.kube/config (pkg/minikube/kubeconfig): cluster, user and
    context all named minikube, certificate files by path."""
    text = """apiVersion: v1
clusters:
- cluster:
    certificate-authority: {ca}
    server: {url}
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
kind: Config
preferences: {{}}
users:
- name: minikube
  user:
    client-certificate: {crt}
    client-key: {key}
""".format(ca=paths["ca_crt"], url=url, crt=paths["client_crt"], key=paths["client_key"])
    with open(os.path.join(state_dir, "kubeconfig"), "w") as f:
        f.write(text)
