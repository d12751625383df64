"""Web benchmark: the app served by gunicorn and driven by wrk, at 10k and at 1M claims.

    python -m bench.web [--sizes 10000 1000000] [--duration 10] [--workers 4] [--fresh]

For each size: the database factcheck_bench_<size>, filled by generate_desk and kept between runs; a probe
in a child process (Django's test client) that picks random URLs from the data and counts SQL queries and
bytes per response; gunicorn with DEBUG off; wrk at light load and at saturation, endpoint by endpoint; the
workers' peak memory. It writes docs/benchmarks.md, and each endpoint's slowest query plan to
docs/benchmarks/explain-<size>-<endpoint>.txt.
"""

import argparse
import contextlib
import json
import math
import operator
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.cookiejar import CookieJar
from importlib.metadata import version
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LUA = Path(__file__).with_name("requests.lua")
SERVER = "postgres://postgres@127.0.0.1:5432"
# Databases generate_desk filled elsewhere: copied into factcheck_bench_<size> as a template, never changed.
PREBUILT = {1_000_000: "factcheck_gen_1m"}
LOGIN = "/accounts/login/"
URLS = 300  # random URLs per endpoint, one picked per request
DECISIONS = 300  # claims to decide on: each one's first decision wins, the later ones are conflicts
TIMEOUT = 10  # seconds wrk waits for a response
PROBES = 3  # requests per endpoint measured in-process; the worst is reported
HOME_PAGE_SIZE, QUEUE_PAGE_SIZE = 50, 25  # as in factcheck.claims.views
STATUSES = ["confirmed", "disputed", "unverified"]
LOAD_AT_START = os.getloadavg()[0]

# name: (title, what it requests, sent with HX-Request: true)
ENDPOINTS = {
    "baseline": ("Baseline", "GET /bench/baseline/?pk=<claim>: one query by primary key", False),
    "queue": (
        "Queue, full page",
        "GET /queue/?status=unverified, plain or with &source=<named source>&where=chain or &article=<id>",
        False,
    ),
    "queue-htmx": ("Queue, htmx swap", "the queue's URLs with HX-Request: true", True),
    "queue-deep": ("Queue, deep pages", "GET /queue/?status=unverified, paged far in", False),
    "search": ("Queue, text search", "GET /queue/?q=<a word of a claim, or a named source's name>", False),
    "home": ("Home", "GET / and /?page=N for a few N", False),
    "article": ("Article page", "GET /articles/<id>/", False),
    "panel": ("Claim panel", "GET /claims/<id>/ with HX-Request: true", True),
    "export": ("Queue, CSV export", "GET /queue/export.csv?article=<id>: an article's claims", False),
    "source": ("Source page", "GET /sources/<id>/ of a named source: its record and newest claims", False),
    "sources": ("Sources by kind", "GET /sources/: claims by kind and description of source", False),
    "corroboration": ("Corroboration page", "GET /claims/<id>/corroboration/: a claim's linked group", False),
    "dashboard": ("Editors' dashboard", "GET /dashboard/?days=<7, 30 or 90>, logged in as an editor", False),
    "similar": (
        "Similar claims",
        "GET /claims/<id>/corroboration/similar/ with HX-Request: true: what the panel loads as it opens",
        True,
    ),
    "decision": (
        "Decision",
        "POST /claims/<id>/decide/ with HX-Request: true, a random status and the version read at start",
        True,
    ),
    "hop-check": (
        "Hop check",
        "POST /claims/<id>/hops/0/decide/ with HX-Request: true: the outermost hop holds, with a note",
        True,
    ),
}
READS = [
    "queue",
    "queue-htmx",
    "queue-deep",
    "search",
    "home",
    "article",
    "panel",
    "export",
    "source",
    "sources",
    "corroboration",
    "similar",
    "dashboard",
]
EDITORS_ONLY = {"dashboard"}  # measured logged in as the editor (--editor)
QUEUE_PAGES = ["queue", "queue-htmx", "queue-deep", "search"]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, **kwargs)  # noqa: S603, S607 - our own commands, no shell


def log(message: str) -> None:
    print(f"[bench.web {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def label(size: int) -> str:
    """The size as the report names it: 10k, 1M."""
    for unit, suffix in ((1_000_000, "M"), (1000, "k")):
        if size % unit == 0:
            return f"{size // unit}{suffix}"
    return str(size)


# The databases


def claims_in(database: str) -> int | None:
    """How many claims the database holds; None if it doesn't exist or has no claims table."""
    try:
        with psycopg.connect(f"{SERVER}/{database}", connect_timeout=5) as conn:
            if conn.execute("SELECT to_regclass('claims_claim')").fetchone()[0] is None:
                return None
            return conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    except psycopg.OperationalError:
        return None


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def manage(database: str, *args: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{database}",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }
    if run([sys.executable, "manage.py", *args], env=env).returncode:
        sys.exit(f"manage.py {' '.join(args)} failed on {database}: see its output above")


def ensure_database(size: int, fresh: bool, seed: int) -> str:
    """factcheck_bench_<size>, migrated and holding `size` claims: reused, copied or generated anew."""
    name = f"factcheck_bench_{size}"
    if fresh or claims_in(name) != size:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        prebuilt = PREBUILT.get(size)
        if not fresh and prebuilt and claims_in(prebuilt) == size:
            log(f"copying {prebuilt} into {name}")
            try:
                admin(f'CREATE DATABASE "{name}" TEMPLATE "{prebuilt}"')
            except psycopg.errors.ObjectInUse:
                sys.exit(
                    f"{prebuilt} is in use, so it can't be copied: try again when nothing is connected to it"
                )
        else:
            admin(f'CREATE DATABASE "{name}"')
            manage(name, "migrate", "--no-input", "-v0")
            log(f"generating {size:,} claims into {name} (generate_desk --seed {seed})")
            manage(name, "generate_desk", "--claims", str(size), "--seed", str(seed))
    manage(name, "migrate", "--no-input", "-v0")  # the app may have new migrations since it was filled
    # As autovacuum would have by now on a desk's database: fresh statistics and the visibility map, which
    # index-only scans need. Quick when nothing changed since the last run.
    with psycopg.connect(f"{SERVER}/{name}", autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    return name


def app_env(database: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_REPLICA_URL"}  # one database
    return {
        **env,
        "DATABASE_URL": f"{SERVER}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
    }


# The probe, in a child process set up for one size's database: URLs, queries, bytes, query plans


def probe(args: argparse.Namespace) -> None:
    # Django is imported here only: the parent process serves several databases, one child each.
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # DEBUG is off, so "testserver" is not an allowed host
    client.post(LOGIN, {"username": args.user, "password": args.password})
    if "_auth_user_id" not in client.session:
        sys.exit(f"could not log in as {args.user!r} with the password given (--user, --password)")
    keyset = has_keyset(client)
    rng = random.Random(args.seed)  # noqa: S311 - reproducible picks, no secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [rng.random()])  # ORDER BY random() picks the same rows again
    requests = pick_requests(rng, keyset)
    editor = Client(HTTP_HOST="127.0.0.1")
    editor.post(LOGIN, {"username": args.editor, "password": args.password})
    measured = {
        name: measure(editor if name in EDITORS_ONLY else client, lines, ENDPOINTS[name][2])
        for name, lines in requests.items()
    }
    # The same decision again: its version is stale now, so this is the conflict (409) response.
    measured["decision-409"] = measure(client, requests["decision"][:1], hx=True, warm=False)
    for name, found in measured.items():
        found["explain"] = write_plan(connection, args.sizes[0], name, found.pop("slowest"))
    Path(args.probe).write_text(json.dumps({"requests": requests, "measured": measured, "keyset": keyset}))


def has_keyset(client) -> bool:
    """Whether the queue pages by cursor (`after=<article>.<start>.<pk>`): a page after a row starts later."""
    from factcheck.claims.models import Claim

    rows = list(
        Claim.objects.in_queue().order_by("article", "start", "pk").values_list("article", "start", "pk")[:30]
    )
    if len(rows) < 2:
        return False
    article, start, pk = rows[-1]
    page = client.get(f"/queue/?status=unverified&after={article}.{start}.{pk}").content
    first = re.search(rb'id="queue-row-(\d+)"', page)
    return bool(first) and int(first[1]) != rows[0][2]


def deep_page(claim: tuple, page: int, keyset: bool) -> dict:
    """The query for a page of the queue far in: the cursor of a random claim, or a random page number."""
    pk, article, start = claim
    return {"after": f"{article}.{start}.{pk}"} if keyset else {"page": page}


def get(path: str, **query) -> list[str]:
    return ["GET", f"{path}?{urllib.parse.urlencode(query)}" if query else path, ""]


def decision(pk: int, version: int, rng: random.Random) -> list[str]:
    form = {"status": rng.choice(STATUSES), "note": "Checked by the web benchmark NONCE", "version": version}
    return ["POST", f"/claims/{pk}/decide/", urllib.parse.urlencode(form)]


def hop_check(pk: int, version: int) -> list[str]:
    form = {"hop0-verdict": "holds", "hop0-note": "Seen at the source NONCE", "hop0-version": version}
    return ["POST", f"/claims/{pk}/hops/0/decide/", urllib.parse.urlencode(form)]


def a_word(text: str, rng: random.Random) -> str:
    words = re.findall(r"[^\W\d_]{5,}", text)
    return rng.choice(words) if words else text.split()[0]


def pick_requests(rng: random.Random, keyset: bool) -> dict[str, list[list[str]]]:
    """Each endpoint's random requests: method, path and body, from random articles, claims and sources."""
    from factcheck.claims.models import Article, Claim, Source

    claims = list(Claim.objects.current().order_by("?").values_list("pk", "text")[: 3 * URLS])
    waiting = Claim.objects.in_queue().order_by("?").values_list("pk", "article", "start", "version")
    waiting = list(waiting[: URLS + 2 * DECISIONS])
    # Disjoint where there are enough claims; a small desk shares them.
    cursors, decided = waiting[:URLS], waiting[URLS : URLS + DECISIONS] or waiting
    # A hop check needs a chain: not an article's own statement.
    chained = set(
        Claim.objects.filter(pk__in=[c[0] for c in waiting], unattributed=False).values_list("pk", flat=True)
    )
    checked = [c for c in waiting[URLS + DECISIONS :] if c[0] in chained] or [
        c for c in waiting if c[0] in chained
    ]
    articles = list(Article.objects.order_by("?").values_list("pk", flat=True)[:URLS])
    sources = list(Source.objects.named().order_by("?").values_list("pk", "name")[:URLS])
    home_pages = -(-Article.objects.count() // HOME_PAGE_SIZE)
    queue_pages = -(-Claim.objects.in_queue().count() // QUEUE_PAGE_SIZE)
    few_pages = sorted({2, home_pages // 4, home_pages // 2, home_pages} - {0, 1})
    filters = [
        lambda: {},
        lambda: {"source": rng.choice(sources)[0], "where": "chain"},
        lambda: {"article": rng.choice(articles)},
    ]
    queue = [get("/queue/", status="unverified", **filters[i % 3]()) for i in range(URLS)]
    searches = []  # a word of a claim, and a source's name, in turn
    for i, (_, text) in enumerate(claims[2::3]):
        searches.append(sources[i // 2 % len(sources)][1] if i % 2 and sources else a_word(text, rng))
    return {
        "baseline": [get("/bench/baseline/", pk=pk) for pk, _ in claims[0::3]],
        "queue": queue,
        "queue-htmx": queue,
        "queue-deep": [
            get("/queue/", status="unverified", **deep_page(c[:3], rng.randint(1, queue_pages), keyset))
            for c in cursors
        ],
        "search": [get("/queue/", q=q) for q in searches],
        "home": [get("/", **({"page": n} if n else {})) for n in rng.choices([0, *few_pages], k=URLS)],
        "article": [get(f"/articles/{pk}/") for pk in articles],
        "panel": [get(f"/claims/{pk}/") for pk, _ in claims[1::3]],
        "export": [get("/queue/export.csv", article=pk) for pk in articles],
        "decision": [decision(pk, version, rng) for pk, _, _, version in decided],
        "hop-check": [hop_check(pk, version) for pk, _, _, version in checked],
        "source": [get(f"/sources/{pk}/") for pk, _ in sources],
        "sources": [get("/sources/")],
        "corroboration": [get(f"/claims/{pk}/corroboration/") for pk, _ in claims[1::3]],
        "similar": [get(f"/claims/{pk}/corroboration/similar/") for pk, _ in claims[1::3]],
        "dashboard": [get("/dashboard/", days=days) for days in rng.choices([7, 30, 90], k=URLS)],
    }


def is_select(sql: str) -> bool:
    return sql.lstrip("( ").upper().startswith(("SELECT", "WITH"))


def measure(client, lines: list[list[str]], hx: bool, warm: bool = True) -> dict:
    """SQL queries and body bytes of the first PROBES requests, the worst of each, and the slowest SELECT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def send(method: str, path: str, body: str):
        body = body.replace("NONCE", str(time.monotonic_ns()))
        return client.generic(method, path, body, "application/x-www-form-urlencoded", headers=headers)

    headers = {"HX-Request": "true"} if hx else {}
    if warm and len(lines) > PROBES:
        send(*lines[PROBES])  # templates compiled and caches filled, as in a worker that has been serving
    found = {"queries": 0, "bytes": 0, "statuses": [], "slowest": None}
    for method, path, body in lines[:PROBES]:
        with CaptureQueriesContext(connection) as captured:
            response = send(method, path, body)
            # A streamed response (the CSV export) reads its rows as it is sent.
            content = b"".join(response.streaming_content) if response.streaming else response.content
        found["statuses"].append(response.status_code)
        found["queries"] = max(found["queries"], len(captured))
        found["bytes"] = max(found["bytes"], len(content))
        for query in captured.captured_queries:
            slowest = found["slowest"]
            if is_select(query["sql"]) and (slowest is None or float(query["time"]) > float(slowest["time"])):
                found["slowest"] = {
                    **query,
                    "path": path,
                    "selects": sum(is_select(q["sql"]) for q in captured),
                }
    return found


def write_plan(connection, size: int, name: str, query: dict | None) -> str | None:
    """EXPLAIN (ANALYZE, BUFFERS) the query into docs/benchmarks/explain-<size>-<name>.txt: its file name."""
    if query is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    path = DOCS / "benchmarks" / f"explain-{label(size).lower()}-{name}.txt"
    path.parent.mkdir(exist_ok=True)
    ms = float(query["time"]) * 1000
    path.write_text(
        f"{name} at {label(size)} claims: the slowest of the {query['selects']} SELECTs of\n{query['path']}\n"
        f"({ms:.1f} ms when captured; the plan below ran it again, so its cache is warm)\n\n"
        f"{query['sql']}\n\n{plan}\n"
    )
    return path.name


# The server, the login and wrk


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int, log_path: Path):
    """gunicorn with sync workers on a free loopback port, until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "factcheck.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--timeout", "120"]
    command += ["--no-control-socket"]  # its default path is one per user: another gunicorn may hold it
    with log_path.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        server = Server(url, process, log_path)
        wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(server: Server, seconds: float = 60) -> None:
    login_page = server.url + LOGIN
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        still_running(server)
        with contextlib.suppress(OSError), urllib.request.urlopen(login_page, timeout=5) as response:  # noqa: S310
            if response.status == 200:
                return
        time.sleep(0.25)
    sys.exit(
        f"gunicorn did not answer {login_page} within {seconds:.0f} s. Its log:\n{server.log.read_text()}"
    )


def still_running(server: Server) -> None:
    if server.process.poll() is not None:
        status = server.process.returncode
        sys.exit(f"gunicorn exited with status {status}. Its log:\n{server.log.read_text()}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in(url: str, username: str, password: str) -> tuple[str, str]:
    """Log in through the login form, as a browser does: the Cookie header and the CSRF token."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(url + LOGIN).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": ""}
    try:
        opener.open(url + LOGIN, urllib.parse.urlencode(form).encode())
    except urllib.error.HTTPError as redirect:  # a 302 to the home page, once logged in
        if redirect.code != 302:
            raise
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        sys.exit(f"could not log in to {url} as {username!r}: no session cookie (--user, --password)")
    return "; ".join(f"{name}={value}" for name, value in cookies.items()), cookies["csrftoken"]


def run_wrk(
    url: str, lines: Path, login: tuple[str, str], hx: bool, threads: int, connections: int, seconds: int
):
    """One wrk run: requests/s, latency percentiles (ms), bytes per response, statuses and socket errors."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{TIMEOUT}s"]
    command += ["-s", str(LUA)]
    command += [url, "--", str(lines), *login, "hx" if hx else "-"]
    done = run(command, capture_output=True, text=True, check=False)
    found = next((line for line in done.stdout.splitlines() if line.startswith("BENCH ")), None)
    if found is None:
        sys.exit(f"wrk gave no result: {' '.join(command)}\n{done.stdout}{done.stderr}")
    raw = json.loads(found.removeprefix("BENCH "))
    # wrk has no latency for the requests it gave up on: a percentile that reaches them is "over TIMEOUT".
    answered, late = raw["requests"], raw["errors"]["timeout"]
    latency = {}
    for p in (50, 95, 99):
        known = answered and late / (answered + late) <= 1 - p / 100
        latency[f"p{p}"] = raw[f"p{p}_us"] / 1000 if known else math.inf
    return {
        "rps": raw["rps"],
        **latency,
        "bytes": raw["bytes_per_request"],
        "statuses": {int(status): n for status, n in raw["statuses"].items()},
        "errors": {kind: n for kind, n in raw["errors"].items() if n},
    }


def cpu_seconds(master: int, database: str) -> tuple[float, float]:
    """CPU time used so far by the whole machine, and by this benchmark: this process and the children it
    waited for (wrk, the probe), gunicorn's master and workers, and the PostgreSQL backends of `database`."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split()[1:9]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    ours = 0
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError):
            stat = proc_stat(proc)
            pid, ppid, times = int(proc.name), int(stat[1]), [int(n) for n in stat[11:15]]  # with children's
            if pid == os.getpid():
                ours += sum(times)  # with the children's
            elif master in (pid, ppid) or f" {database} ".encode() in (proc / "cmdline").read_bytes():
                ours += times[0] + times[1]
    tick = os.sysconf("SC_CLK_TCK")
    return busy / tick, ours / tick


def proc_stat(proc: Path) -> list[str]:
    """The fields of /proc/<pid>/stat after the command's name: 1 is the parent's pid, 11 and 12 CPU time."""
    return (proc / "stat").read_text().rsplit(")", 1)[1].split()


def workers(master: int) -> list[Path]:
    """The /proc entries of the master's children: the workers."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError):
            if int(proc_stat(proc)[1]) == master:
                found.append(proc)
    return found


def peak_memory_mb(master: int) -> float:
    """The largest peak resident set size (VmHWM) of the workers, in MB."""
    peaks = []
    for proc in workers(master):
        with contextlib.suppress(OSError, StopIteration):
            line = next(
                line for line in (proc / "status").read_text().splitlines() if line.startswith("VmHWM")
            )
            peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


ACTIVE = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
)


def wait_until_idle(master: int, database: str, seconds: float = 300) -> None:
    """Wait until the workers finish what the last run left: wrk stops waiting at its end, they don't."""
    started, ticks = time.monotonic(), None
    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as conn:
        while time.monotonic() - started < seconds:
            before, ticks = ticks, 0
            for proc in workers(master):
                with contextlib.suppress(OSError):
                    ticks += sum(int(n) for n in proc_stat(proc)[11:13])
            # Idle: no query running, and the workers used at most 2 ticks of CPU in the last half second.
            if before is not None and ticks - before <= 2 and not conn.execute(ACTIVE).fetchone()[0]:
                if (waited := time.monotonic() - started) > 2:
                    log(f"waited {waited:.0f} s for the workers to finish the last run's requests")
                return
            time.sleep(0.5)
    log(f"the workers were still busy after {seconds:.0f} s: measuring anyway")


def server_errors(log_path: Path) -> Counter:
    """The exceptions in the gunicorn log, by their last line, and the 5xx Django logged."""
    found, in_traceback = Counter(), False
    for line in log_path.read_text(errors="replace").splitlines():
        if line.startswith("Internal Server Error:"):
            found[re.sub(r"\d+", "N", line.partition("?")[0])] += 1
        elif "[ERROR]" in line or "[CRITICAL]" in line:
            found[line.split("] ", 3)[-1]] += 1
        elif line.startswith("Traceback (most recent call last)"):
            in_traceback = True
        elif in_traceback and line and not line.startswith((" ", "During handling", "The above exception")):
            found[line] += 1  # the exception's last line
            in_traceback = False
    return found


def bench_size(size: int, args: argparse.Namespace, logs: Path) -> dict:
    """Everything measured at one size: the probe's findings, wrk's runs, memory, CPU and server errors."""
    database = ensure_database(size, args.fresh, args.seed)
    env = app_env(database)
    probed = logs / f"probe-{size}.json"
    log(f"{label(size)}: probing in-process (URLs, SQL queries, bytes, query plans)")
    child = [sys.executable, "-m", "bench.web", "--probe", str(probed), "--sizes", str(size)]
    child += ["--seed", str(args.seed), "--user", args.user, "--editor", args.editor]
    child += ["--password", args.password]
    if run(child, env=env).returncode:
        sys.exit(f"the in-process probe failed on {database}: see its output above")
    result = json.loads(probed.read_text()) | {
        "database": database,
        "log": str(logs / f"gunicorn-{size}.log"),
    }
    with serve(env, args.workers, Path(result["log"])) as server:
        log(f"{label(size)}: gunicorn at {server.url} with {args.workers} workers")
        result |= drive(server, size, database, result["requests"], args, logs)
    result["errors"] = server_errors(Path(result["log"]))
    return result


def drive(server: Server, size: int, database: str, requests: dict, args, logs: Path) -> dict:
    """wrk at light load and at saturation, endpoint by endpoint, after a warm-up; then the workers' peak."""
    login = log_in(server.url, args.user, args.password)
    editor = log_in(server.url, args.editor, args.password)
    files = {}
    warm = [r for n in ["baseline", *READS] if n not in EDITORS_ONLY for r in requests[n]]
    for name, lines in [*requests.items(), ("reads", warm)]:
        if not lines:
            sys.exit(f"{database} has too little data to make URLs for {name}")
        files[name] = logs / f"{size}-{name}.tsv"
        files[name].write_text("".join("\t".join(line).rstrip("\t") + "\n" for line in lines))
    master = server.process.pid
    started, cpu_before = time.monotonic(), cpu_seconds(master, database)
    # A warm-up: a worker's first requests are slower (imports, templates, the connection pool).
    run_wrk(server.url, files["reads"], login, False, 2, args.connections, 3)
    loads = {"light": (1, 2), "saturation": (2, args.connections)}
    runs = {}
    for name, (title, _, hx) in ENDPOINTS.items():
        log(f"{label(size)}: {title}")
        runs[name] = {}
        for load, (threads, connections) in loads.items():
            still_running(server)
            wait_until_idle(master, database)
            runs[name][load] = run_wrk(
                server.url,
                files[name],
                editor if name in EDITORS_ONLY else login,
                hx,
                threads,
                connections,
                args.duration,
            )
    busy, ours = cpu_seconds(master, database)
    others = max((busy - cpu_before[0]) - (ours - cpu_before[1]), 0)
    return {
        "wrk": runs,
        "memory_mb": peak_memory_mb(master),
        "others_cpu": others / ((time.monotonic() - started) * os.cpu_count()),
    }


# The report


def machine(args: argparse.Namespace) -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2
    with psycopg.connect(f"{SERVER}/postgres") as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    wrk = run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    commit = run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    # The run's own output (docs/) is written by now: only changes elsewhere make the code differ.
    dirty = run(["git", "diff", "--quiet", "HEAD", "--", ".", ":!docs"], capture_output=True).returncode != 0
    system = f"{platform.system()} {platform.release()}"
    command = " ".join(["python -m bench.web", *sys.argv[1:]])
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {system}; load average when the "
        f"run started {LOAD_AT_START:.1f} (other work competes with the server and wrk for the cores)",
        f"- Software: Python {platform.python_version()}, Django {version('django')}, PostgreSQL {postgres}, "
        f"gunicorn {version('gunicorn')} with {args.workers} sync workers, {wrk}",
        f"- Code: commit {commit}{' with uncommitted changes' if dirty else ''}",
        f"- Command: `{command}` (from the project's root, in its venv)",
    ]


def caution(results: dict[int, dict]) -> list[str]:
    busiest = max(result["others_cpu"] for result in results.values())
    if busiest < 0.1:
        return []
    return [
        f"- **Caution:** other processes used up to {busiest:.0%} of the machine's CPU during the runs, so "
        "the server and wrk had less of it: throughput is lower and latency higher than on an idle machine."
    ]


def shown(value: float, unit: str) -> str:
    if math.isinf(value):  # a percentile wrk timed out on
        return f"> {TIMEOUT} s" if unit in ("", " ms") else "∞ (timeouts)"
    return f"{value:,.{2 if unit == '×' else 1}f}{unit}"


def ms3(run: dict) -> str:
    return " / ".join(shown(run[p], "") for p in ("p50", "p95", "p99"))


def responses(run: dict) -> str:
    ok = sum(n for status, n in run["statuses"].items() if 200 <= status < 300)
    other = [f"{status}: {n:,}" for status, n in sorted(run["statuses"].items()) if not 200 <= status < 300]
    errors = [f"socket {kind} errors: {n:,}" for kind, n in run["errors"].items()]
    return " · ".join([f"2xx: {ok:,}", *other, *errors])


def endpoint_rows(name: str, result: dict) -> list[tuple[str, str]]:
    """The rows of the endpoint's table, for one size."""
    wrk, found = result["wrk"][name], result["measured"][name]
    baseline = result["wrk"]["baseline"]["saturation"]["rps"]
    rows = [
        ("requests/s, light", f"{wrk['light']['rps']:,.0f}"),
        ("requests/s, saturation", f"{wrk['saturation']['rps']:,.0f}"),
        ("latency p50 / p95 / p99, light (ms)", ms3(wrk["light"])),
        ("latency p50 / p95 / p99, saturation (ms)", ms3(wrk["saturation"])),
        ("saturation requests/s ÷ baseline's", f"{wrk['saturation']['rps'] / baseline:.2f}×"),
        ("SQL queries per request", f"{found['queries']}"),
        (
            "bytes per response: body, largest probed; mean with headers (wrk)",
            f"{found['bytes']:,}; {wrk['light']['bytes']:,.0f}",
        ),
        ("responses, light", responses(wrk["light"])),
        ("responses, saturation", responses(wrk["saturation"])),
    ]
    if name == "decision":
        conflict = result["measured"]["decision-409"]
        rows.insert(
            6, ("a conflict (409): queries; body bytes", f"{conflict['queries']}; {conflict['bytes']:,}")
        )
    if bad := [s for s in found["statuses"] if not 200 <= s < 300]:
        rows.append(("in-process probe statuses not 2xx", ", ".join(map(str, bad))))
    if found["explain"]:
        rows.append(("slowest query's plan", f"[{found['explain']}](benchmarks/{found['explain']})"))
    return rows


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def p95(result: dict, name: str) -> float:
    return result["wrk"][name]["light"]["p95"]


def ratio(result: dict, name: str) -> float:
    return result["wrk"][name]["saturation"]["rps"] / result["wrk"]["baseline"]["saturation"]["rps"]


def targets(results: dict[int, dict]) -> list[list[str]]:
    """A row per target: what it asks, then at 10k and at 1M the figure, and PASS or MISS where it applies."""

    def title(name: str) -> str:
        return ENDPOINTS[name][0]

    def body_kb(result: dict, name: str) -> float:
        return result["measured"][name]["bytes"] / 1024

    def decision_kb(result: dict) -> float:
        return max(body_kb(result, "decision"), body_kb(result, "decision-409"))

    def grown(result: dict, name: str) -> float:
        if 10_000 not in results or result is results[10_000]:
            return math.nan
        return p95(result, name) / p95(results[10_000], name)

    lt, le, ge = operator.lt, operator.le, operator.ge
    # (target, the figure from one size's results, its unit, the test, the limit, whether only at 1M)
    checks = [
        *((f"{title(n)}: p95 < 50 ms at 1M", partial(p95, name=n), " ms", lt, 50, True) for n in READS),
        ("Decision: p95 < 30 ms at 1M", partial(p95, name="decision"), " ms", lt, 30, True),
        ("Decision: saturation ≥ 0.5× baseline's", partial(ratio, name="decision"), "×", ge, 0.5, False),
        ("Hop check: p95 < 30 ms at 1M", partial(p95, name="hop-check"), " ms", lt, 30, True),
        *(
            (f"{title(n)}: saturation ≥ 0.25× baseline's", partial(ratio, name=n), "×", ge, 0.25, False)
            for n in READS
        ),
        *(
            (f"{title(n)}: p95 at 1M ≤ 1.5× p95 at 10k", partial(grown, name=n), "×", le, 1.5, True)
            for n in ENDPOINTS
        ),
        ("Decision: htmx response < 4 KB, 200 or 409", decision_kb, " KB", lt, 4, False),
        *(
            (f"{title(n)}: response < 30 KB", partial(body_kb, name=n), " KB", lt, 30, False)
            for n in QUEUE_PAGES
        ),
        ("Peak memory per worker < 150 MB", lambda r: r["memory_mb"], " MB", lt, 150, False),
    ]
    rows = []
    for target, figure, unit, test, limit, only_at_1m in checks:
        cells = []
        for size in (10_000, 1_000_000):
            value = figure(results[size]) if size in results else math.nan
            if math.isnan(value):
                cells.append("" if size in results and only_at_1m else "not measured")
            elif only_at_1m and size != 1_000_000:
                cells.append(shown(value, unit))  # for comparison only
            else:
                cells.append(f"{shown(value, unit)} {'PASS' if test(value, limit) else 'MISS'}")
        rows.append([target, *cells])
    return rows


METHOD = """\
Per size, a PostgreSQL database filled by `manage.py generate_desk --claims N --seed {args.seed}` is served
by gunicorn ({args.workers} sync workers, DEBUG off, settings `bench.settings`: the app's and a baseline view
doing one query by primary key behind the same middleware). wrk runs on the same machine, over loopback,
logged in as a reviewer through the login form (as an editor for the dashboard). Each endpoint is
measured on its own, {args.duration} s at light load (1 thread, 2 connections) and {args.duration} s at
saturation (2 threads, {args.connections} connections); every request is a random one of {URLS} URLs made
from random articles, claims and named sources. Decisions go to {DECISIONS} claims waiting in the queue,
each sent with the version read at the start, so the first decision on a claim wins and later ones are
conflicts (409). Deep queue pages use {paging}. Latency is wrk's, from sending a request to its response
(not corrected for coordinated omission). SQL queries and body bytes come from Django's test client
in-process, as the same reviewer (or editor) with DEBUG off: the worst of {PROBES} requests per endpoint,
after one to warm up. The slowest SELECT of those requests is run again under EXPLAIN (ANALYZE, BUFFERS)
into docs/benchmarks/. Peak memory is the largest VmHWM of the gunicorn workers after all the runs at that
size."""


def report(results: dict[int, dict], args: argparse.Namespace) -> str:
    sizes = list(results)
    any_result = next(iter(results.values()))
    paging = "keyset cursor `after=<article>.<start>.<pk>`" if any_result["keyset"] else "`page=N`"
    lines = [
        "# Web benchmarks",
        "",
        "Written by `python -m bench.web` (bench/web.py); run it again rather than editing this file. The "
        "extractor's benchmark is [benchmark.md](benchmark.md).",
        "",
        *machine(args),
        *caution(results),
        "",
        "## How it is measured",
        "",
        METHOD.format(args=args, paging=paging, URLS=URLS, DECISIONS=DECISIONS, PROBES=PROBES),
        "",
    ]
    for name, (title, what, _) in ENDPOINTS.items():
        lines += [f"## {title}", "", what, ""]
        per_size = [dict(endpoint_rows(name, results[size])) for size in sizes]
        keys = list(dict.fromkeys(key for rows in per_size for key in rows))
        lines += table(
            ["", *map(label, sizes)], [[key, *(rows.get(key, "") for rows in per_size)] for key in keys]
        )
    lines += ["## Memory and errors", ""]
    for size in sizes:
        result = results[size]
        errors = "; ".join(f"{n} × {line}" for line, n in result["errors"].most_common(8)) or "none"
        lines.append(
            f"- {label(size)}: peak memory per worker {result['memory_mb']:.0f} MB; server errors: {errors}; "
            f"other processes used {result['others_cpu']:.0%} of the machine's CPU during the runs"
        )
    lines += ["", "## Targets", "", "p95 is at light load. KB are 1024 bytes.", ""]
    rows = targets(results)
    lines += table(["Target", "10k", "1M"], rows)
    verdicts = [cell for row in rows for cell in row[1:]]
    passed, missed = sum(c.endswith("PASS") for c in verdicts), sum(c.endswith("MISS") for c in verdicts)
    lines += [f"{passed} checks PASS, {missed} MISS.", ""]
    return "\n".join(lines)


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        log("wrk is missing: installing it with apt-get install -y wrk")
        run(["apt-get", "install", "-y", "wrk"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 1_000_000], help="claims per database"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections at saturation")
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the databases even if they hold the claims"
    )
    parser.add_argument("--seed", type=int, default=1, help="for generate_desk and the random URLs")
    parser.add_argument("--user", default="bench-reviewer-1", help="the reviewer wrk logs in as")
    parser.add_argument("--editor", default="bench-editor", help="the editor it logs in as for the dashboard")
    parser.add_argument("--password", default="bench-password-not-secret")
    parser.add_argument("--probe", help=argparse.SUPPRESS)  # the child process measuring in-process
    args = parser.parse_args()
    if args.probe:
        return probe(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops gunicorn then too
    ensure_wrk()
    logs = Path(tempfile.mkdtemp(prefix="bench-web-"))
    log(f"logs and URL lists in {logs}")
    try:
        results = {size: bench_size(size, args, logs) for size in args.sizes}
    except KeyboardInterrupt:
        sys.exit("interrupted: gunicorn was stopped, and docs/benchmarks.md left as it was")
    (logs / "results.json").write_text(json.dumps(results, indent=1))
    text = report(results, args)
    (DOCS / "benchmarks.md").write_text(text)
    print(text)
    log(f"wrote docs/benchmarks.md; gunicorn logs in {logs}")


if __name__ == "__main__":
    main()
