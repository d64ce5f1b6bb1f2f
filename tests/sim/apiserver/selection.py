"""Label and field selectors as the apiserver applies them to lists (apimachinery
pkg/labels/selector.go and pkg/fields/selector.go syntax: `=`, `==`, `!=`, `in`, `notin`,
existence). Field selectors reach dotted paths such as involvedObject.name, status.phase,
spec.nodeName, metadata.namespace, as `kubectl describe` and `kubectl get --field-selector` use."""
import re


def split_terms(text):
    terms, depth, current = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            terms.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        terms.append(current.strip())
    return terms


def label_matcher(text):
    tests = []
    for term in split_terms(text or ""):
        m = re.fullmatch(r"(\S+)\s+(in|notin)\s+\((.*)\)", term)
        if m:
            key, op, values = m.group(1), m.group(2), {v.strip() for v in m.group(3).split(",")}
            if op == "in":
                tests.append(lambda l, k=key, vs=values: l.get(k) in vs)
            else:
                tests.append(lambda l, k=key, vs=values: l.get(k) not in vs)
        elif "!=" in term:
            key, value = term.split("!=", 1)
            tests.append(lambda l, k=key.strip(), v=value.strip(): l.get(k) != v)
        elif "=" in term:
            key, value = term.replace("==", "=").split("=", 1)
            tests.append(lambda l, k=key.strip(), v=value.strip(): l.get(k) == v)
        elif term.startswith("!"):
            tests.append(lambda l, k=term[1:].strip(): k not in l)
        else:
            tests.append(lambda l, k=term: k in l)
    return lambda obj: all(t(obj["metadata"].get("labels", {})) for t in tests)


def field_value(obj, path):
    value = obj
    for part in path.split("."):
        if not isinstance(value, dict):
            return ""
        value = value.get(part, "")
    return "" if value is None else str(value)


def field_matcher(text):
    tests = []
    for term in split_terms(text or ""):
        if "!=" in term:
            key, value = term.split("!=", 1)
            tests.append(lambda o, k=key, v=value: field_value(o, k) != v)
        else:
            key, value = term.replace("==", "=").split("=", 1)
            tests.append(lambda o, k=key, v=value: field_value(o, k) == v)
    return lambda obj: all(t(obj) for t in tests)
