-- The trace the reservation was registered in (TraceContext.encoded(): W3C traceparent, tracestate, baggage as
-- name=value lines), so its sends and projections continue that trace on any node, after any restart. Null: none.
-- TEXT: off the row, which VARCHAR(4000) in utf8mb4 would take up to 16 000 bytes of.
ALTER TABLE msgsvc_reservation ADD COLUMN trace_context TEXT;
