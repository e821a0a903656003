-- Each delivery's template variables, the values its reservation's text placeholders (#{name}) take for that
-- recipient, as one JSON object of strings ({"name":"Kim"}); rendered when the delivery is sent, on whichever node.
-- Null for a delivery whose text is sent as written.
ALTER TABLE msgsvc_delivery ADD COLUMN variables VARCHAR(1000000);
