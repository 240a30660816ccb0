"""HTTP gateway: authentication, the /v1 API and the /monitoring endpoints (port 8002)."""
