"""Known-vulnerable dependencies are reported (scripts/dependency_audit.py, ``make audit``).

pip-audit needs PyPI's advisory data over the network. Where it cannot be reached, pip-audit
alone would print "No known vulnerabilities found"; the script says which dependencies were not
audited instead (exit 2). The live audit is a step of `.ci/run` (`make audit`), not a test here:
a vulnerable pin fails CI, an unreachable advisory source is printed as NOT AUDITED.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "dependency_audit.py"


def _module():
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_run(report):
    def run(*args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout=json.dumps(report), stderr="")

    return run


def test_a_known_vulnerability_fails_the_audit_naming_advisory_and_fix(monkeypatch):
    module = _module()
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "nh3", "version": "0.3.8", "vulns": []},
        ]
    }
    monkeypatch.setattr(module.subprocess, "run", _fake_run(report))
    code, text = module.audit()
    assert code == 1
    assert "VULNERABLE django 5.2.0: PYSEC-2025-1 (fixed: 5.2.1)" in text
    assert "2 pinned dependencies, 2 audited" in text


def test_an_unreachable_advisory_database_is_said_not_passed(monkeypatch):
    module = _module()
    reason = "Dependency not found on PyPI and could not be audited: nh3 (0.3.8)"
    report = {"dependencies": [{"name": "nh3", "skip_reason": reason}]}
    monkeypatch.setattr(module.subprocess, "run", _fake_run(report))
    code, text = module.audit()
    assert code == 2
    assert "NOT AUDITED 1 dependencies" in text
    assert "0 audited" in text
