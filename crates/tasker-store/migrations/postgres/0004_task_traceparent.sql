-- The W3C trace context a task was created under, handed to the workers
-- that claim its steps so their spans join the creating request's trace.
-- NULL when the request carried none and spans are not exported.
ALTER TABLE tasks ADD COLUMN traceparent TEXT;
