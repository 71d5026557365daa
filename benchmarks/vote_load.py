"""300 phones on loopback join and vote within 10 s, each changing its vote once.

The app runs here (offscreen) with phone voting on a ladder step; the phones
run in a second process, so their work does not weigh on the app's event
loop. Prints: votes lost and doubled (goal 0 and 0), p50/p99 round trip of a
vote (goal p99 <= 50 ms), and the longest stall of the app's event loop while
the votes arrive (goal <= 50 ms), measured by a 5 ms heartbeat timer.

    python benchmarks/vote_load.py [--phones 300] [--seconds 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def phone(
    host: str, port: int, token: str, origin: str, round_id: str, start_at: float, seed: int
) -> dict:
    """One participant: open the page, vote, change the vote. Returns timings and choices."""
    rng = random.Random(seed)
    time.sleep(max(0.0, start_at - time.time()))

    def request(method: str, path: str, cookie: str = "", body: bytes | None = None):  # type: ignore[no-untyped-def]
        connection = http.client.HTTPConnection(host, port, timeout=20)
        headers = {"X-Coprod-Vote": "1", "Origin": origin}
        if cookie:
            headers["Cookie"] = cookie
        if body is not None:
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, response.getheader("Set-Cookie") or "", data

    _, cookie, _ = request("GET", f"/v/{token}/")
    cookie = cookie.split(";")[0]
    times, final = [], None
    for n, choice in enumerate(rng.sample(range(1, 8), 2)):
        body = json.dumps({"round": round_id, "choice": choice, "request": f"{seed}-{n}"}).encode()
        for _attempt in range(10):  # a phone retries a busy answer with the same request id
            started = time.perf_counter()
            status, _, data = request("POST", f"/v/{token}/api/vote", cookie, body)
            times.append(time.perf_counter() - started)
            if status == 200:
                final = json.loads(data)["yourChoice"]
                break
            time.sleep(0.2)
        time.sleep(rng.uniform(0.2, 1.5))
    return {"times": times, "final": final}


def phones_process(args: tuple, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    host, port, token, origin, round_id, count, seconds = args
    begin = time.time() + 0.5
    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = [
            pool.submit(phone, host, port, token, origin, round_id, begin + seconds * n / count, n)
            for n in range(count)
        ]
        queue.put([f.result() for f in futures])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=8.0)
    options = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer

    from coprod_workshop.app import build, make_application
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.exercises.ladder.commands import OpenRound
    from coprod_workshop.exercises.ladder.phone import LOOPBACK, PhoneVoting

    app = make_application(sys.argv[:1])
    windows = build(Path(tempfile.mkdtemp(prefix="coprod-load-")))
    state = REGISTRY.get("ladder").new_state()
    session = Session("Load test", [Step("ladder", "Ladder", 15, state)])
    windows.workshop.store.save(session)
    windows.workshop.open(session)
    windows.console.show()
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    step = session.steps[0]
    vote_round = step.state.rounds[0]
    windows.workshop.run(OpenRound(step.id, vote_round.id))
    phone_voting = PhoneVoting.of(windows.workshop)
    problem = phone_voting.start(session, step.id, windows.workshop.run, LOOPBACK)
    assert not problem, problem
    server = phone_voting.server
    assert server is not None

    spawn = multiprocessing.get_context("spawn")
    queue = spawn.Queue()
    args = (
        server.host,
        server.port,
        server.token,
        server.origin,
        vote_round.id,
        options.phones,
        options.seconds,
    )
    worker = spawn.Process(target=phones_process, args=(args, queue))
    results: list[dict] = []
    collector = threading.Thread(target=lambda: results.extend(queue.get()), daemon=True)

    clock = QElapsedTimer()
    stalls: list[int] = []
    last = [0]

    def beat() -> None:
        now = clock.elapsed()
        stalls.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    started = time.perf_counter()
    worker.start()
    collector.start()
    clock.start()
    heartbeat.start()
    while collector.is_alive() or windows.workshop.session is None:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - started > options.seconds + 60:
            break
    for _ in range(50):  # let the last queued votes apply
        app.processEvents()
        time.sleep(0.005)
    heartbeat.stop()
    worker.join(timeout=10)
    elapsed = time.perf_counter() - started

    votes = vote_round.votes
    finals = [r["final"] for r in results]
    lost = sum(1 for r in results if r["final"] is None) + max(0, options.phones - len(votes))
    doubled = max(0, len(votes) - options.phones)
    mismatched = sum(1 for f in finals if f is not None) - sum(
        accounted(vote_round.tally(), finals)
    )
    times = sorted(t * 1000 for r in results for t in r["times"])
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    phone_votes = vote_round.count_by_source()["phone"]
    report = [
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores",
        f"{options.phones} phones over {options.seconds:.0f} s, each voting, then changing it",
        f"finished in {elapsed:.1f} s; votes in the round: {len(votes)} (phones: {phone_votes})",
        f"lost: {lost}, doubled: {doubled}, tally unlike the phones' final votes: {mismatched}",
        f"round trip of a vote: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms"
        " (goal p99 <= 50 ms)",
        f"longest event-loop stall: {max(stalls) - 5} ms beyond the 5 ms beat (goal <= 50 ms)",
        f"  the five longest beats: {sorted(stalls)[-5:]} ms",
    ]
    print("\n".join(report))
    windows.console.close()
    app.quit()


def accounted(tally: tuple[int, ...], finals: list[int | None]) -> list[int]:
    """How many final votes the tally accounts for, rung by rung."""
    wanted = [0] * len(tally)
    for final in finals:
        if final is not None:
            wanted[final - 1] += 1
    return [min(a, b) for a, b in zip(tally, wanted, strict=True)]


if __name__ == "__main__":
    main()
