"""Check: CI mode (drift against the lock file, build, C tests, differential tests) and `--fix`."""
