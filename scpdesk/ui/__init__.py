"""scpdesk."""
