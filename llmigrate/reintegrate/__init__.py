"""Reintegrate: the generated crate on disk.

Modules, ffi entries, the kept-in-C part, build files, and the OUT directory the crate lives in.
"""
