"""The production description stays valid: docker-compose.yml against the
Compose specification (and `docker compose config` where the plugin exists)."""

import json
import shutil
import subprocess
from pathlib import Path

import compose_spec
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    # PyYAML resolves the x-app anchor and `<<` merge keys as docker compose does.
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_docker_compose_file_follows_the_compose_specification():
    spec = compose_spec.PyCompose.from_json(json.dumps(_compose())).to_spec()
    assert set(spec.services) == {"db", "redis", "web", "worker", "beat"}
    for name, service in spec.services.items():
        assert service.healthcheck is not None, f"{name} has no health check"


def test_production_services_keep_data_in_named_volumes_and_migrate_on_start():
    data = _compose()
    assert {"pgdata", "media"} <= set(data["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in data["services"]["db"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert "media:/app/media" in data["services"][name]["volumes"]
        assert data["services"][name]["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert "migrate" in data["services"]["web"]["command"]
    assert "gunicorn" in data["services"]["web"]["command"]
    assert "worker" in data["services"]["worker"]["command"]
    assert "beat" in data["services"]["beat"]["command"]


@pytest.mark.skipif(
    subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0
    if shutil.which("docker")
    else True,
    reason="the docker compose plugin is not installed here",
)
def test_docker_compose_config_accepts_the_file():
    result = subprocess.run(
        ["docker", "compose", "config", "--quiet"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_production_access_log_keeps_no_client_address():
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert "%(h)s" not in config["access_log_format"]
    assert "%({x-forwarded-for}i)s" not in config["access_log_format"].lower()
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "--access-logformat" not in compose and "gunicorn ims.wsgi" in compose
