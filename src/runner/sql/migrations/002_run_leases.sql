-- Several runners on one server: a run being advanced is leased to one runner (its id, until
-- when). Others leave it alone until the lease ends; the holder renews it while it works
-- (an external call may take a while), and a runner that died loses it when it ends.
ALTER TABLE runs ADD COLUMN lease_owner text;
ALTER TABLE runs ADD COLUMN lease_until double precision;
