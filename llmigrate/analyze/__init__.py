"""Analyze: the C directory as the compiler sees it.

Parsed into a `Codebase`: functions, types, globals, macros and a context slice per function.
"""
