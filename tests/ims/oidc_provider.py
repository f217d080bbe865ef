"""Start the test OpenID Connect provider (tests/oidc_idp) in a process of its own."""

import json
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "ims-test"
CLIENT_SECRET = "ims-test-secret-0123456789"


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_provider(*, redirect_uris: list[str], users: list[dict]) -> Provider:
    port = free_port()
    log_path = (
        ROOT / "var" / f"test-oidc-provider-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    )
    log_path.parent.mkdir(exist_ok=True)
    log = open(log_path, "w")  # noqa: SIM115
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.oidc_idp.serve",
            str(port),
            CLIENT_ID,
            CLIENT_SECRET,
            ",".join(redirect_uris),
            json.dumps(users),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    log.close()
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise RuntimeError(f"the test OpenID Connect provider did not start; see {log_path}")
    return Provider(issuer=f"http://127.0.0.1:{port}/openid", process=process)
