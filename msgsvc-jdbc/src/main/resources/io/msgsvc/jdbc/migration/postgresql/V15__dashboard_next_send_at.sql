-- When each waiting reservation's next send is due (its send time, or its delivery window's next opening).
ALTER TABLE msgsvc_dashboard ADD COLUMN next_send_at TIMESTAMP(6);
