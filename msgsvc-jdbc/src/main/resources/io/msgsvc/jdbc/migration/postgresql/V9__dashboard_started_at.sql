-- When each reservation's dispatch began, for the dashboard's expected finish time (the rate measured since then).
ALTER TABLE msgsvc_dashboard ADD COLUMN started_at TIMESTAMP(6);
