"""claimpilot: finds, files and follows the money Amazon owes FBA sellers."""

__version__ = "0.1.0"
