"""The exception a test raises to be reported as skipped (ctest exit code 77)."""


class Skip(Exception):
    pass
