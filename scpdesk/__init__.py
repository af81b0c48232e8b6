"""scpdesk: the case-review desk of a Safeguarding Children Partnership."""

__version__ = "0.1.0"
