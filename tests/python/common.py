"""Shared by the Python module's tests: the gqalut binary and a scratch directory."""
import os
import subprocess
import tempfile
import unittest


def gqalut_binary():
    return os.environ["GQALUT_BIN"]


def run_cli(*args):
    """Runs the gqalut command line (an argument vector, no shell); returns its stdout."""
    done = subprocess.run([gqalut_binary(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"gqalut {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


class ScratchTestCase(unittest.TestCase):
    """A test case with a temporary directory, removed afterwards."""

    def setUp(self):
        self._scratch = tempfile.TemporaryDirectory(prefix="gqalut-py-")
        self.dir = self._scratch.name

    def tearDown(self):
        self._scratch.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)
