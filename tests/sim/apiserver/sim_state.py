"""The simulation's shared state: one JSON document, STATE_DIR/state.json, read and written
under an exclusive flock on STATE_DIR/state.lock by both test doubles (the `minikube` double,
tests/sim/minikube/, and this API server). Its schema is described in tests/sim/README.md.

The clock: `settings.clock` is either null (wall time) or a fixed RFC 3339 instant
(deterministic output for golden files)."""
import contextlib, datetime, fcntl, json, os


def load(state_dir):
    with open(os.path.join(state_dir, "state.json")) as f:
        return migrate_single_node(json.load(f))


def migrate_single_node(state):
    """A state written with one image store (state.node.images, before multi-node) becomes one
    control-plane node in state.nodes; tests/sim/minikube/sim_state.cpp does the same."""
    if "node" in state and "nodes" not in state:
        state["nodes"] = [{"name": "minikube", "ip": "192.168.49.2", "control_plane": True,
                           "images": state["node"].get("images", [])}]
        del state["node"]
    return state


def save(state_dir, state):
    path = os.path.join(state_dir, "state.json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


@contextlib.contextmanager
def locked(state_dir):
    """Yields the state; writes it back when the block ends without raising."""
    with open(os.path.join(state_dir, "state.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = load(state_dir)
        yield state
        save(state_dir, state)


# The last state read or written by this process, and the file identity it matches.
_CACHE = {"key": None, "state": None}


def _file_key(state_dir):
    st = os.stat(os.path.join(state_dir, "state.json"))
    return st.st_ino, st.st_mtime_ns, st.st_size


@contextlib.contextmanager
def locked_cached(state_dir):
    """Like locked(), for the server: reuses the parsed state while the file is unchanged, and
    writes it back only when the block marks it dirty or the resourceVersion counter moved (a
    10,000-pod state costs seconds to parse and write)."""
    with open(os.path.join(state_dir, "state.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        key = _file_key(state_dir)
        state = _CACHE["state"] if _CACHE["key"] == key else load(state_dir)
        _CACHE["key"] = None
        before = state.get("sim", {}).get("resource_version")
        flags = {"dirty": False, "key": key}
        yield state, flags
        if flags["dirty"] or state.get("sim", {}).get("resource_version") != before:
            save(state_dir, state)
        _CACHE.update(key=_file_key(state_dir), state=state)
        # Read under the lock: once it is released another request may be clearing the cache.
        flags["key_after"] = _CACHE["key"]


def now(state):
    fixed = state.get("settings", {}).get("clock")
    if fixed:
        return parse_time(fixed)
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def format_time(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def human_duration(seconds):
    """k8s.io/apimachinery/pkg/util/duration.HumanDuration (v0.20), which kubectl's AGE uses."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return "%ds" % s
    minutes = s // 60
    if minutes < 10:
        rest = s % 60
        return "%dm" % minutes if rest == 0 else "%dm%ds" % (minutes, rest)
    if minutes < 180:
        return "%dm" % minutes
    hours = s // 3600
    if hours < 8:
        rest = minutes % 60
        return "%dh" % hours if rest == 0 else "%dh%dm" % (hours, rest)
    if hours < 48:
        return "%dh" % hours
    if hours < 24 * 8:
        rest = hours % 24
        return "%dd" % (hours // 24) if rest == 0 else "%dd%dh" % (hours // 24, rest)
    if hours < 24 * 365 * 2:
        return "%dd" % (hours // 24)
    if hours < 24 * 365 * 8:
        rest = (hours // 24) % 365
        return "%dy" % (hours // 24 // 365) if rest == 0 else "%dy%dd" % (hours // 24 // 365, rest)
    return "%dy" % (hours // 24 // 365)
