"""Jobs that chain the capabilities: the daily scan of one seller account."""

from .scan import ScanResult, run_scan

__all__ = ["ScanResult", "run_scan"]
