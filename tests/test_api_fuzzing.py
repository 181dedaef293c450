"""The API fuzzed from its own OpenAPI schema (schemathesis): for every operation a bounded number
of generated requests — valid and invalid bodies, query strings and ids — as a staff member with
dossiers and as a client. No request may end in a server error, and every documented response must
match its schema. BOKS_FUZZ_EXAMPLES sets the examples per operation (default 25); BOKS_FUZZ_COVERAGE=1 adds
schemathesis's coverage phase (every boundary of every parameter: thorough, and far slower).

Each run writes build/schemathesis.json: the number of requests made and of 5xx answers.
"""

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance
from schemathesis.config import SchemathesisConfig

from tests.accounts.matrix_world import build_world
from tests.conftest import logged_in_with_mfa

EXAMPLES = int(os.environ.get("BOKS_FUZZ_EXAMPLES", "25"))
REPORT = Path(__file__).resolve().parents[1] / "build" / "schemathesis.json"
counts: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "examples_per_operation": EXAMPLES,
        "requests": counts["requests"],
        "server_errors": counts["server_errors"],
    }
    REPORT.write_text(json.dumps(summary, indent=2))


@pytest.fixture
def in_process(db):
    """The WSGI application runs in the test's own transaction: like Django's test client, keep the
    request signals from closing that connection after every request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@dataclass
class Caller:
    cookies: dict
    headers: dict


def _caller(user) -> Caller:
    token = _get_new_csrf_string()
    session = logged_in_with_mfa(user).cookies["sessionid"].value
    return Caller(cookies={"sessionid": session, "csrftoken": token}, headers={"X-CSRFToken": token})


@pytest.fixture(params=["medewerker", "client"])
def world_and_caller(request, in_process):
    """The regisseur of a household with everything in it, or its client."""
    world = build_world()
    user = world.inside.regisseur if request.param == "medewerker" else world.inside.client
    return world, _caller(user)


@pytest.fixture
def caller(world_and_caller) -> Caller:
    return world_and_caller[1]


def _schema():
    """The schema exactly as /api/v1/schema/ serves it to staff; requests go to the WSGI
    application in-process."""
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    config = SchemathesisConfig.from_dict(
        {
            # The coverage phase walks every boundary of every parameter: thousands of requests per
            # operation. The fuzzing phase, bounded here, is what CI can afford on every run.
            "phases": {"coverage": {"enabled": os.environ.get("BOKS_FUZZ_COVERAGE") == "1"}},
            "generation": {"max-examples": EXAMPLES},
            "seed": 2026,
        }
    )
    loaded = schemathesis.openapi.from_dict(document, config=config)
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_ends_in_a_server_error(case, caller):
    response = case.call(headers=caller.headers, cookies=caller.cookies)
    counts["requests"] += 1
    if response.status_code >= 500:
        counts["server_errors"] += 1
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
