"""batch/v1 Jobs: what the apiserver fills in when one is created, the job controller
(pkg/controller/job/job_controller.go at v1.20), and the one thing kubelet does differently for
their pods: the containers end.

When a container "completes": the simulation does not run programs, so a container of a pod
whose restartPolicy is Never or OnFailure (a pod meant to run to completion: every Job's pod) is
taken to be a program that exits 0 RUN_SECONDS (one second) of the simulation's clock after it
started. With a fixed clock a test moves `settings.clock` on to see it finish; on wall time it
finishes a second later. Pods with restartPolicy Always (bare pods by default, Deployments...)
run until deleted, as before. A container that cannot start (its image cannot be pulled) never
runs, so never completes: its Job stays active with the pod in ImagePullBackOff."""
import copy, datetime

import controllers
import objects
from sim_state import format_time, parse_time

RUN_SECONDS = 1
RUN_TO_COMPLETION = ("Never", "OnFailure")


def job(state, doc, namespace, created, generation):
    """A posted Job with the apiserver's defaults: pkg/apis/batch/v1/defaults.go SetDefaults_Job
    (completions and parallelism 1 when both are unset, parallelism 1, backoffLimit 6; the Job's
    labels default to its template's when it has none, which the defaulting done on every read
    from etcd applies after the selector is generated) and pkg/registry/batch/job/strategy.go
    (PrepareForCreate: status cleared, generation 1; generateSelector: spec.selector
    controller-uid=<uid>, template labels controller-uid and job-name, unless manualSelector)."""
    md = doc.get("metadata", {})
    name = md["name"]
    body = {"kind": "Job", "apiVersion": "batch/v1",
            "metadata": dict(objects.meta(state, name, namespace, created, "Job", md.get("labels"),
                                          md.get("annotations"), generation=generation), generation=1)}
    spec = copy.deepcopy(doc.get("spec", {}))
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
    spec.setdefault("parallelism", 1)
    spec.setdefault("backoffLimit", 6)
    template = spec.setdefault("template", {})
    template_defaults(template)
    if not spec.get("manualSelector"):
        uid = body["metadata"]["uid"]
        spec["selector"] = {"matchLabels": {"controller-uid": uid}}
        template["metadata"].setdefault("labels", {}).update({"controller-uid": uid, "job-name": name})
    if not body["metadata"].get("labels") and template["metadata"].get("labels"):
        body["metadata"]["labels"] = dict(template["metadata"]["labels"])
    body["spec"] = spec
    body["status"] = {}
    return body


def template_defaults(template):
    """A pod template as the apiserver stores it (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec,
    SetDefaults_Container; imagePullPolicy Always for :latest or no tag, else IfNotPresent)."""
    template.setdefault("metadata", {}).setdefault("creationTimestamp", None)
    spec = template.setdefault("spec", {})
    for key, value in (("restartPolicy", "Always"), ("terminationGracePeriodSeconds", 30),
                       ("dnsPolicy", "ClusterFirst"), ("securityContext", {}),
                       ("schedulerName", "default-scheduler")):
        spec.setdefault(key, value)
    for c in spec.get("containers", []):
        tag = c.get("image", "").rsplit("/", 1)[-1]
        c.setdefault("resources", {})
        c.setdefault("terminationMessagePath", "/dev/termination-log")
        c.setdefault("terminationMessagePolicy", "File")
        c.setdefault("imagePullPolicy", "Always" if ":" not in tag or tag.endswith(":latest") else "IfNotPresent")
        for port in c.get("ports", []):
            port.setdefault("protocol", "TCP")  # SetDefaults_ContainerPort
    return template


def restart_policy_problem(doc):
    """Job validation (pkg/apis/batch/validation): a Job's pods must not restart forever."""
    policy = doc.get("spec", {}).get("template", {}).get("spec", {}).get("restartPolicy", "Always")
    if policy not in RUN_TO_COMPLETION:
        return ('Unsupported value: "%s": supported values: "OnFailure", "Never"' % policy,
                "spec.template.spec.restartPolicy", "FieldValueNotSupported")
    return None


def owned_by(pod, owner_uid):
    return any(r.get("uid") == owner_uid and r.get("controller") for r in pod["metadata"].get("ownerReferences", []))


def sync(state, now):
    """The job controller's pass: a pod for each Job that needs one, its status from its pods,
    Complete once enough pods succeeded; the garbage collector's for pods of deleted Jobs."""
    cluster = state["cluster"]
    jobs = cluster.setdefault("jobs", [])
    live = {j["metadata"]["uid"] for j in jobs}
    for pod in list(cluster["pods"]):
        for ref in pod["metadata"].get("ownerReferences", []):
            if ref.get("kind") == "Job" and ref.get("controller") and ref["uid"] not in live and \
                    not pod["metadata"].get("deletionTimestamp"):  # one being deleted is left to finish
                cluster["pods"].remove(pod)  # background propagation, as kubectl delete asks
                break
    for j in jobs:
        status = j.setdefault("status", {})
        if any(c["type"] in ("Complete", "Failed") and c["status"] == "True" for c in status.get("conditions", [])):
            continue
        uid = j["metadata"]["uid"]
        pods = [p for p in cluster["pods"] if owned_by(p, uid)]
        succeeded = sum(1 for p in pods if p["status"].get("phase") == "Succeeded")
        failed = sum(1 for p in pods if p["status"].get("phase") == "Failed")
        active = len(pods) - succeeded - failed
        completions = j["spec"].get("completions")
        wanted = min(j["spec"].get("parallelism", 1), (completions or 1) - succeeded) - active
        if failed <= j["spec"].get("backoffLimit", 6):
            for _ in range(max(wanted, 0)):
                pod = pod_for(state, j, len(pods), now)
                cluster["pods"].append(pod)
                pods.append(pod)
                active += 1
                controllers.record(state, j, "Normal", "SuccessfulCreate", "Created pod: " + pod["metadata"]["name"],
                                   "job-controller", now)
        new = {"startTime": status.get("startTime") or format_time(now)}
        if active:
            new["active"] = active
        if succeeded:
            new["succeeded"] = succeeded
        if failed:
            new["failed"] = failed
        if completions is not None and succeeded >= completions and not active:
            # v1.20 syncJob: newCondition(JobComplete, "", "") and the completion time, taken when
            # the last pod finished (a running controller syncs at once; this one at the next request).
            done = max(finished_at(p) for p in pods if p["status"].get("phase") == "Succeeded")
            new["completionTime"] = format_time(done)
            new["conditions"] = [{"type": "Complete", "status": "True", "lastProbeTime": format_time(done),
                                  "lastTransitionTime": format_time(done)}]
            controllers.record(state, j, "Normal", "Completed", "Job completed", "job-controller", done)
        if new != status:
            j["status"] = new
            j["metadata"]["resourceVersion"] = objects.next_version(state)


def finished_at(pod):
    return max(parse_time(s["state"]["terminated"]["finishedAt"]) for s in pod["status"]["containerStatuses"])


def pod_for(state, j, attempt, now):
    """The pod the job controller makes from the template (pkg/controller/controller_utils.go
    GetPodFromTemplate: generateName `<job>-`, the template's labels, a controller reference)."""
    name = j["metadata"]["name"]
    template = j["spec"]["template"]
    spec = template.get("spec", {})
    compact = {"name": "%s-%s" % (name, objects.name_suffix("job-pod", j["metadata"]["uid"], attempt)),
               "namespace": j["metadata"]["namespace"], "labels": template.get("metadata", {}).get("labels"),
               "owner": {"apiVersion": "batch/v1", "kind": "Job", "name": name, "uid": j["metadata"]["uid"]},
               "containers": [{"name": c["name"], "image": c["image"], "pull": c.get("imagePullPolicy"),
                               "command": c.get("command"), "args": c.get("args"), "env": c.get("env"),
                               "ports": c.get("ports"), "resources": c.get("resources", {})}
                              for c in spec.get("containers", [])],
               "restart_policy": spec.get("restartPolicy"), "generate_name": name + "-",
               "service_account": spec.get("serviceAccountName", "default")}
    return objects.pod(state, compact, now, "job-%s-%d" % (j["metadata"]["uid"], attempt))


def finished(pod, old, now):
    """kubelet: a running container of a run-to-completion pod exits 0 RUN_SECONDS after it started
    (the container state kubelet reports for an exit 0: terminated, reason Completed)."""
    if pod["spec"].get("restartPolicy") not in RUN_TO_COMPLETION:
        return None
    started = parse_time(old["state"]["running"]["startedAt"])
    if now < started + datetime.timedelta(seconds=RUN_SECONDS):
        return None
    done = dict(old, ready=False, started=False)
    done["state"] = {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": format_time(started),
                                    "finishedAt": format_time(started + datetime.timedelta(seconds=RUN_SECONDS)),
                                    "containerID": old["containerID"]}}
    return done


def set_finished(state, pod, statuses, now):
    """All containers exited: phase Succeeded (all 0) or Failed; kubelet's conditions for a
    finished pod carry reason PodCompleted (pkg/kubelet/status/generate.go)."""
    phase = "Succeeded" if all(s["state"]["terminated"]["exitCode"] == 0 for s in statuses) else "Failed"
    old = {c["type"]: c for c in pod["status"].get("conditions", [])}
    now = max(parse_time(s["state"]["terminated"]["finishedAt"]) for s in statuses)

    def cond(kind, ok):
        c = {"type": kind, "status": "True" if ok else "False", "lastProbeTime": None,
             "lastTransitionTime": old[kind]["lastTransitionTime"] if kind in old and old[kind]["status"] ==
             ("True" if ok else "False") else format_time(now), "reason": "PodCompleted"}
        return c

    scheduled = old.get("PodScheduled", {"type": "PodScheduled", "status": "True", "lastProbeTime": None,
                                         "lastTransitionTime": format_time(now)})
    pod["status"].update(phase=phase, containerStatuses=statuses,
                         conditions=[cond("Initialized", True), cond("Ready", False), cond("ContainersReady", False),
                                     scheduled])
    pod["metadata"]["resourceVersion"] = objects.next_version(state)
