"""Batch analysis with tshark and the sipcat plugin (Python standard library only)."""
