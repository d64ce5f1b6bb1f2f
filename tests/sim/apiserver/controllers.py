"""What kubelet, the scheduler, the PV controller, minikube's hostpath provisioner and the addon
manager would do, as one pass over the shared state (run before every API request, under the
state lock), with the namespace controller (namespaces.py), the job controller (jobs.py), the
deployment and replicaset controllers (deployments.py) and the endpoints controller
(endpoints.py) in their places. Messages are the components' own (Kubernetes v1.20: pkg/kubelet/images/image_manager.go,
pkg/scheduler/framework/plugins/volumebinding, pkg/controller/volume/persistentvolume/pv_controller.go;
minikube pkg/storage/storage_provisioner.go); the seed transcripts show them as kubectl prints them.

Bookkeeping the real components keep in memory (pull back-off, which addon generation a pod
was made from) lives in state.sim, never in the objects kubectl sees."""
import datetime

import addon_workloads
import bootstrap
import deployments
import endpoints
import image_store
import jobs
import namespaces
import objects
from sim_state import format_time, parse_time

PROVISIONER = "k8s.io/minikube-hostpath"
ADDON_PODS = {"storage-provisioner": "storage-provisioner"}
# How often a repeated event's count grows: the scheduler's and kubelet's retry rhythms, and the
# PV controller's resync (15 s).
INTERVALS = {"FailedScheduling": 60, "Evicted": None, "ExternalProvisioning": 15, "BackOff": 10, "Failed": 10, "Pulling": 10}


def reconcile(state, now):
    """Passes until nothing moves (a few at most): a bound claim lets its pod schedule, which then
    runs, within one request, so that tests see each step's outcome at once."""
    if state["minikube"].get("profile") is None:
        return
    if not state["cluster"]["nodes"]:
        bootstrap.bootstrap(state, now)
    for _ in range(5):
        before = signature(state)
        one_pass(state, now)
        if signature(state) == before:
            break


def signature(state):
    c = state["cluster"]
    return ([(p["metadata"]["uid"], p["status"].get("phase"), p["spec"].get("nodeName")) for p in c["pods"]],
            [v["status"].get("phase") for v in c["persistentvolumeclaims"]],
            [j["metadata"]["resourceVersion"] for j in c.get("jobs", [])],
            [o["metadata"]["resourceVersion"] for r in ("deployments", "replicasets", "namespaces")
             for o in c.get(r, [])])


def one_pass(state, now):
    cluster = state["cluster"]
    namespaces.sync(state, now)
    addon_manager(state, now)
    addon_workloads.sync(state, now, record)
    provisioner(state, now)
    jobs.sync(state, now)
    deployments.sync(state, now, record)
    frozen = set(state["sim"].get("frozen", []))
    claims = {(c["metadata"]["namespace"], c["metadata"]["name"]): c for c in cluster["persistentvolumeclaims"]}
    for pod in list(cluster["pods"]):
        if "%s/%s" % (pod["metadata"]["namespace"], pod["metadata"]["name"]) in frozen:
            continue
        if pod["status"].get("phase") in ("Succeeded", "Failed"):
            continue  # kubelet leaves a finished pod as it is
        if pod["metadata"].get("deletionTimestamp"):
            continue  # being deleted: kubelet is stopping it
        if not pod["spec"].get("nodeName"):
            schedule(state, pod, now, claims)
        if pod["spec"].get("nodeName"):
            kubelet(state, pod, now)
    workload_status(state)
    deployments.update_status(state, now)
    endpoints.sync(state, now)


def record(state, involved, kind, reason, message, component, now):
    """Aggregates like the event correlator: the same event on the same object bumps count."""
    key = (involved["metadata"]["uid"], reason, message)
    e = event_index(state).get(key)
    if e is not None:
        interval = INTERVALS.get(reason)
        if interval is not None and (now - parse_time(e["lastTimestamp"])).total_seconds() >= interval:
            e["count"] += 1
            e["lastTimestamp"] = format_time(now)
            e["metadata"]["resourceVersion"] = objects.next_version(state)
        return
    e = objects.event(state, involved, reason, message, kind, component, now)
    state["cluster"]["events"].append(e)
    _INDEX["map"][key] = e
    _INDEX["length"] += 1


# (uid, reason, message) -> event, rebuilt when the events list is not the one indexed.
_INDEX = {"events": None, "length": -1, "map": {}}


def event_index(state):
    events = state["cluster"]["events"]
    if _INDEX["events"] is not events or _INDEX["length"] != len(events):
        _INDEX.update(events=events, length=len(events),
                      map={(e["involvedObject"]["uid"], e["reason"], e["message"]): e for e in events})
    return _INDEX["map"]


def find(state, resource, namespace, name):
    for o in state["cluster"][resource]:
        if o["metadata"]["name"] == name and o["metadata"].get("namespace") == namespace:
            return o
    return None


def pod_running(state, namespace, name):
    p = find(state, "pods", namespace, name)
    return p is not None and p["status"].get("phase") == "Running" and all(
        c.get("ready") for c in p["status"].get("containerStatuses", [{}]))


def addon_manager(state, now):
    """`minikube addons enable` re-applies the addon's manifest: its pod is made anew (the seed's
    storage-provisioner went from 25h to 69m old); a disabled addon's pod goes away. Nothing
    reconciles in between: minikube removed its in-cluster addon manager in v1.7.0
    (kubernetes/minikube#6334, 28148c5f3d), so a deleted bare addon pod stays gone until the
    next enable, as on a real cluster."""
    applied = state.setdefault("sim", {}).setdefault("addon_generation", {})
    for addon, pod_name in ADDON_PODS.items():
        spec = state.get("addons", {}).get(addon, {})
        current = find(state, "pods", "kube-system", pod_name)
        if not spec.get("enabled"):
            if current is not None:
                state["cluster"]["pods"].remove(current)
            continue
        generation = spec.get("generation", 1)
        if applied.get(addon) == generation:
            continue
        if current is not None:
            state["cluster"]["pods"].remove(current)
        pod = addon_pod(state, addon, now, generation)
        state["cluster"]["pods"].append(pod)
        applied[addon] = generation


def addon_pod(state, addon, created, generation):
    """deploy/addons/storage-provisioner/storage-provisioner.yaml.tmpl (minikube v1.20.0): a bare
    Pod in kube-system, hostNetwork, IfNotPresent, /tmp mounted from the node."""
    image = state["addons"][addon]["images"]["StorageProvisioner"]
    name = ADDON_PODS[addon]
    pod = objects.pod(state, {"name": name, "namespace": "kube-system", "service_account": name,
                              "labels": {"addonmanager.kubernetes.io/mode": "Reconcile",
                                         "integration-test": "storage-provisioner"},
                              "host_network": True,
                              "containers": [{"name": name, "image": image, "pull": "IfNotPresent",
                                              "command": ["/storage-provisioner"], "mounts": {"tmp": "/tmp"}}]},
                      created, generation)
    pod["spec"]["volumes"].insert(0, {"name": "tmp", "hostPath": {"path": "/tmp", "type": "Directory"}})
    return pod


def provisioner(state, now):
    classes = {sc["metadata"]["name"]: sc for sc in state["cluster"]["storageclasses"]}
    default = next((n for n, sc in classes.items()
                    if sc["metadata"].get("annotations", {}).get("storageclass.kubernetes.io/is-default-class") == "true"),
                   None)
    up = pod_running(state, "kube-system", "storage-provisioner") and not state["settings"].get("provisioner_broken")
    for claim in state["cluster"]["persistentvolumeclaims"]:
        if claim["status"].get("phase") != "Pending":
            continue
        cls = claim["spec"].get("storageClassName") or default
        sc = classes.get(cls)
        if sc is None:
            record(state, claim, "Warning", "ProvisioningFailed", 'storageclass.storage.k8s.io "%s" not found' % cls,
                   "persistentvolume-controller", now)
            continue
        annotations = claim["metadata"].setdefault("annotations", {})
        annotations["volume.beta.kubernetes.io/storage-provisioner"] = sc["provisioner"]
        if sc["provisioner"] != PROVISIONER or not up:
            record(state, claim, "Normal", "ExternalProvisioning",
                   'waiting for a volume to be created, either by external provisioner "%s" or manually created '
                   "by system administrator" % sc["provisioner"], "persistentvolume-controller", now)
            continue
        pv = objects.pv_for(state, claim, PROVISIONER, now)
        state["cluster"]["persistentvolumes"].append(pv)
        source = "%s_minikube_%s" % (PROVISIONER, objects.uid("provisioner"))
        key = "%s/%s" % (claim["metadata"]["namespace"], claim["metadata"]["name"])
        record(state, claim, "Normal", "Provisioning",
               'External provisioner is provisioning volume for claim "%s"' % key, source, now)
        record(state, claim, "Normal", "ProvisioningSucceeded",
               'Successfully provisioned volume %s' % pv["metadata"]["name"], source, now)
        annotations["pv.kubernetes.io/bind-completed"] = "yes"
        annotations["pv.kubernetes.io/bound-by-controller"] = "yes"
        claim["spec"]["volumeName"] = pv["metadata"]["name"]
        claim["status"] = {"phase": "Bound", "accessModes": claim["spec"]["accessModes"],
                           "capacity": {"storage": claim["spec"]["resources"]["requests"]["storage"]}}
        claim["metadata"]["resourceVersion"] = objects.next_version(state)


def schedule(state, pod, now, claims):
    """The default scheduler of v1.20 for what the simulation models: a claim that is missing or
    unbound fails the volumebinding PreFilter for every node; a NoSchedule taint the pod does not
    tolerate filters its node out; the FitError message counts nodes per reason
    (pkg/scheduler/core/generic_scheduler.go FitError.Error: "0/N nodes are available: " and the
    sorted "<count> <reason>" list). Among the nodes left the pod goes to the one running the
    fewest pods, the first in node order on a tie: BestEffort pods count the scheduler's default
    non-zero requests (pkg/scheduler/util/non_zero.go, 100m CPU and 200 MB), so the
    NodeResourcesLeastAllocated score favours the emptier node. The real tie-break is random;
    the simulation's is fixed so that runs repeat."""
    ns = pod["metadata"]["namespace"]
    nodes = state["cluster"]["nodes"]
    reasons = {}
    claim_reason = None
    for vol in pod["spec"]["volumes"]:
        claim_name = vol.get("persistentVolumeClaim", {}).get("claimName")
        if claim_name is None:
            continue
        claim = claims.get((ns, claim_name))
        if claim is None:
            claim_reason = 'persistentvolumeclaim "%s" not found' % claim_name
        elif claim["status"].get("phase") != "Bound" and claim_reason is None:
            claim_reason = "pod has unbound immediate PersistentVolumeClaims"
    feasible = []
    if claim_reason is not None:
        reasons[claim_reason] = len(nodes)
    else:
        for node in nodes:
            blocked = None
            for taint in node["spec"].get("taints", []):
                tolerated = any(t.get("key") == taint["key"] for t in pod["spec"].get("tolerations", []))
                if taint["effect"] == "NoSchedule" and not tolerated and blocked is None:
                    blocked = "node(s) had taint {%s: }, that the pod didn't tolerate" % taint["key"]
            if blocked is None:
                feasible.append(node["metadata"]["name"])
            else:
                reasons[blocked] = reasons.get(blocked, 0) + 1
    if not feasible:
        reason = "0/%d nodes are available: %s." % (
            len(nodes), ", ".join(sorted("%d %s" % (count, text) for text, count in reasons.items())))
        if pod["status"].get("conditions", [{}])[0].get("message") != reason:
            pod["metadata"]["resourceVersion"] = objects.next_version(state)
        pod["status"]["conditions"] = [{"type": "PodScheduled", "status": "False", "lastProbeTime": None,
                                        "lastTransitionTime": pod["metadata"]["creationTimestamp"],
                                        "reason": "Unschedulable", "message": reason}]
        record(state, pod, "Warning", "FailedScheduling", reason, "default-scheduler", now)
        return
    load = {name: 0 for name in feasible}
    for other in state["cluster"]["pods"]:
        placed = other["spec"].get("nodeName")
        if placed in load and other["status"].get("phase") not in ("Succeeded", "Failed"):
            load[placed] += 1
    target = min(feasible, key=lambda name: (load[name], feasible.index(name)))
    pod["spec"]["nodeName"] = target
    pod["metadata"]["resourceVersion"] = objects.next_version(state)
    pod["status"]["conditions"] = [{"type": "PodScheduled", "status": "True", "lastProbeTime": None,
                                    "lastTransitionTime": format_time(now)}]
    record(state, pod, "Normal", "Scheduled", "Successfully assigned %s/%s to %s" % (
        ns, pod["metadata"]["name"], target), "default-scheduler", now)


def kubelet(state, pod, now):
    book = state["sim"].setdefault("pods", {}).setdefault(pod["metadata"]["uid"], {})
    statuses = []
    for c in pod["spec"]["containers"]:
        image = c["image"]
        node = pod["spec"]["nodeName"]
        have = image_store.find(state, image, node)
        waiting = None
        retry_at = book.get("retry_at")
        if retry_at is not None and now < parse_time(retry_at) and book.get("failed_at") == format_time(now):
            # Failed this very second: the status still says ErrImagePull (kubelet reports the
            # pull error first, ImagePullBackOff from its next sync on).
            waiting = next(((s["state"]["waiting"]["reason"], s["state"]["waiting"]["message"])
                            for s in pod["status"].get("containerStatuses", []) if s["name"] == c["name"]
                            and "waiting" in s["state"]), ("ErrImagePull", ""))
        elif retry_at is not None and now < parse_time(retry_at):
            # kubelet's pod worker comes back to a pod in image back-off only when the back-off
            # expires; an image that appeared meanwhile is found then.
            waiting = ("ImagePullBackOff", 'Back-off pulling image "%s"' % image)
            record(state, pod, "Normal", "BackOff", waiting[1], "kubelet", now)
            record(state, pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", now)
        elif c["imagePullPolicy"] == "Never" and have is None:
            waiting = ("ErrImageNeverPull", 'Container image "%s" is not present with pull policy of Never' % image)
        elif have is None or c["imagePullPolicy"] == "Always":
            record(state, pod, "Normal", "Pulling", 'Pulling image "%s"' % image, "kubelet", now)
            error = image_store.pull_error(state, image, node)
            objects.next_version(state)  # the node store or kubelet's back-off changed: persist it
            if error is None:
                book.pop("retry_at", None)
                have = image_store.find(state, image, node)
                record(state, pod, "Normal", "Pulled", 'Successfully pulled image "%s" in 1.032s' % image,
                       "kubelet", now)
            else:
                message = error
                # kubelet's image back-off: 10 s doubling to 300 s (pkg/kubelet/kubelet.go).
                attempts = book.get("attempts", 0) + 1
                book["attempts"] = attempts
                book["failed_at"] = format_time(now)
                book["retry_at"] = format_time(now + datetime.timedelta(seconds=min(10 * 2 ** (attempts - 1), 300)))
                waiting = ("ErrImagePull", message)
                record(state, pod, "Warning", "Failed", 'Failed to pull image "%s": %s' % (image, message),
                       "kubelet", now)
                record(state, pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet", now)
        else:
            book.pop("retry_at", None)
        statuses.append(container_status(state, pod, c, have, waiting, now))
    set_status(state, pod, statuses, now)


def container_status(state, pod, container, image, waiting, now):
    old = next((s for s in pod["status"].get("containerStatuses", []) if s["name"] == container["name"]), None)
    status = {"name": container["name"], "restartCount": old["restartCount"] if old else 0,
              "image": container["image"], "lastState": {}}
    if waiting is not None:
        status.update(state={"waiting": {"reason": waiting[0], "message": waiting[1]}}, ready=False, imageID="",
                      started=False)
        return status
    crash = state["sim"].get("crash", {}).get("%s/%s" % (pod["metadata"]["namespace"], pod["metadata"]["name"]))
    if crash is not None:
        return crash_status(state, pod, container, image, crash, status, now)
    if old and "terminated" in old["state"]:
        return old
    if old and "running" in old["state"]:
        return jobs.finished(pod, old, now) or old
    if not any(e["involvedObject"]["uid"] == pod["metadata"]["uid"] and e["reason"] == "Pulled"
               for e in state["cluster"]["events"]):
        record(state, pod, "Normal", "Pulled", 'Container image "%s" already present on machine' % container["image"],
               "kubelet", now)
    record(state, pod, "Normal", "Created", "Created container " + container["name"], "kubelet", now)
    record(state, pod, "Normal", "Started", "Started container " + container["name"], "kubelet", now)
    status.update(state={"running": {"startedAt": format_time(now)}}, ready=True, started=True,
                  imageID=image_id(state, image),
                  containerID=container_prefix(state) + objects.uid("container", pod["metadata"]["uid"],
                                                                    container["name"]).replace("-", "") * 2)
    return status


def image_id(state, image):
    """containerStatuses[].imageID per runtime: dockershim's docker-pullable://<familiar repo
    digest> (docker://<id> without one); containerd 1.4 and cri-o report the repo digest itself
    (or the image ID), with no scheme."""
    digests = image.get("repo_digests") or []
    if image_store.runtime(state) == "docker":
        return ("docker-pullable://" + image_store.familiar(digests[0])) if digests else "docker://" + image["id"]
    return digests[0] if digests else image["id"]


def container_prefix(state):
    return {"docker": "docker://", "containerd": "containerd://", "crio": "cri-o://"}[image_store.runtime(state)]


def crash_status(state, pod, container, image, crash, status, now):
    """A container that keeps exiting (scenario `crash`: reason, exit_code, restarts): kubelet's
    CrashLoopBackOff, the last termination kept in lastState (pkg/kubelet/kuberuntime)."""
    restarts = crash.get("restarts", 5)
    finished = now - datetime.timedelta(seconds=crash.get("finished_ago", 40))
    started = finished - datetime.timedelta(seconds=crash.get("ran_for", 5))
    container_id = container_prefix(state) + objects.uid("container", pod["metadata"]["uid"], container["name"], restarts).replace("-", "") * 2
    status.update(
        restartCount=restarts, ready=False, started=False,
        state={"waiting": {"reason": "CrashLoopBackOff",
                           "message": "back-off 5m0s restarting failed container=%s pod=%s_%s(%s)" % (
                               container["name"], pod["metadata"]["name"], pod["metadata"]["namespace"],
                               pod["metadata"]["uid"])}},
        lastState={"terminated": {"exitCode": crash.get("exit_code", 1), "reason": crash.get("reason", "Error"),
                                  "startedAt": format_time(started), "finishedAt": format_time(finished),
                                  "containerID": container_id}},
        imageID=image_id(state, image),
        containerID=container_id)
    record(state, pod, "Warning", "BackOff", "Back-off restarting failed container", "kubelet", now)
    return status


def set_status(state, pod, statuses, now):
    if statuses and all("terminated" in s["state"] for s in statuses):
        return jobs.set_finished(state, pod, statuses, now)
    ready = all(s["ready"] for s in statuses)
    unready = [s["name"] for s in statuses if not s["ready"]]
    scheduled = pod["status"]["conditions"][-1] if pod["status"].get("conditions") else {
        "type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": format_time(now)}
    old = {c["type"]: c for c in pod["status"].get("conditions", [])}

    def cond(kind, ok):
        c = {"type": kind, "status": "True" if ok else "False", "lastProbeTime": None}
        prev = old.get(kind)
        c["lastTransitionTime"] = prev["lastTransitionTime"] if prev and prev["status"] == c["status"] else format_time(now)
        if not ok:
            c["reason"] = "ContainersNotReady"
            c["message"] = "containers with unready status: [%s]" % " ".join(unready)
        return c

    scheduled = old.get("PodScheduled", scheduled)
    before = dict(pod["status"])
    started = all(s["ready"] or "terminated" in s.get("lastState", {}) for s in statuses)
    pod["status"].update(
        phase="Running" if started else "Pending",
        conditions=[cond("Initialized", True), cond("Ready", ready), cond("ContainersReady", ready), scheduled],
        hostIP=objects.node_ip(state, pod["spec"]["nodeName"]), containerStatuses=statuses)
    pod["status"].setdefault("startTime", format_time(now))
    if "podIP" not in pod["status"]:
        # The pod's sandbox has its IP before the containers start (kuberuntime SyncPod makes the
        # sandbox, then pulls and starts), so a pod waiting on its image has one too. Pod
        # networks: docker's bridge on a single docker node; kindnet's per-node podCIDR
        # (10.244.<index>.0/24) elsewhere.
        names = image_store.node_names(state)
        index = names.index(pod["spec"]["nodeName"]) if pod["spec"]["nodeName"] in names else 0
        host = 3 + int(pod["metadata"]["uid"][:2], 16) % 200
        ip = ("172.17.0.%d" % host) if len(names) <= 1 and image_store.runtime(state) == "docker" else (
            "10.244.%d.%d" % (index, host))
        if pod["spec"].get("hostNetwork"):
            ip = objects.node_ip(state, pod["spec"]["nodeName"])
        pod["status"]["podIP"] = ip
        pod["status"]["podIPs"] = [{"ip": ip}]
    if pod["status"] != before:
        pod["metadata"]["resourceVersion"] = objects.next_version(state)


def workload_status(state):
    """Replica counts from the pods each workload selects (apps/v1 status fields)."""
    by_namespace = {}
    for p in state["cluster"]["pods"]:
        by_namespace.setdefault(p["metadata"].get("namespace"), []).append(p)
    for resource in ("deployments", "statefulsets", "daemonsets", "replicasets"):
        for w in state["cluster"][resource]:
            if deployments.controlled(state, w):
                continue  # the deployment and replicaset controllers write these (deployments.py)
            selector = w["spec"]["selector"]["matchLabels"]
            owned = [p for p in by_namespace.get(w["metadata"]["namespace"], [])
                     if all(p["metadata"].get("labels", {}).get(k) == v for k, v in selector.items())]
            ready = sum(1 for p in owned if p["status"].get("phase") == "Running")
            if resource == "daemonsets":
                w["status"] = {"currentNumberScheduled": len(owned), "numberMisscheduled": 0,
                               "desiredNumberScheduled": len(owned), "numberReady": ready, "observedGeneration": 1,
                               "updatedNumberScheduled": len(owned), "numberAvailable": ready}
                if ready < len(owned):
                    w["status"]["numberUnavailable"] = len(owned) - ready
                continue
            status = {"observedGeneration": 1, "replicas": len(owned)}
            if ready:
                status["readyReplicas"] = ready
                if resource != "statefulsets":
                    status["availableReplicas"] = ready
            if resource == "statefulsets":
                status.update(currentReplicas=len(owned), updatedReplicas=len(owned),
                              currentRevision=w["metadata"]["name"] + "-" + w["metadata"]["uid"][:10],
                              updateRevision=w["metadata"]["name"] + "-" + w["metadata"]["uid"][:10],
                              collisionCount=0)
            if resource == "deployments":
                status["updatedReplicas"] = len(owned)
                if len(owned) > ready:
                    status["unavailableReplicas"] = len(owned) - ready
            w["status"] = status
