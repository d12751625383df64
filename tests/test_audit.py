"""`make audit` never calls a lock file safe that it could not check."""

import os
import subprocess

from django.conf import settings


def test_audit_fails_and_says_so_when_its_database_cannot_be_reached():
    dead_end = "http://127.0.0.1:9"  # nothing listens there: every look-up is refused at once
    env = {**os.environ, "HTTPS_PROXY": dead_end, "HTTP_PROXY": dead_end, "NO_PROXY": ""}
    result = subprocess.run(
        ["make", "-s", "audit"],  # noqa: S607 - the README's command, found on the PATH
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "No known vulnerabilities" not in output
    assert "could not reach its vulnerability database, so the lock file was not checked" in output
    assert "have known vulnerabilities" not in output
