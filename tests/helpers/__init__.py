"""What several test modules share: paths, test doubles at the network edge, and hand-made projects.

Test modules import from here, never from one another (`pythonpath = ["tests"]` in pyproject.toml).
"""
