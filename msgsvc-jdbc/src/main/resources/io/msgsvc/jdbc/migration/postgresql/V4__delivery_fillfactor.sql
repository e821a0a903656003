-- Room in each page for the one update every delivery gets (its result), so PostgreSQL can write it beside the
-- old row without touching the primary key (a HOT update). Pages written from now on keep 30 % free.
ALTER TABLE msgsvc_delivery SET (fillfactor = 70);
