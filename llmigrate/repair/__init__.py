"""Repair: the bounded cargo loop over the crate.

Checks the crate, applies rustc's fixes, asks the backend again and blames culprits.
"""
