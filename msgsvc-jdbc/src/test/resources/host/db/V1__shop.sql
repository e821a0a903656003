-- A host application's own first migration: its version 1 beside msgsvc's, each in its own history table.
CREATE TABLE shop_order (id BIGINT PRIMARY KEY, phone VARCHAR(32) NOT NULL);
