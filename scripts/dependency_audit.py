"""Report known-vulnerable dependencies (pip-audit over requirements/constraints.txt).

Exit 0: every pinned dependency was audited and none has a known vulnerability.
Exit 1: at least one has a known vulnerability (listed with its advisory ids and fixed versions).
Exit 2: the advisory data could not be reached for some or all dependencies (listed): nothing is
        claimed about those — pip-audit itself would print "No known vulnerabilities found".

Usage: python scripts/dependency_audit.py [--service pypi|osv]  (make audit; docs/security.md)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


def audit(service: str = "pypi") -> tuple[int, str]:
    executable = shutil.which("pip-audit") or str(Path(sys.executable).parent / "pip-audit")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            executable,
            "--progress-spinner",
            "off",
            "--disable-pip",
            "--no-deps",
            "--vulnerability-service",
            service,
            "--format",
            "json",
            "-r",
            str(CONSTRAINTS),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return 2, f"pip-audit gave no report (exit {result.returncode}):\n{result.stderr}"
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if d.get("skip_reason")]
    lines = [
        f"{len(dependencies)} pinned dependencies, {len(dependencies) - len(unaudited)} audited "
        f"against the {service} advisory data, {len(vulnerable)} with known vulnerabilities."
    ]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed: {fixed})"
            )
    if unaudited:
        lines.append(
            f"NOT AUDITED {len(unaudited)} dependencies: the advisory data was not reachable "
            f"for them (first: {unaudited[0]['skip_reason']})."
        )
    if vulnerable:
        return 1, "\n".join(lines)
    return (2 if unaudited else 0), "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"])
    code, text = audit(parser.parse_args().service)
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
