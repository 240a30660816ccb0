"""The gRPC server every service runs: interceptors, health, reflection, graceful shutdown.

``GrpcServer`` adds to a service's servicers:
- an interceptor that binds tenant/request/actor ids from metadata into contextvars, turns
  ``AtsError`` into a gRPC status (reason and field ride in trailing metadata), hides any other
  exception behind INTERNAL, writes one access-log line per call and counts it in Prometheus;
- ``grpc.health.v1`` (NOT_SERVING until the service says its dependencies are ready);
- server reflection;
- ``stop()``: health NOT_SERVING first, so balancers drain, then ``server.stop(grace)``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import asyncpg
import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import Counter, Histogram

from ats_backend.core import context
from ats_backend.core.errors import AtsError, InvalidInput

__all__ = [
    "ERROR_FIELD_KEY",
    "ERROR_REASON_KEY",
    "MAX_MESSAGE_BYTES",
    "GrpcServer",
    "watch_readiness",
]

log = logging.getLogger("ats.grpc")

ERROR_REASON_KEY = "ats-error-reason"
ERROR_FIELD_KEY = "ats-error-field"
# Room for one resume plus framing; uploads stream in chunks well below this.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024

GRPC_REQUESTS = Counter(
    "ats_grpc_requests_total", "gRPC calls handled, by method and status code", ["method", "code"]
)
GRPC_DURATION = Histogram(
    "ats_grpc_request_duration_seconds", "gRPC call duration in seconds", ["method"]
)

_QUIET_PREFIXES = ("/grpc.health.", "/grpc.reflection.")


class _CallScope:
    """What happens around one call: context binding, error mapping, access log, metrics."""

    def __init__(self, method: str, metadata: Sequence[tuple[str, str | bytes]]) -> None:
        values = {key: value for key, value in metadata if isinstance(value, str)}
        self.method = method
        self.tenant = values.get(context.TENANT_HEADER) or None
        self.request = values.get(context.REQUEST_ID_HEADER) or None
        self.actor = values.get(context.ACTOR_HEADER) or None
        self.started = time.perf_counter()
        self.code = grpc.StatusCode.OK

    async def fail(self, exc: BaseException, ctx: grpc.aio.ServicerContext[Any, Any]) -> None:
        if isinstance(exc, asyncpg.CharacterNotInRepertoireError):
            # PostgreSQL text cannot hold NUL (SQLSTATE 22021). The gateway refuses control
            # characters field by field; this keeps any path it misses a 4xx, not a 500.
            exc = InvalidInput("text must not contain NUL characters", reason="invalid_text")
        if isinstance(exc, AtsError):
            self.code = exc.grpc_code
            ctx.set_trailing_metadata(
                ((ERROR_REASON_KEY, exc.reason), (ERROR_FIELD_KEY, exc.field or ""))
            )
            await ctx.abort(exc.grpc_code, exc.detail)
        self.code = grpc.StatusCode.INTERNAL
        log.exception("unhandled error in %s", self.method)
        ctx.set_trailing_metadata(((ERROR_REASON_KEY, "internal"),))
        await ctx.abort(grpc.StatusCode.INTERNAL, "internal error")

    def aborted(self, ctx: grpc.aio.ServicerContext[Any, Any]) -> None:
        """The servicer aborted the call itself: record the code it chose."""
        if self.code == grpc.StatusCode.OK:
            self.code = ctx.code() or grpc.StatusCode.UNKNOWN

    def finish(self) -> None:
        elapsed = time.perf_counter() - self.started
        GRPC_REQUESTS.labels(self.method, self.code.name).inc()
        GRPC_DURATION.labels(self.method).observe(elapsed)
        level = logging.DEBUG if self.method.startswith(_QUIET_PREFIXES) else logging.INFO
        log.log(
            level,
            "grpc call",
            extra={"method": self.method, "code": self.code.name, "ms": round(elapsed * 1000, 2)},
        )


class _ServerInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        metadata = tuple(handler_call_details.invocation_metadata or ())

        def scope() -> _CallScope:
            return _CallScope(method, metadata)

        if handler.unary_unary or handler.stream_unary:
            inner: Any = handler.unary_unary or handler.stream_unary

            async def single(request: Any, ctx: grpc.aio.ServicerContext[Any, Any]) -> Any:
                call = scope()
                with context.bound(tenant=call.tenant, request=call.request, acting=call.actor):
                    try:
                        return await inner(request, ctx)
                    except grpc.aio.AbortError:
                        call.aborted(ctx)
                        raise
                    except Exception as exc:
                        await call.fail(exc, ctx)
                    finally:
                        call.finish()

            factory = (
                grpc.unary_unary_rpc_method_handler
                if handler.unary_unary
                else grpc.stream_unary_rpc_method_handler
            )
            return factory(
                single,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )

        inner_stream: Any = handler.unary_stream or handler.stream_stream

        async def streaming(
            request: Any, ctx: grpc.aio.ServicerContext[Any, Any]
        ) -> AsyncIterator[Any]:
            call = scope()
            with context.bound(tenant=call.tenant, request=call.request, acting=call.actor):
                try:
                    async for item in inner_stream(request, ctx):
                        yield item
                except grpc.aio.AbortError:
                    call.aborted(ctx)
                    raise
                except Exception as exc:
                    await call.fail(exc, ctx)
                finally:
                    call.finish()

        stream_factory = (
            grpc.unary_stream_rpc_method_handler
            if handler.unary_stream
            else grpc.stream_stream_rpc_method_handler
        )
        return stream_factory(
            streaming,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


class GrpcServer:
    """One service's gRPC server. Register servicers with ``add``, then ``start``/``stop``."""

    def __init__(self, *, port: int, host: str = "0.0.0.0") -> None:
        self._server = grpc.aio.server(
            interceptors=[_ServerInterceptor()],
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ],
        )
        self._health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        self._service_names: list[str] = [health.SERVICE_NAME]
        self._address = f"{host}:{port}"
        self.port = port

    def add(
        self, register: Callable[[Any, grpc.aio.Server], None], servicer: Any, name: str
    ) -> None:
        """``register`` is the generated ``add_XServicer_to_server``; ``name`` its full name."""
        register(servicer, self._server)
        self._service_names.append(name)

    async def start(self) -> None:
        reflection.enable_server_reflection(
            [*self._service_names, reflection.SERVICE_NAME], self._server
        )
        self.port = self._server.add_insecure_port(self._address)
        if self.port == 0:
            raise RuntimeError(f"could not bind gRPC port {self._address}")
        await self.set_serving(False)
        await self._server.start()
        log.info("grpc server listening", extra={"address": self._address, "port": self.port})

    async def set_serving(self, serving: bool) -> None:
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if serving
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        for name in ["", *self._service_names]:
            await self._health.set(name, status)

    async def stop(self, grace: float, drain: float = 1.0) -> None:
        """NOT_SERVING first and a moment for balancers to notice, then stop: calls in
        progress get ``grace`` seconds, new ones are refused."""
        await self.set_serving(False)
        await asyncio.sleep(min(drain, grace))
        await self._server.stop(grace)
        log.info("grpc server stopped")


async def watch_readiness(
    server: GrpcServer,
    checks: Sequence[Callable[[], Awaitable[object]]],
    *,
    interval: float = 5.0,
) -> None:
    """Keep the health status in step with the service's dependencies, forever.

    Each check raises (or times out) when its dependency is not usable. Liveness is the
    process answering at all; this is readiness: SERVING only while every check passes.
    """

    serving: bool | None = None
    while True:
        try:
            for check in checks:
                await asyncio.wait_for(check(), timeout=interval)
            ok = True
        except Exception as exc:
            ok = False
            if serving is not False:
                log.warning("not ready", extra={"cause": repr(exc)})
        if ok != serving:
            await server.set_serving(ok)
            if ok:
                log.info("ready")
            serving = ok
        await asyncio.sleep(interval if ok else min(interval, 1.0))
