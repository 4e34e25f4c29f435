"""Shared fixtures and the hypothesis profiles, chosen by HYPOTHESIS_PROFILE:
``quick`` (the default: the README's test command stays fast), ``ci`` (what
.ci/run uses: more examples per property) and ``dev`` (more still, for a
change to a parser or the merge).

Tests marked ``slow`` (whole CLI runs over every fixture or real article,
subprocesses, process pools, locks held across processes) and ``spark`` run in
the ``ci`` and ``dev`` profiles only: the quick profile skips them and says so
(``-ra``).  ``HYPOTHESIS_PROFILE=ci python -m pytest`` runs everything, as
.ci/run does."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("quick", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "quick")
settings.load_profile(PROFILE)


def pytest_report_header(config: pytest.Config) -> str:
    if PROFILE == "quick":
        return "profile quick: tests marked slow or spark are skipped; HYPOTHESIS_PROFILE=ci runs them all"
    return f"profile {PROFILE}: every test, more hypothesis examples"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PROFILE != "quick":
        return
    skip = pytest.mark.skip(reason="slow: runs with HYPOTHESIS_PROFILE=ci (as .ci/run does)")
    for item in items:
        if item.get_closest_marker("slow") or item.get_closest_marker("spark"):
            item.add_marker(skip)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
