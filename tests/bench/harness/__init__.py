"""Modules of the benchmark (tests/bench/run): where tshark runs, what is counted, the report."""
