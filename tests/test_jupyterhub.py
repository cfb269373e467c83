"""A class on a JupyterHub: two learners pull the course with an nbgitpuller link and run it.

Starts a real JupyterHub (from PyPI) behind its real proxy (configurable-http-proxy from
npm, which `make install` puts into ``.venv/node/``), with everything bound to 127.0.0.1:
the hub, the proxy's API and public ports, and each learner's single-user server. Two
learners, ada and grace, log in through the hub's login form and follow the nbgitpuller
link that instructors.md gives, pointed at a local git repository made from this checkout
(the "upstream"). The test checks that:

- the course lands in both homes and the link opens notebook 01 in JupyterLab;
- notebook 01's first code cells run in a kernel of ada's server (REST API and kernel
  websocket, as JupyterLab does), without errors and without the notebook's `%pip` install
  (the course is installed in the hub's environment), reading the course data through
  ``COURSE_DATA_DIR``;
- ada's edit to a notebook survives a second click on the link, which brings in a new
  upstream commit;
- no process listens outside the loopback, and nothing the test started is left running.

It also measures the single-user server's peak memory (printed; see
``SINGLEUSER_SERVER_MB`` in ``benchmarks/figures.py``, which sizes a class in
instructors.md). Skipped when configurable-http-proxy is not installed, unless
``COURSE_REQUIRE_HUB`` is set (CI sets it: there a missing part fails the test).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlencode, urljoin, urlsplit

import psutil
import pytest
import requests
import websocket

from p2p.paths import REPOSITORY
from p2p.preflight import FAIL, OK, SYMBOLS

from tests.support import REPO, SHARED_CIFAR

sys.path.insert(0, str(REPO / "benchmarks"))

import figures  # noqa: E402  (benchmarks/figures.py)

BIN = Path(sys.executable).parent
PROXY = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
USERS = ("ada", "grace")
PASSWORD = "a-shared-class-password"  # SharedPasswordAuthenticator wants 8 characters or more
UPSTREAM = REPOSITORY  # what the link in instructors.md pulls
TARGET = "pixels-to-predictions"  # the folder in each learner's home that the link fills
NOTEBOOK = "notebooks/01_neurons.ipynb"
CODE_CELLS = 3  # notebook 01's first code cells: setup (with its %pip guard), the checks, imports
# Read at import: the autouse fixture `isolated` removes COURSE_DATA_DIR from each test's env.
DATA_DIR = os.environ.get("COURSE_DATA_DIR") or (
    str(SHARED_CIFAR.parent) if (SHARED_CIFAR / "train").is_dir() else None
)
PIP_TEXT = ("Successfully installed", "Requirement already satisfied", "restart the kernel")


def pull_link(hub: str, repo: str = UPSTREAM) -> str:
    """The nbgitpuller link that opens notebook 01, as instructors.md gives it."""
    query = {
        "repo": repo,
        "branch": "main",
        "targetPath": TARGET,
        "urlpath": f"lab/tree/{TARGET}/{NOTEBOOK}",
    }
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(query)}"


def test_instructors_md_gives_the_link_this_test_follows():
    text = (REPO / "instructors.md").read_text()
    assert pull_link("https://<your-hub>") in text


# --- the hub ---------------------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def peak_mb(process: psutil.Process) -> int:
    """Peak resident memory (Linux VmHWM) in MB, as benchmarks/run.py measures a kernel.

    Where there is no /proc (macOS), the current resident memory instead.
    """
    status = Path(f"/proc/{process.pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(process.memory_info().rss / 1024**2)


class Hub:
    """A JupyterHub on 127.0.0.1 with a local spawner, in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.homes = root / "home"
        public, hub, api = free_ports(3)
        self.ports = {"public": public, "hub": hub, "api": api}
        self.url = f"http://127.0.0.1:{public}"
        self.log = root / "jupyterhub.log"
        self.process: subprocess.Popen | None = None
        self.seen: dict[int, psutil.Process] = {}  # every process of the hub's tree we saw

    def config(self) -> str:
        environment = {
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
            "LANG": "C.UTF-8",
            "COURSE_PROFILE": "smoke",
            "COURSE_OFFLINE": "1",  # this machine has no network: fail fast, never wait
        }
        if DATA_DIR:
            environment["COURSE_DATA_DIR"] = DATA_DIR
        settings = {
            "JupyterHub.bind_url": self.url,
            "JupyterHub.hub_bind_url": f"http://127.0.0.1:{self.ports['hub']}",
            "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{self.ports['api']}",
            "ConfigurableHTTPProxy.command": [str(PROXY)],
            "ConfigurableHTTPProxy.pid_file": str(self.root / "proxy.pid"),
            "JupyterHub.db_url": f"sqlite:///{self.root / 'jupyterhub.sqlite'}",
            "JupyterHub.cookie_secret_file": str(self.root / "cookie_secret"),
            "JupyterHub.pid_file": str(self.root / "jupyterhub.pid"),
            "JupyterHub.cleanup_servers": True,
            "JupyterHub.cleanup_proxy": True,
            # DummyAuthenticator's password is deprecated since JupyterHub 5.3; this is its
            # replacement: one shared password, only for the users allowed by name.
            "JupyterHub.authenticator_class": "shared-password",
            "SharedPasswordAuthenticator.user_password": PASSWORD,
            "Authenticator.allowed_users": set(USERS),
            "JupyterHub.spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
            "SimpleLocalProcessSpawner.home_dir_template": str(self.homes / "{username}"),
            "Spawner.ip": "127.0.0.1",
            "Spawner.cmd": [str(BIN / "jupyterhub-singleuser")],
            "Spawner.args": ["--allow-root"] if os.geteuid() == 0 else [],
            "Spawner.default_url": "/lab",
            "Spawner.environment": environment,
            "Spawner.start_timeout": 90,
            "Spawner.http_timeout": 90,
        }
        return "\n".join(f"c.{key} = {value!r}" for key, value in settings.items()) + "\n"

    def start(self) -> None:
        config = self.root / "jupyterhub_config.py"
        config.write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "JUPYTER"))}
        env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(32)
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', os.defpath)}"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(BIN / "jupyterhub"), "-f", str(config)],
                cwd=self.root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.remember()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the hub exited:\n{self.tail()}"
            try:
                if requests.get(f"{self.url}/hub/api", timeout=5).status_code == 200:
                    self.remember()
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"the hub did not answer within 60 s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def processes(self) -> list[psutil.Process]:
        """The hub and every process below it (proxy, single-user servers, kernels)."""
        hub = psutil.Process(self.process.pid)
        return [hub, *hub.children(recursive=True)]

    def listening(self) -> list[tuple[int, int, str, str]]:
        """``(pid, port, address, command)`` of every listening socket in the hub's tree."""
        found = []
        for process in self.processes():
            try:
                command = " ".join(process.cmdline())[:80]
                for connection in process.net_connections(kind="inet"):
                    if connection.status == psutil.CONN_LISTEN:
                        ip, port = connection.laddr
                        found.append((process.pid, port, ip, command))
            except psutil.NoSuchProcess:  # a short-lived git command, gone already
                continue
        return found

    def find(self, text: str) -> list[psutil.Process]:
        """The processes of the hub's tree whose command line contains ``text``."""
        found = []
        for process in self.processes():
            try:
                if text in " ".join(process.cmdline()):
                    found.append(process)
            except psutil.NoSuchProcess:
                continue
        return found

    def remember(self) -> None:
        for process in self.processes():
            self.seen.setdefault(process.pid, process)

    def server_of(self, user: str) -> psutil.Process:
        for process in self.processes():
            try:
                if process.environ().get("JUPYTERHUB_USER") == user and any(
                    "jupyterhub-singleuser" in part for part in process.cmdline()
                ):
                    return process
            except psutil.NoSuchProcess:
                continue
        raise AssertionError(f"no single-user server process for {user}")

    def stop(self) -> list[str]:
        """Stop the hub (which stops the proxy and the servers, which stop their kernels).

        Returns the processes that were still running afterwards (they are killed).
        """
        if self.process is None:
            return []
        if self.process.poll() is None:
            self.remember()
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        _, alive = psutil.wait_procs(list(self.seen.values()), timeout=20)
        left = []
        for process in alive:
            try:
                if process.status() == psutil.STATUS_ZOMBIE:
                    continue
                left.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
                process.kill()
            except psutil.NoSuchProcess:
                continue
        return left


# --- a learner's browser ------------------------------------------------------------------------


def attribute(html: str, name: str) -> str | None:
    match = re.search(rf'\b{name}="([^"]*)"', html)
    return unquote(match.group(1)) if match else None


def log_in(session: requests.Session, page: requests.Response, user: str, password: str):
    """Fill in and send the hub's login form (with its xsrf token), as a browser does."""
    html = page.text
    action = re.search(r'<form[^>]*action="([^"]*)"', html).group(1).replace("&amp;", "&")
    form = {"username": user, "password": password}
    xsrf = re.search(r'name="_xsrf"[^>]*value="([^"]*)"', html)
    if xsrf:
        form["_xsrf"] = xsrf.group(1)
    return session.post(urljoin(page.url, action), data=form, timeout=60)


def follow(session: requests.Session, url: str, user: str, timeout: float = 120) -> str:
    """Open ``url`` as a learner's browser would, logging in and starting the server.

    Handles the hub's login form, the "Server not running: Launch server" page and the
    spawn-pending page, and runs nbgitpuller's page: its event stream (what the page's
    JavaScript does), then the redirect. Returns the URL the learner lands on.
    """
    deadline = time.monotonic() + timeout
    page = session.get(url, timeout=60)
    while time.monotonic() < deadline:
        html = page.text
        path = urlsplit(page.url).path
        if path.endswith("/hub/login"):
            page = log_in(session, page, user, PASSWORD)
            assert "Invalid username or password" not in page.text
        elif page.status_code == 424 and 'id="start"' in html:  # Server not running
            start = re.search(r'id="start"[^>]*href="([^"]*)"', html, re.S)
            page = session.get(urljoin(page.url, start.group(1).replace("&amp;", "&")))
        elif "/hub/spawn-pending/" in path:
            time.sleep(0.5)
            page = session.get(page.url, timeout=60)
        elif "data-targetpath=" in html:  # nbgitpuller's page
            return sync(session, page)
        else:
            raise AssertionError(f"unexpected page {page.url} ({page.status_code}):\n{html[:800]}")
    raise AssertionError(f"{url} did not open within {timeout} s")


def sync(session: requests.Session, page: requests.Response) -> str:
    """What nbgitpuller's page does: read its sync stream to the end, then redirect."""
    html = page.text
    base = urljoin(page.url, attribute(html, "data-base-url"))
    query = {
        "_xsrf": attribute(html, "data-xsrf"),
        "repo": attribute(html, "data-repo"),
        "targetpath": attribute(html, "data-targetpath"),
        "branch": attribute(html, "data-branch"),
    }
    events = []
    with session.get(f"{base}git-pull/api?{urlencode(query)}", stream=True, timeout=120) as r:
        assert r.status_code == 200, r.text[:500]
        for line in r.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                events.append(json.loads(line[5:]))
                if events[-1].get("phase") in ("finished", "error"):
                    break
    assert events and events[-1]["phase"] == "finished", events[-3:]
    landing = session.get(base + attribute(html, "data-path"), timeout=60)
    assert landing.status_code == 200, landing.url
    return landing.url


# --- the kernel, as JupyterLab talks to it ----------------------------------------------------


def xsrf_cookie(session: requests.Session, user: str) -> str:
    for cookie in session.cookies:
        if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{user}"):
            return cookie.value
    raise AssertionError(f"no _xsrf cookie for /user/{user}/: {session.cookies.keys()}")


def execute(ws: websocket.WebSocket, session_id: str, code: str, timeout: float = 180):
    """Send one execute_request; return the reply's status and the outputs that came back."""
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "session": session_id,
                    "username": "ada",
                    "version": "5.3",
                    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                },
                "parent_header": {},
                "metadata": {},
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    status, idle, outputs = None, False, []
    deadline = time.monotonic() + timeout
    while status is None or not idle:
        ws.settimeout(max(1.0, deadline - time.monotonic()))
        frame = ws.recv()
        if time.monotonic() > deadline:
            raise AssertionError(f"no reply within {timeout} s to:\n{code}")
        if isinstance(frame, bytes):  # a message with binary buffers (widgets): not ours
            continue
        message = json.loads(frame)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["header"]["msg_type"], message["content"]
        if kind == "execute_reply":
            status = content["status"]
        elif kind == "status":
            idle = content["execution_state"] == "idle"
        elif kind in ("stream", "error", "display_data", "execute_result"):
            outputs.append({"output_type": kind, **content})
    return status, outputs


def text_of(outputs: list[dict]) -> str:
    parts = []
    for output in outputs:
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
        parts.append("\n".join(output.get("traceback", [])))
    return "".join(parts)


# --- the upstream repository ---------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    command = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    result = subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def make_upstream(folder: Path) -> Path:
    """A git repository on branch main holding this checkout's tracked files, as they are."""
    folder.mkdir(parents=True)
    tracked = git("ls-files", "-z", cwd=REPO).split("\0")
    for name in filter(None, tracked):
        source = REPO / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    git("init", "--quiet", "--initial-branch=main", cwd=folder)
    git("add", "--all", cwd=folder)
    git("commit", "--quiet", "--message=The course", cwd=folder)
    return folder


# --- the test -----------------------------------------------------------------------------------


def hub_parts() -> None:
    """Skip (or, with COURSE_REQUIRE_HUB set, fail) when the proxy is not installed."""
    missing = []
    if not PROXY.exists():
        missing.append(f"configurable-http-proxy is not installed at {PROXY} (`make install`)")
    for command in ("jupyterhub", "jupyterhub-singleuser"):
        if not (BIN / command).exists():
            missing.append(f"{command} is not installed in {BIN} (`make install`)")
    if shutil.which("node") is None:
        missing.append("node is not on PATH")
    if missing:
        reason = "; ".join(missing)
        if os.environ.get("COURSE_REQUIRE_HUB"):
            pytest.fail(f"COURSE_REQUIRE_HUB is set, but {reason}")
        pytest.skip(reason)


def test_a_class_pulls_and_runs_the_course_on_a_jupyterhub(tmp_path):
    hub_parts()
    upstream = make_upstream(tmp_path / "upstream" / "course")
    hub = Hub(tmp_path)
    link = pull_link(hub.url, f"file://{upstream}")
    learners = {user: requests.Session() for user in USERS}
    try:
        hub.start()
        # Only the two learners allowed by name get in, even with the class password.
        stranger = requests.Session()
        refused = log_in(stranger, stranger.get(f"{hub.url}/hub/login"), "mallory", PASSWORD)
        assert refused.status_code == 403 and "Invalid username or password" in refused.text

        # 1. Each learner clicks the link: log in, server starts, the course is pulled,
        #    JupyterLab opens notebook 01.
        for user, session in learners.items():
            landed = follow(session, link, user)
            assert urlsplit(landed).path == f"/user/{user}/lab/tree/{TARGET}/{NOTEBOOK}"
            home = hub.homes / user
            assert (home / TARGET / NOTEBOOK).is_file(), sorted(home.iterdir())
        hub.remember()

        # 2. Notebook 01's first code cells run in a kernel of ada's server.
        ada, base = learners["ada"], f"{hub.url}/user/ada"
        headers = {"X-XSRFToken": xsrf_cookie(ada, "ada")}
        notebook = json.loads((hub.homes / "ada" / TARGET / NOTEBOOK).read_text())
        cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
        response = ada.post(
            f"{base}/api/kernels",
            json={"name": "python3", "path": f"{TARGET}/notebooks"},
            headers=headers,
            timeout=60,
        )
        assert response.status_code == 201, response.text
        kernel_id = response.json()["id"]
        session_id = uuid.uuid4().hex
        cookies = "; ".join(f"{c.name}={c.value}" for c in ada.cookies)
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{hub.ports['public']}/user/ada/api/kernels/{kernel_id}/channels"
            f"?session_id={session_id}",
            cookie=cookies,
            origin=hub.url,
            timeout=60,
        )
        try:
            outputs_of = []
            for code in cells[:CODE_CELLS]:
                status, outputs = execute(ws, session_id, code)
                text = text_of(outputs)
                assert status == "ok", f"{code}\n---\n{text}"
                errors = [o for o in outputs if o["output_type"] == "error"]
                errors += [o for o in outputs if o.get("name") == "stderr"]
                assert not errors, f"{code}\n---\n{text}"
                outputs_of.append(text)
            hub.remember()
            kernel = hub.find(kernel_id)
            assert len(kernel) == 1, "no kernel process found"

            # 3. Nothing listens outside the loopback: hub, proxy, both servers, the kernel.
            listening = hub.listening()
            assert {ip for _, _, ip, _ in listening} == {"127.0.0.1"}, listening
            assert set(hub.ports.values()) <= {port for _, port, _, _ in listening}, listening
            for process in [hub.server_of(user) for user in USERS] + kernel:
                assert process.pid in {pid for pid, _, _, _ in listening}, listening
        finally:
            ws.close()
        # ... and shuts down as JupyterLab's "Shut Down Kernel" does.
        stopped = ada.delete(f"{base}/api/kernels/{kernel_id}", headers=headers, timeout=60)
        assert stopped.status_code == 204, stopped.text
        kernel[0].wait(timeout=30)
        printed = "\n".join(outputs_of)
        assert "profile smoke" in printed, printed  # p2p.setup()'s banner
        assert SYMBOLS[OK] in printed and SYMBOLS[FAIL] not in printed, printed  # the checks
        if DATA_DIR:
            assert "CIFAR-10 image folders at" in printed, printed
        assert not any(text in printed for text in PIP_TEXT), f"pip ran:\n{printed}"

        # 4. ada edits notebook 01; the instructor pushes a change; ada clicks the link again.
        contents = f"{base}/api/contents/{TARGET}/{NOTEBOOK}"
        model = ada.get(contents, timeout=60).json()
        note = "My own note: a neuron is a weighted sum, then an activation."
        model["content"]["cells"].append(
            {"cell_type": "markdown", "id": "ada-note", "metadata": {}, "source": note}
        )
        saved = ada.put(
            contents,
            json={"type": "notebook", "format": "json", "content": model["content"]},
            headers=headers,
            timeout=60,
        )
        assert saved.status_code == 200, saved.text
        update = "Homework for week 2: notebook 02, exercises 1 to 3.\n"
        (upstream / "HOMEWORK.md").write_text(update)
        readme = upstream / "README.md"
        readme.write_text(readme.read_text() + "\nUpdated for this term.\n")
        git("add", "--all", cwd=upstream)
        git("commit", "--quiet", "--message=Homework for week 2", cwd=upstream)

        landed = follow(ada, link, "ada")
        assert urlsplit(landed).path == f"/user/ada/lab/tree/{TARGET}/{NOTEBOOK}"
        copy = hub.homes / "ada" / TARGET
        assert note in (copy / NOTEBOOK).read_text(), "ada's edit was lost"
        assert (copy / "HOMEWORK.md").read_text() == update
        assert (copy / "README.md").read_text().endswith("Updated for this term.\n")
        assert note not in (hub.homes / "grace" / TARGET / NOTEBOOK).read_text()

        # 5. The single-user server's own memory, for the sizing in instructors.md.
        server_mb = peak_mb(hub.server_of("ada"))
        print(
            f"\njupyterhub-singleuser peak memory (VmHWM): ada {server_mb} MB, "
            f"grace {peak_mb(hub.server_of('grace'))} MB"
        )
        assert server_mb <= 1.5 * figures.SINGLEUSER_SERVER_MB, (
            f"the single-user server peaked at {server_mb} MB, far above the "
            f"{figures.SINGLEUSER_SERVER_MB} MB that instructors.md's sizing assumes: "
            "update SINGLEUSER_SERVER_MB in benchmarks/figures.py"
        )
        hub.remember()
    finally:
        left = hub.stop()
    assert not left, f"processes left running after the hub stopped (now killed): {left}"
