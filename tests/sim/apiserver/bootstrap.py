"""What `minikube start` leaves in a new cluster, made when the profile is running and the
cluster has no node yet (after `minikube start` on a fresh host, or after `minikube delete`
and a new start): the four namespaces, the `kubernetes` and `kube-dns` Services, a Node per
machine (`minikube`, `minikube-m02`...), the control-plane static pods, coredns (Deployment,
ReplicaSet, pod), kube-proxy (DaemonSet, a pod per node) and the `standard` StorageClass of the default-storageclass addon. Images are
those `minikube start` put in the node store (tests/sim/minikube/cmd_start.cpp:
<repo>/<name>:<tag> for Kubernetes v1.20.2, minikube.md §2)."""
import image_store
import objects
import services


def bootstrap(state, now):
    profile = state["minikube"]["profile"]
    repo = profile.get("image_repository") or "k8s.gcr.io"
    cluster = state["cluster"]
    for ns in ("default", "kube-node-lease", "kube-public", "kube-system"):
        cluster["namespaces"].append(objects.namespace(state, ns, now))
    runtime = image_store.runtime(state)
    for index, name in enumerate(image_store.node_names(state) or [objects.NODE_NAME]):
        cluster["nodes"].append(objects.node(state, {"name": name, "index": index, "runtime": runtime,
                                                     "ip": objects.node_ip(state, name),
                                                     "cpus": profile.get("cpus", 2),
                                                     "minikube_version": state["minikube"].get("version", "v1.20.0")},
                                             now))
    if state.get("addons", {}).get("default-storageclass", {}).get("enabled"):
        cluster["storageclasses"].append(objects.storage_class(state, now))
    cluster.setdefault("services", []).extend(services.system_services(state, now))
    for name, image in (("etcd", "etcd:3.4.13-0"), ("kube-apiserver", "kube-apiserver:v1.20.2"),
                        ("kube-controller-manager", "kube-controller-manager:v1.20.2"),
                        ("kube-scheduler", "kube-scheduler:v1.20.2")):
        pod = objects.pod(state, {"name": name + "-minikube", "namespace": "kube-system", "host_network": True,
                                  "priority_class": "system-node-critical",
                                  "labels": {"component": name, "tier": "control-plane"},
                                  "owner": {"apiVersion": "v1", "kind": "Node", "name": "minikube"},
                                  "containers": [{"name": name, "image": repo + "/" + image, "pull": "IfNotPresent"}]},
                          now)
        pod["spec"]["nodeName"] = objects.NODE_NAME
        cluster["pods"].append(pod)
    # Pod name suffixes are derived, not random, so that runs repeat.
    rs_hash = objects.uid("coredns-rs", repo)[:10].replace("-", "")
    coredns = repo + "/coredns:1.7.0"
    cluster["deployments"].append(objects.workload(state, {"kind": "Deployment", "name": "coredns",
                                                           "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"},
                                                           "containers": [{"name": "coredns", "image": coredns}]}, now))
    cluster["replicasets"].append(objects.workload(state, {"kind": "ReplicaSet", "name": "coredns-" + rs_hash,
                                                           "namespace": "kube-system",
                                                           "labels": {"k8s-app": "kube-dns", "pod-template-hash": rs_hash},
                                                           "containers": [{"name": "coredns", "image": coredns}]}, now))
    cluster["daemonsets"].append(objects.workload(state, {"kind": "DaemonSet", "name": "kube-proxy",
                                                          "namespace": "kube-system", "labels": {"k8s-app": "kube-proxy"},
                                                          "containers": [{"name": "kube-proxy",
                                                                          "image": repo + "/kube-proxy:v1.20.2"}]}, now))
    pod = objects.pod(state, {"name": "coredns-%s-%s" % (rs_hash, objects.uid("coredns-pod", repo)[:5]),
                              "namespace": "kube-system", "service_account": "coredns",
                              "priority_class": "system-cluster-critical",
                              "labels": {"k8s-app": "kube-dns", "pod-template-hash": rs_hash},
                              "owner": {"kind": "ReplicaSet", "name": "coredns-" + rs_hash},
                              "containers": [{"name": "coredns", "image": coredns, "pull": "IfNotPresent"}]}, now)
    pod["spec"]["nodeName"] = objects.NODE_NAME
    cluster["pods"].append(pod)
    cluster["pods"].extend(kube_proxy_pods(state, repo, now))


def kube_proxy_pods(state, repo, now):
    """The kube-proxy DaemonSet's pod on each node (in v1.20 the DaemonSet controller gives each
    pod a node affinity for its node and the default scheduler binds it there): the control
    plane's named as before multi-node, the others' suffixes derived from the node name."""
    pods = []
    for index, name in enumerate(image_store.node_names(state) or [objects.NODE_NAME]):
        suffix = objects.uid("kube-proxy-pod", repo)[:5] if index == 0 else objects.name_suffix("kube-proxy", name)
        pod = objects.pod(state, {"name": "kube-proxy-" + suffix, "namespace": "kube-system",
                                  "service_account": "kube-proxy", "priority_class": "system-node-critical",
                                  "host_network": True,
                                  "labels": {"k8s-app": "kube-proxy", "pod-template-generation": "1"},
                                  "owner": {"kind": "DaemonSet", "name": "kube-proxy"},
                                  "containers": [{"name": "kube-proxy", "image": repo + "/kube-proxy:v1.20.2",
                                                  "pull": "IfNotPresent"}]}, now)
        pod["spec"]["nodeName"] = name
        pods.append(pod)
    return pods
