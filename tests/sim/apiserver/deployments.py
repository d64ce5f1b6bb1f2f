"""Deployments and ReplicaSets made through the API (`kubectl create deployment`, `kubectl apply -f`):
the deployment controller, the replicaset controller and the garbage collector's part for them, as
kube-controller-manager v1.20 runs them:

- pkg/controller/deployment/deployment_controller.go syncDeployment, sync.go (getNewReplicaSet,
  scaleReplicaSetAndRecordEvent, calculateStatus, cleanupDeployment), rolling.go
  (rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets), recreate.go, progress.go
  (syncRolloutStatus), util/deployment_util.go (SetNewReplicaSetAnnotations, NewRSNewReplicas,
  ResolveFenceposts, DeploymentComplete/Progressing/TimedOut, SetDeploymentCondition);
- pkg/controller/replicaset/replica_set.go manageReplicas (slowStartBatch creates, getPodsToDelete)
  and replica_set_utils.go calculateStatus;
- pkg/controller/controller_utils.go ComputeHash (the pod-template-hash) and GetPodFromTemplate
  (pod_template.py);
- pkg/controller/garbagecollector: a ReplicaSet whose owning Deployment is gone is deleted, and so
  are the pods of a deleted ReplicaSet (background propagation, what kubectl delete asks for;
  `propagationPolicy: Orphan` is honoured by the DELETE route).

Which objects are these controllers' is kept in state.sim.apps_controlled (uid -> bookkeeping):
Deployments and ReplicaSets created through POST, and the ReplicaSets made for them. The
Deployments, ReplicaSets and pods a scenario describes are a recorded history with their pods
given, and the addon Deployments (labelled kubernetes.io/minikube-addons, addon_workloads.py)
have their own handling: neither is touched here.

Simplifications: a rolling update is the v1.20 arithmetic (maxSurge, maxUnavailable) applied each
controller pass, so for one replica the new pod comes up before the old goes, as on a cluster;
pods go at once when deleted (no 30 s grace); the pod-template-hash is the FNV-32a of the
template's JSON, not of Go's spew dump of the struct, so its value differs from a real cluster's
(its form, 9 or 10 characters of rand.SafeEncodeString's alphabet, is the same)."""
import copy, datetime, json

import objects
import pod_template
from sim_state import format_time, parse_time

REGISTRY = "apps_controlled"
ADDON_LABELS = ("kubernetes.io/minikube-addons", "addonmanager.kubernetes.io/mode")
HASH_LABEL = "pod-template-hash"
REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
# deployment_util.go annotationsToSkip: never copied from a Deployment to its ReplicaSets.
NOT_COPIED = {"kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS,
              "deprecated.deployment.rollback.to", "deployment.kubernetes.io/selector-updated-at"}
# k8s.io/apimachinery/pkg/util/rand SafeEncodeString's alphabet.
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def registry(state):
    return state.setdefault("sim", {}).setdefault(REGISTRY, {})


def adopt(state, obj):
    """A Deployment or ReplicaSet stored by a POST becomes these controllers' (not an addon's)."""
    labels = obj["metadata"].get("labels") or {}
    if obj["kind"] in ("Deployment", "ReplicaSet") and not any(k in labels for k in ADDON_LABELS):
        registry(state)[obj["metadata"]["uid"]] = {"made": 0}


def controlled(state, obj):
    return obj["metadata"]["uid"] in registry(state)


def controller_uid(obj):
    return next((r.get("uid") for r in obj["metadata"].get("ownerReferences", []) if r.get("controller")), None)


def fnv32a(data):
    h = 0x811c9dc5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xffffffff
    return h


def template_hash(template, collision_count=None):
    """controller.ComputeHash: a 32-bit FNV-1a of the template (and the collision count), written
    in decimal, each digit mapped through rand.SafeEncodeString (9 or 10 characters)."""
    data = json.dumps(template, sort_keys=True, separators=(",", ":"))
    if collision_count is not None:
        data += str(collision_count)
    return "".join(ALPHANUMS[ord(ch) % len(ALPHANUMS)] for ch in str(fnv32a(data.encode())))


def scaled(value, total, round_up):
    """intstr.GetScaledValueFromIntOrPercent."""
    if isinstance(value, int):
        return value
    text = str(value)
    if text.endswith("%"):
        exact = int(text[:-1]) * total / 100.0
        whole = int(exact)
        return whole + (1 if round_up and exact > whole else 0)
    return int(text)


def fenceposts(d):
    """deployment_util.go ResolveFenceposts: (maxSurge, maxUnavailable); 0 and 1 for Recreate."""
    strategy = d["spec"].get("strategy") or {}
    if strategy.get("type", "RollingUpdate") != "RollingUpdate":
        return 0, 0
    rolling = strategy.get("rollingUpdate") or {}
    replicas = d["spec"].get("replicas", 1)
    surge = scaled(rolling.get("maxSurge", "25%"), replicas, True)
    unavailable = scaled(rolling.get("maxUnavailable", "25%"), replicas, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def sync(state, now, record):
    """The controllers' writes, before the scheduler and kubelet act: the garbage collector, then
    each Deployment's ReplicaSets, then each ReplicaSet's pods."""
    cluster = state["cluster"]
    collect_garbage(state)
    for d in list(cluster.get("deployments", [])):
        if controlled(state, d):
            sync_deployment(state, d, now, record)
    for rs in list(cluster.get("replicasets", [])):
        if controlled(state, rs):
            manage_replicas(state, rs, now, record)


def update_status(state, now):
    """The controllers' status writes, after kubelet acted in the same pass: ReplicaSets from their
    pods, then Deployments from their ReplicaSets."""
    cluster = state["cluster"]
    for rs in cluster.get("replicasets", []):
        if controlled(state, rs):
            replicaset_status(state, rs)
    for d in cluster.get("deployments", []):
        if controlled(state, d):
            deployment_status(state, d, now)


def collect_garbage(state):
    cluster = state["cluster"]
    book = registry(state)
    live = {o["metadata"]["uid"] for r in ("deployments", "replicasets") for o in cluster.get(r, [])}
    gone = {uid for uid in book if uid not in live}
    if not gone:
        return
    cluster["replicasets"][:] = [rs for rs in cluster.get("replicasets", []) if controller_uid(rs) not in gone]
    live = {o["metadata"]["uid"] for r in ("deployments", "replicasets") for o in cluster.get(r, [])}
    gone = {uid for uid in book if uid not in live}
    # A pod already being deleted (its namespace is going) is left to finish.
    cluster["pods"][:] = [p for p in cluster["pods"] if controller_uid(p) not in gone or
                          p["metadata"].get("deletionTimestamp")]
    for uid in gone:
        del book[uid]
    objects.next_version(state)


def owned(state, d):
    return [rs for rs in state["cluster"].get("replicasets", [])
            if rs["metadata"].get("namespace") == d["metadata"]["namespace"] and
            controller_uid(rs) == d["metadata"]["uid"]]


def revision(rs):
    try:
        return int((rs["metadata"].get("annotations") or {}).get(REVISION, "0"))
    except ValueError:
        return 0


def without_hash(template):
    t = copy.deepcopy(template)
    (t.get("metadata") or {}).get("labels", {}).pop(HASH_LABEL, None)
    return t


def find_new(d, rss):
    """deployment_util.go FindNewReplicaSet: the oldest ReplicaSet whose template equals the
    Deployment's, the pod-template-hash label aside (EqualIgnoreHash)."""
    wanted = without_hash(d["spec"]["template"])
    same = [rs for rs in rss if without_hash(rs["spec"]["template"]) == wanted]
    return min(same, key=lambda rs: rs["metadata"]["creationTimestamp"]) if same else None


def set_condition(status, condition):
    """deployment_util.go SetDeploymentCondition."""
    conditions = status.setdefault("conditions", [])
    current = next((c for c in conditions if c["type"] == condition["type"]), None)
    if current is not None and current["status"] == condition["status"] and current["reason"] == condition["reason"]:
        return
    if current is not None and current["status"] == condition["status"]:
        condition["lastTransitionTime"] = current["lastTransitionTime"]
    status["conditions"] = [c for c in conditions if c["type"] != condition["type"]] + [condition]


def condition(kind, ok, reason, message, now):
    return {"type": kind, "status": "True" if ok else "False", "lastUpdateTime": format_time(now),
            "lastTransitionTime": format_time(now), "reason": reason, "message": message}


def sync_deployment(state, d, now, record):
    """syncDeployment for one Deployment: the new ReplicaSet (made, or found and given the newest
    revision), then the strategy's scaling, then the clean-up of old revisions."""
    rss = owned(state, d)
    new = find_new(d, rss)
    if d["spec"].get("paused"):
        return
    old = [rs for rs in rss if rs is not new]
    recreate = (d["spec"].get("strategy") or {}).get("type") == "Recreate"
    if recreate and new is None:
        # recreate.go: the old pods go first; the new ReplicaSet is made once none is left.
        for rs in old:
            scale(state, d, rs, 0, now, record)
        if any(controller_uid(p) in {rs["metadata"]["uid"] for rs in old} for p in state["cluster"]["pods"]):
            return
    new = new_replicaset(state, d, new, old, now, record)
    if recreate:
        for rs in old:
            scale(state, d, rs, 0, now, record)
        scale(state, d, new, d["spec"].get("replicas", 1), now, record)
    else:
        if not reconcile_new(state, d, new, old, now, record):
            reconcile_old(state, d, new, old, now, record)
    cleanup(state, d, old)


def new_replicaset(state, d, new, old, now, record):
    """sync.go getNewReplicaSet: the existing one gets the newest revision; otherwise a ReplicaSet
    <deployment>-<pod-template-hash> with the template's labels and the hash, a controller
    reference, the Deployment's annotations and revision, sized by NewRSNewReplicas."""
    status = d.setdefault("status", {})
    new_revision = str(max([revision(rs) for rs in old] + [0]) + 1)
    annotations = d["metadata"].setdefault("annotations", {})
    if new is not None:
        rs_annotations = new["metadata"].setdefault("annotations", {})
        changed = copy_annotations(d, new)
        old_revision = rs_annotations.get(REVISION)
        if old_revision is None or int(old_revision) < int(new_revision):
            rs_annotations[REVISION] = new_revision
            changed = True
            if old_revision is not None:
                history = [r for r in rs_annotations.get(REVISION_HISTORY, "").split(",") if r]
                rs_annotations[REVISION_HISTORY] = ",".join(history + [old_revision])
        if changed:
            new["metadata"]["resourceVersion"] = objects.next_version(state)
        moved = annotations.get(REVISION) != rs_annotations[REVISION]
        annotations[REVISION] = rs_annotations[REVISION]
        if not any(c["type"] == "Progressing" for c in status.get("conditions", [])) and \
                d["spec"].get("progressDeadlineSeconds") is not None:
            set_condition(status, condition("Progressing", True, "FoundNewReplicaSet",
                                            'Found new replica set "%s"' % new["metadata"]["name"], now))
            moved = True
        if moved:
            d["metadata"]["resourceVersion"] = objects.next_version(state)
        return new
    ns = d["metadata"]["namespace"]
    pod_hash = template_hash(d["spec"]["template"], status.get("collisionCount"))
    name = "%s-%s" % (d["metadata"]["name"], pod_hash)
    template = copy.deepcopy(d["spec"]["template"])
    template.setdefault("metadata", {}).setdefault("labels", {})[HASH_LABEL] = pod_hash
    selector = copy.deepcopy(d["spec"]["selector"])
    selector.setdefault("matchLabels", {})[HASH_LABEL] = pod_hash
    rs = {"kind": "ReplicaSet", "apiVersion": "apps/v1",
          "metadata": dict(objects.meta(state, name, ns, now, "ReplicaSet", template["metadata"]["labels"],
                                        owner={"apiVersion": "apps/v1", "kind": "Deployment",
                                               "name": d["metadata"]["name"], "uid": d["metadata"]["uid"]},
                                        generation="rs-%s" % state["sim"].get("resource_version", 0)),
                           generation=1),
          "spec": {"replicas": 0, "selector": selector, "template": template}, "status": {"replicas": 0}}
    if d["spec"].get("minReadySeconds"):
        rs["spec"]["minReadySeconds"] = d["spec"]["minReadySeconds"]
    copy_annotations(d, rs)
    surge, _ = fenceposts(d)
    replicas = d["spec"].get("replicas", 1)
    count = new_replicas(d, old + [rs], rs)
    rs["metadata"]["annotations"].update({REVISION: new_revision, DESIRED: str(replicas),
                                          MAX_REPLICAS: str(replicas + surge)})
    rs["spec"]["replicas"] = count
    state["cluster"].setdefault("replicasets", []).append(rs)
    registry(state)[rs["metadata"]["uid"]] = {"made": 0}
    if count > 0:
        record(state, d, "Normal", "ScalingReplicaSet", "Scaled up replica set %s to %d" % (name, count),
               "deployment-controller", now)
    annotations[REVISION] = new_revision
    if d["spec"].get("progressDeadlineSeconds") is not None:
        set_condition(status, condition("Progressing", True, "NewReplicaSetCreated",
                                        'Created new replica set "%s"' % name, now))
    d["metadata"]["resourceVersion"] = objects.next_version(state)
    return rs


def copy_annotations(d, rs):
    """deployment_util.go copyDeploymentAnnotationsToReplicaSet."""
    annotations = rs["metadata"].setdefault("annotations", {})
    changed = False
    for key, value in (d["metadata"].get("annotations") or {}).items():
        if key not in NOT_COPIED and annotations.get(key) != value:
            annotations[key] = value
            changed = True
    return changed


def new_replicas(d, all_rss, new):
    """deployment_util.go NewRSNewReplicas."""
    replicas = d["spec"].get("replicas", 1)
    if (d["spec"].get("strategy") or {}).get("type") == "Recreate":
        return replicas
    surge, _ = fenceposts(d)
    current = sum(rs["spec"].get("replicas", 0) for rs in all_rss)
    if current >= replicas + surge:
        return new["spec"].get("replicas", 0)
    up = min(replicas + surge - current, replicas - new["spec"].get("replicas", 0))
    return new["spec"].get("replicas", 0) + up


def scale(state, d, rs, count, now, record):
    """sync.go scaleReplicaSetAndRecordEvent: the size, the desired/max annotations, the event."""
    surge, _ = fenceposts(d)
    replicas = d["spec"].get("replicas", 1)
    annotations = rs["metadata"].setdefault("annotations", {})
    resized = rs["spec"].get("replicas", 0) != count
    if not resized and annotations.get(DESIRED) == str(replicas) and annotations.get(MAX_REPLICAS) == str(
            replicas + surge):
        return False
    direction = "up" if count > rs["spec"].get("replicas", 0) else "down"
    annotations[DESIRED] = str(replicas)
    annotations[MAX_REPLICAS] = str(replicas + surge)
    if resized:
        rs["spec"]["replicas"] = count
        rs["metadata"]["generation"] = rs["metadata"].get("generation", 1) + 1
        record(state, d, "Normal", "ScalingReplicaSet", "Scaled %s replica set %s to %d" % (
            direction, rs["metadata"]["name"], count), "deployment-controller", now)
    rs["metadata"]["resourceVersion"] = objects.next_version(state)
    return resized


def reconcile_new(state, d, new, old, now, record):
    """rolling.go reconcileNewReplicaSet."""
    replicas = d["spec"].get("replicas", 1)
    if new["spec"].get("replicas", 0) == replicas:
        return False
    if new["spec"].get("replicas", 0) > replicas:
        return scale(state, d, new, replicas, now, record)
    return scale(state, d, new, new_replicas(d, old + [new], new), now, record)


def available(rs):
    return rs.get("status", {}).get("availableReplicas", 0)


def reconcile_old(state, d, new, old, now, record):
    """rolling.go reconcileOldReplicaSets: unhealthy old replicas first, then as many as
    maxUnavailable allows while the new ones become available."""
    active_old = [rs for rs in old if rs["spec"].get("replicas", 0) > 0]
    if not active_old:
        return False
    _, unavailable = fenceposts(d)
    min_available = d["spec"].get("replicas", 1) - unavailable
    all_count = sum(rs["spec"].get("replicas", 0) for rs in old + [new])
    max_scaled_down = all_count - min_available - (new["spec"].get("replicas", 0) - available(new))
    if max_scaled_down <= 0:
        return False
    done = False
    cleaned = 0
    for rs in sorted(active_old, key=lambda r: r["metadata"]["creationTimestamp"]):
        if cleaned >= max_scaled_down:
            break
        count = rs["spec"]["replicas"]
        if available(rs) == count:
            continue
        down = min(max_scaled_down - cleaned, count - available(rs))
        done = scale(state, d, rs, count - down, now, record) or done
        cleaned += down
    available_all = sum(available(rs) for rs in old + [new])
    if available_all > min_available:
        total = available_all - min_available
        down_so_far = 0
        for rs in sorted(active_old, key=lambda r: r["metadata"]["creationTimestamp"]):
            if down_so_far >= total:
                break
            count = rs["spec"]["replicas"]
            if count == 0:
                continue
            down = min(count, total - down_so_far)
            done = scale(state, d, rs, count - down, now, record) or done
            down_so_far += down
    return done


def cleanup(state, d, old):
    """sync.go cleanupDeployment: old ReplicaSets with no replicas beyond revisionHistoryLimit go,
    oldest first."""
    limit = d["spec"].get("revisionHistoryLimit", 10)
    idle = sorted([rs for rs in old if rs["spec"].get("replicas", 0) == 0 and not rs["status"].get("replicas")],
                  key=revision)
    for rs in idle[:max(len(idle) - limit, 0)]:
        state["cluster"]["replicasets"].remove(rs)
        objects.next_version(state)


def pod_ready(pod):
    return any(c["type"] == "Ready" and c["status"] == "True" for c in pod["status"].get("conditions", []))


def active_pods(state, rs):
    """controller.FilterActivePods of the pods the ReplicaSet controls."""
    uid = rs["metadata"]["uid"]
    return [p for p in state["cluster"]["pods"] if controller_uid(p) == uid and
            p["status"].get("phase") not in ("Succeeded", "Failed") and not p["metadata"].get("deletionTimestamp")]


def manage_replicas(state, rs, now, record):
    """replica_set.go manageReplicas: pods from the template up to spec.replicas, named
    <replicaset>-<5 chars>; extra pods deleted, the least useful first (getPodsToDelete: not
    scheduled, then pending, then not ready, then the newest)."""
    pods = active_pods(state, rs)
    wanted = rs["spec"].get("replicas", 1)
    name = rs["metadata"]["name"]
    ns = rs["metadata"]["namespace"]
    book = registry(state)[rs["metadata"]["uid"]]
    for _ in range(wanted - len(pods)):
        made = book.get("made", 0)
        book["made"] = made + 1
        pod = pod_template.pod_from_template(
            state, rs["spec"]["template"], ns, "%s-%s" % (name, objects.name_suffix(rs["metadata"]["uid"], made)),
            name + "-", {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": name, "uid": rs["metadata"]["uid"]},
            now, "rs-pod-%s-%d" % (rs["metadata"]["uid"], made))
        state["cluster"]["pods"].append(pod)
        record(state, rs, "Normal", "SuccessfulCreate", "Created pod: " + pod["metadata"]["name"],
               "replicaset-controller", now)
    if len(pods) > wanted:
        rank = {"Pending": 0, "Unknown": 1, "Running": 2}
        doomed = sorted(pods, key=lambda p: (bool(p["spec"].get("nodeName")), rank.get(p["status"].get("phase"), 0),
                                             pod_ready(p), [-ord(ch) for ch in p["metadata"]["creationTimestamp"]]))
        for pod in doomed[:len(pods) - wanted]:
            state["cluster"]["pods"].remove(pod)
            objects.next_version(state)
            record(state, rs, "Normal", "SuccessfulDelete", "Deleted pod: " + pod["metadata"]["name"],
                   "replicaset-controller", now)


def replicaset_status(state, rs):
    """replica_set_utils.go calculateStatus (minReadySeconds counted on the simulation's clock is
    not modelled: a Ready pod is available)."""
    pods = active_pods(state, rs)
    template_labels = (rs["spec"]["template"].get("metadata") or {}).get("labels") or {}
    labelled = sum(1 for p in pods if all((p["metadata"].get("labels") or {}).get(k) == v
                                          for k, v in template_labels.items()))
    ready = sum(1 for p in pods if pod_ready(p))
    status = {"replicas": len(pods)}
    for key, value in (("fullyLabeledReplicas", labelled), ("readyReplicas", ready), ("availableReplicas", ready)):
        if value:
            status[key] = value
    status["observedGeneration"] = rs["metadata"].get("generation", 1)
    if rs.get("status") != status:
        rs["status"] = status
        rs["metadata"]["resourceVersion"] = objects.next_version(state)


def deployment_status(state, d, now):
    """sync.go calculateStatus and progress.go syncRolloutStatus: counts from the ReplicaSets,
    Available from maxUnavailable, Progressing from what moved since the last status."""
    rss = owned(state, d)
    new = find_new(d, rss)
    replicas = d["spec"].get("replicas", 1)
    _, unavailable = fenceposts(d)
    old_status = d.get("status") or {}
    total = sum(rs["spec"].get("replicas", 0) for rs in rss)
    counts = {"observedGeneration": d["metadata"].get("generation", 1),
              "replicas": sum(rs["status"].get("replicas", 0) for rs in rss),
              "updatedReplicas": new["status"].get("replicas", 0) if new else 0,
              "readyReplicas": sum(rs["status"].get("readyReplicas", 0) for rs in rss),
              "availableReplicas": sum(available(rs) for rs in rss)}
    counts["unavailableReplicas"] = max(total - counts["availableReplicas"], 0)
    status = {k: v for k, v in counts.items() if v}
    if old_status.get("collisionCount") is not None:
        status["collisionCount"] = old_status["collisionCount"]
    status["conditions"] = copy.deepcopy(old_status.get("conditions", []))
    if counts["availableReplicas"] >= replicas - unavailable:
        set_condition(status, condition("Available", True, "MinimumReplicasAvailable",
                                        "Deployment has minimum availability.", now))
    else:
        set_condition(status, condition("Available", False, "MinimumReplicasUnavailable",
                                        "Deployment does not have minimum availability.", now))
    current = next((c for c in old_status.get("conditions", []) if c["type"] == "Progressing"), None)
    complete_before = counts["replicas"] == counts["updatedReplicas"] and current is not None and \
        current["reason"] == "NewReplicaSetAvailable"
    deadline = d["spec"].get("progressDeadlineSeconds")
    rs_name = new["metadata"]["name"] if new else None
    if deadline is None:
        status["conditions"] = [c for c in status["conditions"] if c["type"] != "Progressing"]
    elif not complete_before and not d["spec"].get("paused"):
        if counts["updatedReplicas"] == replicas and counts["replicas"] == replicas and \
                counts["availableReplicas"] == replicas and counts["observedGeneration"] >= d["metadata"].get(
                    "generation", 1):
            set_condition(status, condition("Progressing", True, "NewReplicaSetAvailable",
                                            'ReplicaSet "%s" has successfully progressed.' % rs_name, now))
        elif progressed(old_status, counts):
            c = condition("Progressing", True, "ReplicaSetUpdated", 'ReplicaSet "%s" is progressing.' % rs_name, now)
            if current is not None and current["status"] == "True":
                c["lastTransitionTime"] = current["lastTransitionTime"]
            status["conditions"] = [x for x in status["conditions"] if x["type"] != "Progressing"] + [c]
        elif timed_out(status, deadline, now):
            set_condition(status, condition("Progressing", False, "ProgressDeadlineExceeded",
                                            'ReplicaSet "%s" has timed out progressing.' % rs_name, now))
    if not status["conditions"]:
        del status["conditions"]
    if status != old_status:
        d["status"] = status
        d["metadata"]["resourceVersion"] = objects.next_version(state)


def progressed(old, new):
    """deployment_util.go DeploymentProgressing."""
    old_old = old.get("replicas", 0) - old.get("updatedReplicas", 0)
    new_old = new["replicas"] - new["updatedReplicas"]
    return new["updatedReplicas"] > old.get("updatedReplicas", 0) or new_old < old_old or \
        new["readyReplicas"] > old.get("readyReplicas", 0) or new["availableReplicas"] > old.get("availableReplicas", 0)


def timed_out(status, deadline, now):
    """deployment_util.go DeploymentTimedOut: no progress for progressDeadlineSeconds (600 s by
    default) of the simulation's clock since the Progressing condition was last updated."""
    c = next((c for c in status.get("conditions", []) if c["type"] == "Progressing"), None)
    if c is None or c["reason"] == "NewReplicaSetAvailable":
        return False
    if c["reason"] == "ProgressDeadlineExceeded":
        return True
    return parse_time(c["lastUpdateTime"]) + datetime.timedelta(seconds=deadline) < now
