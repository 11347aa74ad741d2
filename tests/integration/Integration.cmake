# Integration tests: the real tshark with the freshly built plugin (see tshark_env.py).
