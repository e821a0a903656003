-- The trace the reservation was registered in (TraceContext.encoded(): W3C traceparent, tracestate, baggage as
-- name=value lines), so its sends and projections continue that trace on any node, after any restart. Null: none.
ALTER TABLE msgsvc_reservation ADD COLUMN trace_context VARCHAR(4000);
