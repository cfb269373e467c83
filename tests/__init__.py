"""The test suite (a package, so that tests import :mod:`tests.support` by name)."""
