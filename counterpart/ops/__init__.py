"""Operations: health and readiness probes, request logs, backup and restore, the server."""
