"""The compose file cannot be started here (no Docker engine), so its shape is checked instead."""

from pathlib import Path

import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_whole_stack_with_health_checks_and_a_named_database_volume():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    for name in ("db", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name
    assert "boks-db:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "boks-db" in compose()["volumes"]


def test_app_services_wait_for_healthy_services_and_share_one_configuration():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://boks:")
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["env_file"] == ".env"
    assert services["worker"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_env_example_names_every_required_production_setting():
    example = (ROOT / ".env.example").read_text()
    for setting in ("SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL", "POSTGRES_PASSWORD"):
        assert f"{setting}=" in example


def test_collectstatic_with_the_production_manifest_storage(tmp_path, settings):
    """The Docker image runs collectstatic with WhiteNoise's manifest storage, which fails on any file
    that refers to a file not shipped (such as a source map of a vendored script). Django's manifest
    storage makes the same references and skips the compression, which would only make this slow."""
    manifest_storage = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": manifest_storage}
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/chart.umd.min.js" in manifest
