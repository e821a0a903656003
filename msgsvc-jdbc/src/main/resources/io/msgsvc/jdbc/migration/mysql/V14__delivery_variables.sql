-- Each delivery's template variables, the values its reservation's text placeholders (#{name}) take for that
-- recipient, as one JSON object of strings ({"name":"Kim"}); rendered when the delivery is sent, on whichever node.
-- Null for a delivery whose text is sent as written. MEDIUMTEXT: off the row, and up to 100 values of 2 000
-- characters fit (TEXT holds 64 KiB).
ALTER TABLE msgsvc_delivery ADD COLUMN variables MEDIUMTEXT;
