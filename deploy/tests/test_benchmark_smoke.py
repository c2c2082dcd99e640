"""The benchmark's smoke form on the release binary the image ships: every scenario runs for two seconds on a
small player base and the table is printed. It fails only when a scenario errors — speed is measured by
benchmarks/run.sh on a quiet machine, never asserted in a test."""
import os
import subprocess

from conftest import ROOT


def test_every_benchmark_scenario_runs_without_errors(image):
    environment = dict(os.environ, MQ_SERVER_BIN=str(image / "mq-server"), DURATION="2", PLAYERS="2000", PEER="0",
                       LOG_PAIRS="1")
    result = subprocess.run([str(ROOT / "benchmarks" / "run.sh")], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=900)
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "GET /api/users/me/ ÷ pgbench -S" in result.stdout
    assert "peak RSS of the server" in result.stdout
    assert "database µs" in result.stdout, "each scenario's CPU per request, the server's and the database's"
    assert "p99 < 10 ms at" in result.stdout
