"""core/v1 Services as kube-apiserver v1.20 stores them (Kubernetes API reference v1.20,
Service): the defaults of pkg/apis/core/v1/defaults.go (SetDefaults_Service: type ClusterIP,
sessionAffinity None; SetDefaults_ServicePort via SetDefaults_Service: protocol TCP, targetPort =
port) and a ClusterIP from the service CIDR (pkg/registry/core/service/storage/rest.go allocates
one for every type but headless `None`). minikube starts the apiserver with
--service-cluster-ip-range=10.96.0.0/12 (minikube pkg/minikube/constants: DefaultServiceCIDR).
The real allocator picks a random free address; here it is derived from the service's UID, so
that runs repeat. spec.clusterIPs is filled as v1.20 does; ipFamilies and ipFamilyPolicy are
not, since v1.20 drops them while the IPv6DualStack feature gate (alpha, off) is disabled
(dropServiceDisabledFields).

The two Services every minikube cluster has: `kubernetes` in default (the first address of the
range, port 443 to the apiserver's 8443; pkg/controlplane/controller.go with minikube's
--secure-port=8443) and `kube-dns` in kube-system at the tenth address (kubeadm's CoreDNS
Service, cmd/kubeadm/app/phases/addons/dns/manifests.go)."""
import hashlib, ipaddress

import objects

SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")


def allocate_cluster_ip(state, seed):
    taken = {s["spec"].get("clusterIP") for s in state["cluster"].get("services", [])}
    size = SERVICE_CIDR.num_addresses - 2  # network and broadcast addresses are never handed out
    offset = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % size
    for step in range(size):
        ip = str(SERVICE_CIDR.network_address + 1 + (offset + step) % size)
        if ip not in taken:
            return ip
    raise RuntimeError("service CIDR %s exhausted" % SERVICE_CIDR)


def service(state, doc, namespace, created, generation=0):
    """From a posted (or scenario) core/v1 Service document."""
    md = doc.get("metadata", {})
    spec = dict(doc.get("spec", {}))
    body = {"kind": "Service", "apiVersion": "v1",
            "metadata": objects.meta(state, md["name"], namespace, created, "Service", md.get("labels"),
                                     md.get("annotations"), generation=generation)}
    ports = []
    for p in spec.get("ports", []):
        port = dict(p)
        port.setdefault("protocol", "TCP")
        port.setdefault("targetPort", port["port"])
        ports.append(port)
    spec["ports"] = ports
    spec.setdefault("type", "ClusterIP")
    spec.setdefault("sessionAffinity", "None")
    if spec.get("clusterIP") != "None" and spec["type"] != "ExternalName":
        if not spec.get("clusterIP"):
            spec["clusterIP"] = allocate_cluster_ip(state, body["metadata"]["uid"])
        spec["clusterIPs"] = [spec["clusterIP"]]
    elif spec.get("clusterIP") == "None":
        spec["clusterIPs"] = ["None"]
    if spec["type"] in ("NodePort", "LoadBalancer"):
        spec.setdefault("externalTrafficPolicy", "Cluster")
        for port in ports:
            # The node port allocator's range is 30000-32767 (--service-node-port-range default).
            port.setdefault("nodePort", 30000 + int(hashlib.sha256(("%s/%s" % (
                body["metadata"]["uid"], port["port"])).encode()).hexdigest(), 16) % 2768)
    body["spec"] = spec
    body["status"] = {"loadBalancer": {}}
    return body


def system_services(state, created):
    """`kubernetes` (default) and `kube-dns` (kube-system), as on a fresh minikube cluster."""
    return [
        service(state, {"metadata": {"name": "kubernetes", "labels": {"component": "apiserver",
                                                                       "provider": "kubernetes"}},
                        "spec": {"clusterIP": "10.96.0.1",
                                 "ports": [{"name": "https", "protocol": "TCP", "port": 443, "targetPort": 8443}]}},
                "default", created),
        service(state, {"metadata": {"name": "kube-dns",
                                     "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true",
                                                "kubernetes.io/name": "KubeDNS"},
                                     "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}},
                        "spec": {"clusterIP": "10.96.0.10", "selector": {"k8s-app": "kube-dns"},
                                 "ports": [{"name": "dns", "protocol": "UDP", "port": 53, "targetPort": 53},
                                           {"name": "dns-tcp", "protocol": "TCP", "port": 53, "targetPort": 53},
                                           {"name": "metrics", "protocol": "TCP", "port": 9153, "targetPort": 9153}]}},
                "kube-system", created),
    ]


def port_string(ports):
    """printers.go makePortString: PORT/PROTO, NODEPORT after a colon when there is one."""
    out = []
    for p in ports:
        if p.get("nodePort"):
            out.append("%d:%d/%s" % (p["port"], p["nodePort"], p["protocol"]))
        else:
            out.append("%d/%s" % (p["port"], p["protocol"]))
    return ",".join(out) or "<none>"


def external_ip(svc):
    """printers.go getServiceExternalIP."""
    spec = svc["spec"]
    kind = spec.get("type", "ClusterIP")
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(spec.get("externalIPs", [])) or "<none>"
    if kind == "LoadBalancer":
        ingress = [i.get("ip") or i.get("hostname") for i in svc["status"].get("loadBalancer", {}).get("ingress", [])]
        addresses = ingress + spec.get("externalIPs", [])
        return ",".join(addresses) if addresses else "<pending>"
    if kind == "ExternalName":
        return spec.get("externalName", "")
    return "<unknown>"


def cells(svc, age):
    spec = svc["spec"]
    selector = ",".join("%s=%s" % kv for kv in sorted(spec.get("selector", {}).items())) or "<none>"
    cluster_ip = spec.get("clusterIP") or "<none>"
    return [svc["metadata"]["name"], spec.get("type", "ClusterIP"), cluster_ip, external_ip(svc),
            port_string(spec.get("ports", [])), age, selector]
