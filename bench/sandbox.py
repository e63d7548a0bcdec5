"""What one evaluation of BPMN code costs in the sandbox (apps/workflow/sandbox.py).

    python -m bench.sandbox [--rounds 2000]

Times, per evaluation: a plain gateway condition on the in-process path, the same condition on
the in-process path the sandbox had before (RestrictedPython under a trace function, which
could not stop C-level work), expressions and scripts that go to the worker process (with
small and with larger data), and starting a worker. No database, no HTTP. Prints one table;
nothing is asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time


def per_call(fn, rounds: int) -> float:
    """Median µs per call over 5 batches of ``rounds`` calls (after one warm-up call)."""
    fn()
    batches = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            fn()
        batches.append((time.perf_counter() - start) / rounds * 1e6)
    return statistics.median(batches)


def traced_eval(sandbox, source: str, data: dict):
    """The sandbox's previous in-process path: a trace function checking a deadline."""
    deadline = time.monotonic() + sandbox.TIME_LIMIT

    def tracer(frame, event, arg):
        if time.monotonic() > deadline:
            raise TimeoutError
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return eval(sandbox.compile_expression(source), {**data, **sandbox.GUARDS})  # noqa: S307
    finally:
        sys.settrace(previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    from apps.workflow import sandbox

    rounds = args.rounds
    small = {"decision": "REVISE", "notes": "Perbaiki target kuantitas.", "score": 87}
    large = {**small, "items": [{"name": f"hasil kerja {i}", "target": i} for i in range(2000)]}  # ~70 KB JSON
    cases = [
        ("in process: `decision == \"REVISE\"`", "in process",
         lambda: sandbox.evaluate('decision == "REVISE"', small)),
        ("in process: `decision == \"REVISE\" and len(notes) > 0`", "in process",
         lambda: sandbox.evaluate('decision == "REVISE" and len(notes) > 0', small)),
        ("before: same condition, traced in process", "in process (old)",
         lambda: traced_eval(sandbox, 'decision == "REVISE" and len(notes) > 0', small)),
        ("worker: `score * 2 > 150`", "worker",
         lambda: sandbox.evaluate("score * 2 > 150", small)),
        ("worker: `decision.lower() == \"revise\"`, 2,000 items in data (not read)", "worker",
         lambda: sandbox.evaluate('decision.lower() == "revise"', large)),
        ("worker: `len([i for i in items if i[\"target\"] > 10])`, 2,000 items read", "worker",
         lambda: sandbox.evaluate('len([i for i in items if i["target"] > 10]) > 0', large)),
        ("worker: script `total = score + 1`", "worker",
         lambda: sandbox.execute("total = score + 1", dict(small))),
    ]
    print("| evaluation | path | µs per evaluation |\n|---|---|---:|")
    for name, path, fn in cases:
        print(f"| {name} | {path} | {per_call(fn, rounds):.1f} |", flush=True)

    starts = []
    for _ in range(5):
        sandbox.shutdown()
        start = time.perf_counter()
        sandbox.evaluate("score * 2 > 150", small)  # no idle worker: one starts
        starts.append((time.perf_counter() - start) * 1e6)
    print(f"| worker start (first evaluation of a process, or after a breach) | worker | {statistics.median(starts):.0f} |")
    start = time.perf_counter()
    try:
        sandbox.evaluate("sum(range(2*10**8)) > 0", small)
    except sandbox.SandboxError:
        pass
    print(f"| breach: `sum(range(2*10**8))` stopped, worker killed | worker | {(time.perf_counter() - start) * 1e6:.0f} |")
    sandbox.shutdown()


if __name__ == "__main__":
    main()
