"""Check the pinned dependencies (requirements.lock) against known vulnerabilities.

Runs pip-audit (Apache-2.0) from its own virtual environment, so that the product does not
depend on it, and reads its JSON report. Any known vulnerability fails (exit 1). A dependency
pip-audit could not look up (the vulnerability service unreachable: closed networks) is
reported loudly; it fails only with AUDIT_STRICT=1, so that a machine without the service can
still run the rest of CI and says plainly that nothing was audited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_pip_audit(pip_audit: Path, lock: Path) -> dict:
    command = [
        str(pip_audit),
        "--requirement",
        str(lock),
        "--no-deps",  # the lock pins the whole tree already
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or not done.stdout.strip():
        sys.exit(f"pip-audit failed (exit {done.returncode}):\n{done.stderr.strip()}")
    return json.loads(done.stdout)


def main() -> int:
    pip_audit = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".venv-audit/bin/pip-audit"
    report = run_pip_audit(pip_audit, ROOT / "requirements.lock")
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} ({fixed})"
            )
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} of {len(dependencies)} pinned dependencies audited, "
          f"{len(vulnerable)} with known vulnerabilities.")  # fmt: skip
    if skipped:
        print(f"WARNING: {len(skipped)} could not be audited, e.g. {skipped[0]['name']}: "
              f"{skipped[0]['skip_reason']}")  # fmt: skip
    if vulnerable:
        return 1
    if skipped and os.environ.get("AUDIT_STRICT") == "1":
        print("AUDIT_STRICT=1: dependencies that could not be audited fail the audit.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
