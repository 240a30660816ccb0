"""Shared runtime for the ATS services (``ats_backend.core``).

Modules: ``config`` (typed settings), ``context`` (tenant/request id contextvars), ``logging``
(JSON logs), ``errors`` (the one error tree), ``grpc_server``/``grpc_client`` (bootstrap and
interceptors), ``db`` (asyncpg pool, tenant transactions), ``migrations`` (owner-role runner),
``messaging`` (RabbitMQ topology, publisher, consumer), ``metrics`` (Prometheus), ``ids``,
``filetypes`` (magic-byte sniffing), ``process`` (entry-point helpers).
Importing any of them does no work: connections and servers start only when called.
"""
