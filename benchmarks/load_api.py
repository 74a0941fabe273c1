"""API load benchmark (not a test): 32 concurrent clients on loopback against
`newsledger serve` over a ledger of >= 100k synthetic events.

    python benchmarks/load_api.py [--events 100000] [--clients 32] [--seconds 15] [--workers 1]
    python benchmarks/load_api.py --single 2000     # one client: latency and server CPU per request

Builds the synthetic ledger once (cached under --db), starts the server as a
separate process, then runs each scenario for a bounded time with --clients
concurrent keep-alive clients (threads in this process) and prints p50 /
p99 latency and the error count per scenario, as a Markdown table.

Synthetic events are written through the Ledger write API (so triggers,
indexes and JSON records are the real ones): stories of 100 events, two
articles per story, one claim per event, ids, dates, countries, types,
modalities and source counts drawn from fixed pseudo-random choices.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from newsledger.records import Article, Claim, Entity, Event, Evidence, MentionRef, SourceInfo, Story
from newsledger.store import Ledger

TYPES = [
    "ARREST",
    "PROTEST",
    "STRIKE",
    "DEATH",
    "INJURY",
    "RELEASE",
    "CALL_TO_PROTEST",
    "SANCTIONS",
    "TORTURE",
    "STATEMENT",
    "ATTACK",
    "DENIAL",
]
COUNTRIES = ["BY", "RU", "UA", "PL", "LT", "FR", "US", "BR", "IN", "NG", "KE", "IR", "MM", "HK", "CL", "CO"]
MODALITIES = ["occurred"] * 6 + ["called_for", "planned", "threatened", "denied"]
ORIGINATORS = ["AFP", "Reuters", "AP", "Financial Times", "BBC", "Al Jazeera", "The Guardian", "DPA"]
EVENTS_PER_STORY = 100
N_ACTORS = 500
TEXT = "Police detained 40 protesters in the capital on Monday, witnesses said. " * 4


def build(db: Path, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Ledger(db) as ledger:
        if ledger.count("events") >= n_events:
            return
        actors = [Entity(f"ent{i}", f"Actor {i}", "ORG", aliases=(f"A{i}",)) for i in range(N_ACTORS)]
        ledger.upsert_entities(actors)
        for s in range(n_events // EVENTS_PER_STORY):
            sid = f"story{s:05d}"
            origs = rng.sample(ORIGINATORS, 2)
            arts = [
                Article(
                    id=f"{sid}-a{k}",
                    source=f"{sid}-{k}.txt",
                    text=f"{TEXT} Story {s} part {k}.",
                    title=f"Story {s} report {k}",
                    published="2020-01-01",
                    published_how="stated",
                    content_hash=f"h{sid}{k}",
                    sources=SourceInfo(o, "wire"),
                )
                for k, o in enumerate(origs)
            ]
            for a in arts:
                ledger.add_article(a)
            base = rng.randrange(0, 5 * 365)
            events, claims = [], []
            for e in range(EVENTS_PER_STORY):
                eid = f"{sid}-e{e:03d}"
                day = base + rng.randrange(0, 30)
                start = time.strftime("%Y-%m-%d", time.gmtime(1577836800 + day * 86400))
                n_src = rng.choice([1, 1, 1, 2, 2, 3])
                events.append(
                    Event(
                        id=eid,
                        story_id=sid,
                        event_type=rng.choice(TYPES),
                        modality=rng.choice(MODALITIES),
                        mentions=(MentionRef(arts[0].id, 6, 14),),
                        date_start=start,
                        date_end=start,
                        place_name=f"Town {rng.randrange(2000)}",
                        country_code=rng.choice(COUNTRIES),
                        latitude=rng.uniform(-50, 60),
                        longitude=rng.uniform(-120, 140),
                        actors=(f"ent{rng.randrange(N_ACTORS)}",),
                        article_count=n_src,
                        independent_source_count=n_src,
                        originators=tuple(origs[:n_src]),
                    )
                )
                claims.append(
                    Claim(
                        f"{eid}-c",
                        eid,
                        "arrested",
                        "count",
                        "40",
                        Evidence(arts[0].id, 16, 18, 0, "bench@1"),
                        low=40,
                        high=40,
                        hedge="exact",
                        originator=origs[0],
                    )
                )
            story = Story(sid, tuple(a.id for a in arts), f"Story {s}", None, None, tuple(origs))
            ledger.write_links({}, [story], {a.id: (sid, None) for a in arts})
            ledger.replace_story_ledger(sid, events, claims, [])
            if s % 100 == 0:
                print(f"  built {len(events) * (s + 1)} events", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scenarios(n_stories: int):  # type: ignore[no-untyped-def]
    def list_(rng: random.Random) -> str:
        return f"/api/v1/events?limit=50&offset={rng.randrange(0, 1000, 50)}"

    def filter_(rng: random.Random) -> str:
        options = [
            f"type={rng.choice(TYPES)}",
            f"country={rng.choice(COUNTRIES)}",
            f"min_sources={rng.choice([2, 3])}",
            f"modality={rng.choice(MODALITIES)}",
            f"actor=ent{rng.randrange(N_ACTORS)}",
            f"date_from=2021-0{rng.randrange(1, 10)}-01&date_to=2021-0{rng.randrange(1, 10)}-28",
        ]
        return "/api/v1/events?limit=50&" + "&".join(rng.sample(options, rng.choice([1, 2])))

    def detail(rng: random.Random) -> str:
        return f"/api/v1/events/story{rng.randrange(n_stories):05d}-e{rng.randrange(EVENTS_PER_STORY):03d}"

    return {"list": list_, "filter": filter_, "detail": detail}


def run_scenario(
    host: str, port: int, make_path, clients: int, seconds: float
) -> tuple[list[float], int, int]:  # type: ignore[no-untyped-def]
    """``clients`` threads, each with one keep-alive connection (http.client: the
    lightest client in the standard library, so the load generator itself takes
    as little of the shared CPU as possible), all started before the clock runs."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop = threading.Event()

    def client(i: int) -> None:
        nonlocal errors
        rng = random.Random(i)
        conn = http.client.HTTPConnection(host, port, timeout=10)
        mine: list[float] = []
        bad = 0
        start.wait()
        while not stop.is_set():
            path = make_path(rng)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
            mine.append(time.perf_counter() - t0)
            bad += not ok
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return latencies, errors, len(latencies)


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (Linux /proc): the server's own work, which
    the shared machine's load does not inflate the way it inflates wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_single(host: str, port: int, make_path, n: int, pid: int) -> list[tuple[list[float], int, float]]:  # type: ignore[no-untyped-def]
    """``n`` requests one after another on one keep-alive connection (the same
    pseudo-random paths every run), twice: a first pass (cold: totals not yet
    cached) and the same paths again (warm). Per pass: wall latencies, errors,
    and the server's CPU milliseconds per request."""
    rng = random.Random(0)
    paths = [make_path(rng) for _ in range(n)]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    passes = []
    for _ in range(2):
        latencies: list[float] = []
        errors = 0
        cpu0 = server_cpu_seconds(pid)
        for path in paths:
            t0 = time.perf_counter()
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            latencies.append(time.perf_counter() - t0)
            errors += r.status != 200
        passes.append((latencies, errors, (server_cpu_seconds(pid) - cpu0) * 1000 / n))
    conn.close()
    return passes


def pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000
        if len(values) > 1
        else float("nan")
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "newsledger-load.db")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--single", type=int, default=0, metavar="N", help="instead of the load: N requests per scenario, one client"
    )
    args = ap.parse_args()

    t0 = time.perf_counter()
    build(args.db, args.events)
    print(f"ledger ready ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsledger.cli",
            "serve",
            "--db",
            str(args.db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                total = httpx.get(url + "/api/v1/stats", timeout=2).json()["counts"]["events"]
                break
            except httpx.HTTPError:
                time.sleep(0.25)
        else:
            raise SystemExit("server did not start")
        if args.single:
            print("| scenario | pass | requests | mean ms | p50 ms | p99 ms | max ms | server CPU ms/req | errors |")
            print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
            for name, make_path in scenarios(total // EVENTS_PER_STORY).items():
                passes = run_single("127.0.0.1", port, make_path, args.single, server.pid)
                for label, (lat, errors, cpu) in zip(("first", "again"), passes):
                    print(
                        f"| {name} | {label} | {len(lat)} | {statistics.mean(lat) * 1000:.2f} | {pct(lat, 50):.2f}"
                        f" | {pct(lat, 99):.2f} | {max(lat) * 1000:.1f} | {cpu:.2f} | {errors} |",
                        flush=True,
                    )
            return
        print("| scenario | requests | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|")
        for name, make_path in scenarios(total // EVENTS_PER_STORY).items():
            run_scenario("127.0.0.1", port, make_path, args.clients, 2)  # warm-up: caches, connections
            lat, errors, n = run_scenario("127.0.0.1", port, make_path, args.clients, args.seconds)
            print(
                f"| {name} | {n} | {n / args.seconds:.0f} | {pct(lat, 50):.1f} | {pct(lat, 99):.1f}"
                f" | {errors} |",
                flush=True,
            )
        print(
            f"\n{total} events, {args.clients} clients, {args.seconds:.0f} s per scenario, "
            f"{args.workers} server worker(s)",
            file=sys.stderr,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
