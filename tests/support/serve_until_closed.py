"""The lifecycle every loopback test server here follows (tests/support/background_process.hpp
relies on it): serve in a thread, announce one JSON line on stdout, and exit when the test that
started us closes our stdin (or dies), or sends SIGTERM."""
import json, os, signal, sys, threading


def serve_until_stdin_closes(server, announcement):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print(json.dumps(announcement), flush=True)
    try:
        sys.stdin.buffer.read()
    except Exception:
        pass
    os._exit(0)
