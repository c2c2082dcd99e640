-- Friends, visits and points for the feed and leaderboard scenarios (psql variables: players, first).
-- Player i is friends with the 25 players after it and the 25 before it (50 friends each, as accepted
-- requests), and players from :first on have visited 5 of the landmarks, with points to match. Players
-- below :first are left without visits for the first-visit scenario.
INSERT INTO core_friendrequest (status, created_at, updated_at, from_user_id, to_user_id)
SELECT 'accepted', now(), now(), 'bench-' || lpad(i::text, 9, '0'), 'bench-' || lpad(((i + k) % :players)::text, 9, '0')
FROM generate_series(0, :players - 1) i CROSS JOIN generate_series(1, 25) k;

WITH l AS (SELECT "locationId" AS id, (row_number() OVER (ORDER BY "locationId") - 1)::int AS n, count(*) OVER ()::int AS total
           FROM core_location)
INSERT INTO core_visit (visited_at, note, location_id, user_id)
SELECT now() - make_interval(secs => (i * 5 + j) % 86400), 'seeded', l.id, 'bench-' || lpad(i::text, 9, '0')
FROM generate_series(:first, :players - 1) i CROSS JOIN generate_series(0, 4) j JOIN l ON l.n = (i + 2 * j) % l.total
ON CONFLICT DO NOTHING;

UPDATE core_user u SET points = s.points
FROM (SELECT v.user_id, sum(l.points) AS points FROM core_visit v JOIN core_location l ON l."locationId" = v.location_id
      GROUP BY v.user_id) s
WHERE s.user_id = u."userId";
