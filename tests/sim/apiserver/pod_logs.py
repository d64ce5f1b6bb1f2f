"""GET /api/v1/namespaces/NS/pods/NAME/log: what kube-apiserver v1.20 and the kubelet answer.

The apiserver's part (pkg/registry/core/pod/rest/log.go, pkg/registry/core/pod/strategy.go
LogLocation): 404 for a pod that does not exist; 400 `a container name must be specified for pod
P, choose one of: [a b]` when a pod has several containers and none is named, 400 `container c is
not valid for pod P` for a name it does not have; an empty 200 for a pod no node has taken yet
(LogLocation returns no location and the LocationStreamer streams nothing). The kubelet's part
(pkg/kubelet/kubelet_pods.go validateContainerLogStatus) for a container that never started:
`container "c" in pod "p" is waiting to start: image can't be pulled` (ErrImagePull), `...: trying
and failing to pull image` (ImagePullBackOff), `...: REASON` otherwise (ContainerCreating);
`previous terminated container "c" in pod "p" not found` with `previous` and no earlier run. The
kubelet answers those with 400 and their text, which the apiserver's response checker
(pkg/registry/generic/rest/response_checker.go) turns into a BadRequest Status. A log is
text/plain. `tailLines`, `limitBytes`, `sinceSeconds` and `sinceTime` are applied (every line is
taken to be written when the container started); `timestamps` and `follow` are accepted and
ignored.

What a log holds: the simulation runs no programs. A container whose command and args (the
image's entrypoint is not known, so a container without a command is taken to run its args) are a
shell script, `sh -c SCRIPT` or `bash -c SCRIPT` (also as /bin/sh, /bin/bash), logs the output of
the script's `echo` commands whose output is not redirected to a file (`>`/`>>`) or piped: one
line each (none after `echo -n`), in script order, the words unquoted by shell rules ($NAME and
${NAME} from the container's env, HOSTNAME being the pod's name; unset ones empty). Every other
command of the script is taken to succeed, so `a || echo x` does not print and `exit` ends the
script; loops and conditionals are not interpreted (their echo commands run once). Anything else
logs nothing."""
import datetime, re

import api_status
from sim_state import parse_time

SHELLS = ("sh", "/bin/sh", "bash", "/bin/bash", "/usr/bin/bash", "ash", "/bin/ash")
RAW = object()  # marks a (code, (RAW, bytes)) answer: text/plain, not JSON


def serve(state, now, namespace, name, query):
    pod = next((p for p in state["cluster"].get("pods", []) if p["metadata"]["name"] == name and
                p["metadata"].get("namespace") == namespace), None)
    if pod is None:
        return api_status.not_found("", "pods", name)
    containers = pod["spec"]["containers"]
    names = [c["name"] for c in containers]
    init_names = [c["name"] for c in pod["spec"].get("initContainers", [])]
    wanted = query.get("container", "")
    if not wanted:
        if len(containers) == 1:
            wanted = names[0]
        elif not containers:
            return bad_request("a container name must be specified for pod %s" % name)
        else:
            text = "a container name must be specified for pod %s, choose one of: [%s]" % (name, " ".join(names))
            if init_names:
                text += " or one of the init containers: [%s]" % " ".join(init_names)
            return bad_request(text)
    elif wanted not in names + init_names:
        return bad_request("container %s is not valid for pod %s" % (wanted, name))
    if not pod["spec"].get("nodeName"):
        return 200, (RAW, b"")
    previous = query.get("previous", "").lower() in ("1", "true")
    problem, started = log_status(pod, wanted, previous)
    if problem:
        return bad_request(problem)
    spec = next(c for c in containers + pod["spec"].get("initContainers", []) if c["name"] == wanted)
    lines = script_output(spec, pod)
    since = None
    if query.get("sinceSeconds"):
        since = now - datetime.timedelta(seconds=int(query["sinceSeconds"]))
    elif query.get("sinceTime"):
        since = parse_time(query["sinceTime"].split(".")[0].rstrip("Z") + "Z")
    if since is not None and started is not None and started < since:
        lines = []
    if query.get("tailLines") is not None:
        tail = int(query["tailLines"])
        lines = lines[len(lines) - tail:] if 0 <= tail < len(lines) else lines
    data = "".join(lines).encode()
    if query.get("limitBytes"):
        data = data[:int(query["limitBytes"])]
    return 200, (RAW, data)


def bad_request(message):
    return api_status.status(400, "BadRequest", message)


def log_status(pod, container, previous):
    """validateContainerLogStatus: (error text or None, when the logged run started)."""
    podname = pod["metadata"]["name"]
    statuses = pod["status"].get("containerStatuses", []) + pod["status"].get("initContainerStatuses", [])
    status = next((s for s in statuses if s["name"] == container), None)
    if status is None:
        return 'container "%s" in pod "%s" is not available' % (container, podname), None
    last = (status.get("lastState") or {}).get("terminated")
    state = status.get("state") or {}
    if previous:
        if not last or not last.get("containerID"):
            return 'previous terminated container "%s" in pod "%s" not found' % (container, podname), None
        return None, started_at(last)
    if "running" in state:
        return None, started_at(state["running"])
    if "terminated" in state:
        if state["terminated"].get("containerID"):
            return None, started_at(state["terminated"])
        if last and last.get("containerID"):
            return None, started_at(last)
        return 'container "%s" in pod "%s" is terminated' % (container, podname), None
    if last:
        if not last.get("containerID"):
            return 'container "%s" in pod "%s" is terminated' % (container, podname), None
        return None, started_at(last)
    if "waiting" in state:
        reason = state["waiting"].get("reason", "")
        if reason == "ErrImagePull":
            return 'container "%s" in pod "%s" is waiting to start: image can\'t be pulled' % (container, podname), None
        if reason == "ImagePullBackOff":
            return ('container "%s" in pod "%s" is waiting to start: trying and failing to pull image' %
                    (container, podname)), None
        return 'container "%s" in pod "%s" is waiting to start: %s' % (container, podname, reason), None
    return 'container "%s" in pod "%s" is waiting to start - no logs yet' % (container, podname), None


def started_at(state):
    return parse_time(state["startedAt"]) if state.get("startedAt") else None


def script_output(container, pod):
    """The log model above: the lines the script's echo commands write."""
    argv = list(container.get("command") or []) + list(container.get("args") or [])
    if len(argv) < 3 or argv[0] not in SHELLS or argv[1] != "-c":
        return []
    env = {e["name"]: e.get("value", "") for e in container.get("env", []) if "name" in e}
    env.setdefault("HOSTNAME", pod["metadata"]["name"])
    out = []
    skip_next = False
    for words, redirected, joiner in commands(argv[2], env):
        while words and words[0] in KEYWORDS:
            words = words[1:]
        skip = skip_next
        # Every command succeeds: `||` skips what follows it, `&&` runs it.
        skip_next = joiner == "||"
        if skip or not words:
            continue
        if words[0] == "exit":
            break
        if words[0] != "echo" or redirected:
            continue
        args = words[1:]
        newline = True
        while args and re.fullmatch(r"-[neE]+", args[0]):
            newline = newline and "n" not in args[0]
            args = args[1:]
        text = " ".join(args) + ("\n" if newline else "")
        if out and not out[-1].endswith("\n"):
            out[-1] += text
        else:
            out.append(text)
    return out


OPERATORS = ("&&", "||", ";;", ">>", "&>", ">&", ";", "&", "|", "\n", ">", "<", "(", ")")
# Reserved words that open a compound command: what follows them is still a command.
KEYWORDS = ("{", "}", "!", "if", "then", "else", "elif", "do", "while", "until")


def commands(script, env):
    """A small POSIX shell reader: yields (words, stdout redirected or piped, the operator after
    the command). Quotes ('...', "...", backslashes) and parameter expansion as sh does them;
    comments skipped; redirections and their targets are not words."""
    commands_out = []
    words, redirected, pending_target, current, quoted = [], False, False, None, False
    i, n = 0, len(script)

    def end_word():
        nonlocal current, pending_target, quoted
        if current is not None or quoted:
            if pending_target:
                pending_target = False
            else:
                words.append(current or "")
        current, quoted = None, False

    def end_command(op):
        nonlocal words, redirected
        end_word()
        commands_out.append((words, redirected or op == "|", op))
        words, redirected = [], False

    while i < n:
        ch = script[i]
        if ch in " \t":
            end_word()
            i += 1
            continue
        if ch == "#" and current is None and not quoted:
            while i < n and script[i] != "\n":
                i += 1
            continue
        if ch == "\\":
            if i + 1 < n and script[i + 1] == "\n":
                i += 2
                continue
            current = (current or "") + (script[i + 1] if i + 1 < n else "")
            i += 2
            continue
        if ch == "'":
            end = script.find("'", i + 1)
            end = n if end < 0 else end
            current = (current or "") + script[i + 1:end]
            quoted = True
            i = end + 1
            continue
        if ch == '"':
            j = i + 1
            text = ""
            while j < n and script[j] != '"':
                if script[j] == "\\" and j + 1 < n and script[j + 1] in '$`"\\\n':
                    text += script[j + 1] if script[j + 1] != "\n" else ""
                    j += 2
                elif script[j] == "$":
                    value, j = expand(script, j, env)
                    text += value
                else:
                    text += script[j]
                    j += 1
            current = (current or "") + text
            quoted = True
            i = j + 1
            continue
        if ch == "$":
            value, i = expand(script, i, env)
            if value or current is not None:
                current = (current or "") + value
            continue
        op = next((o for o in OPERATORS if script.startswith(o, i)), None)
        if op is not None:
            if op in (">", ">>", "&>", ">&", "<"):
                # A redirection; its target is no word. Only `>`, `>>`, `1>` and `&>` take stdout
                # away from the log: `>&2` sends it to stderr, which the container log also holds,
                # and `2>`, `2>&1`, `<` leave it where it was.
                fd = None
                if current is not None and not quoted and current.isdigit():
                    fd, current = current, None
                end_word()
                if (op in (">", ">>") and fd in (None, "1")) or op == "&>":
                    redirected = True
                pending_target = True
                i += len(op)
                continue
            end_command(op)
            i += len(op)
            continue
        current = (current or "") + ch
        i += 1
    end_command(None)
    return commands_out


def expand(script, i, env):
    """$NAME, ${NAME} (from env; unset is empty), $$ and $? as digits; anything else is kept."""
    m = re.match(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", script[i:])
    if m:
        return env.get(m.group(1) or m.group(2), ""), i + m.end()
    if script.startswith("$?", i):
        return "0", i + 2
    if script.startswith("$$", i):
        return "1", i + 2
    return "$", i + 1
