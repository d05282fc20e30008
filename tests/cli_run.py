"""Running `python -m bot` as an operator would: a subprocess with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Every variable Settings reads: the caller's shell must not leak into a test.
SETTINGS_VARIABLES = (
    "BOT_TOKEN",
    "DATABASE_PATH",
    "SEEDS_DIR",
    "TELEGRAM_API_URL",
    "ADMIN_IDS",
    "LOG_LEVEL",
    "WEBHOOK_URL",
    "WEBHOOK_HOST",
    "WEBHOOK_PORT",
    "WEBHOOK_SECRET",
    "REDIS_URL",
)


def cli_env(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_VARIABLES}
    env["PYTHONPATH"] = str(ROOT)
    env["SEEDS_DIR"] = str(SEEDS)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(variables)
    return env


def run_cli(
    *args: str,
    cwd: Path,
    stdin: str | None = None,
    timeout: float = 60,
    python_code: str | None = None,
    env: dict[str, str] | None = None,
    **variables: str,
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in `cwd` (a temporary folder, so no `.env` is read), or
    `python -c python_code ARGS` to run the CLI with a fault injected first."""
    command = (
        [sys.executable, "-c", python_code, *args]
        if python_code
        else [sys.executable, "-m", "bot", *args]
    )
    return subprocess.run(
        command,
        cwd=cwd,
        env=cli_env(**(env or {}), **variables),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed; fails the test on a traceback or chatter."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
