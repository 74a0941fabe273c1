"""Property-based tests of the whole API from its OpenAPI schema (schemathesis):
no input the schema allows may produce a server error, and every response must
match the documented schema. Bounded so the suite stays fast."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed (dev extra)")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from newsledger.api.app import create_app  # noqa: E402
from newsledger.config import Settings  # noqa: E402

# 25 examples per operation: ~15 s for all operations on this machine, and
# enough to hit boundary values of every parameter (limits, offsets, dates).
MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from newsledger.api.sample import build

    db = build(tmp_path_factory.mktemp("schemathesis") / "sample.db")
    app = create_app(
        Settings(db_path=db, api_token="secret", read_token=None),
        ingest=lambda raws, s: pytest.fail("ingest must not run without the token"),
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_conforms_and_never_errors(api_schema):
    # schemathesis' own pytest plugin does not run under pytest 9 here, so each
    # operation's strategy is driven with Hypothesis directly.
    from hypothesis import given

    checks = [not_a_server_error, response_schema_conformance, status_code_conformance]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case):
            # No token is sent, so the ingest operation must answer 401 (documented), never run.
            case.call_and_validate(checks=checks)

        run()
