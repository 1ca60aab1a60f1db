"""Translate: the driver that runs a backend over the plan's units.

Also the laziness guard, prompt rendering and the model cache.
"""
