"""The test session itself: a hang fails instead of running forever."""
from __future__ import annotations


def test_every_test_has_a_time_limit(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout"), "pytest-timeout is installed (make setup)"
    assert 0 < float(pytestconfig.getini("timeout")) <= 1800
    assert pytestconfig.getini("timeout_method") == "thread", "SIGALRM belongs to the build's PDF time limit"
