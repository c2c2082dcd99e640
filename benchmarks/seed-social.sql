-- Friends, visits and points for the feed and leaderboard scenarios (psql variables: players, first).
-- Player i is friends with the 25 players after it and the 25 before it (50 friends each, as accepted
-- requests), and players from :first on have visited 5 of the landmarks, holding the achievements those
-- visits earn, with points to match. Players below :first are left without visits for the first-visit
-- scenario.
INSERT INTO core_friendrequest (status, created_at, updated_at, from_user_id, to_user_id)
SELECT 'accepted', now(), now(), 'bench-' || lpad(i::text, 9, '0'), 'bench-' || lpad(((i + k) % :players)::text, 9, '0')
FROM generate_series(0, :players - 1) i CROSS JOIN generate_series(1, 25) k;

WITH l AS (SELECT "locationId" AS id, (row_number() OVER (ORDER BY "locationId") - 1)::int AS n, count(*) OVER ()::int AS total
           FROM core_location)
INSERT INTO core_visit (visited_at, note, location_id, user_id)
SELECT now() - make_interval(secs => (i * 5 + j) % 86400), 'seeded', l.id, 'bench-' || lpad(i::text, 9, '0')
FROM generate_series(:first, :players - 1) i CROSS JOIN generate_series(0, 4) j JOIN l ON l.n = (i + 2 * j) % l.total
ON CONFLICT DO NOTHING;

-- The achievements those visits meet, held as the game would have awarded them (the rule kinds of
-- mq_achievement_rule, as MQDomain's AchievementRule reads them), so that the earned-achievements table is as
-- full as the visits make it, as in a live game. (Left empty, PostgreSQL planned the check-in's "achievements
-- not yet held" read for an empty table, and that plan stayed cached while the first-visit scenario filled
-- the table: a sequential scan per check-in, until autovacuum's next ANALYZE.)
INSERT INTO mq_earned_achievement (user_id, achievement_id, earned_at)
SELECT p.user_id, r.achievement_id, now()
FROM (SELECT v.user_id, count(DISTINCT v.location_id) AS landmarks,
             count(DISTINCT nullif(lower(trim(l.province)), '')) AS provinces, array_agg(v.location_id) AS visited
      FROM core_visit v JOIN core_location l ON l."locationId" = v.location_id GROUP BY v.user_id) p
JOIN mq_achievement_rule r ON (r.kind = 'distinct_landmarks' AND p.landmarks >= r.threshold)
  OR (r.kind = 'distinct_provinces' AND p.provinces >= r.threshold)
  OR (r.kind = 'landmarks' AND p.visited @> r.landmarks);

UPDATE core_user u SET points = s.points + coalesce(e.points, 0)
FROM (SELECT v.user_id, sum(l.points) AS points FROM core_visit v JOIN core_location l ON l."locationId" = v.location_id
      GROUP BY v.user_id) s
LEFT JOIN (SELECT e.user_id, sum(a.points) AS points FROM mq_earned_achievement e
           JOIN core_achievement a ON a."achievementId" = e.achievement_id GROUP BY e.user_id) e ON e.user_id = s.user_id
WHERE s.user_id = u."userId";
