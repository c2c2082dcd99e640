-- Every request is some player's first visit to some landmark, and requests in flight at once belong to
-- different players, as check-ins from real players do (a player checks in at one landmark at a time;
-- several at once would only queue behind that player's lock). Only players below SOCIAL_FIRST take part:
-- the social seed gave every later player visits, and their check-ins at those landmarks would be repeat
-- visits, a different (dearer) operation. Thread t takes players t, t+T, t+2T, … in groups of 64: each
-- group visits the first landmark, then the second, and so on, so no (player, landmark) pair repeats and
-- the same player comes round again only 64 requests later. A run longer than those players' first visits
-- (about SOCIAL_FIRST × landmarks: whole groups only) goes round again, on repeat visits, and says so on
-- stderr.
dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
local locations = {}
for line in io.lines(os.getenv("LOCATIONS_FILE")) do locations[#locations + 1] = line end
local players = tonumber(os.getenv("SOCIAL_FIRST"))
local threads = tonumber(os.getenv("WRK_THREADS"))
-- Each thread's players, in whole groups: a pass over them is every first visit the thread can make.
local group = math.max(1, math.min(64, math.floor(players / threads)))
local groups = math.max(1, math.floor(players / threads / group))
local per_group = group * #locations
local n = 0
function request()
  local visit = n
  n = n + 1
  local within = visit % per_group
  local player = ((math.floor(visit / per_group) % groups) * group + within % group) * threads + thread_index
  local location = locations[math.floor(within / group) + 1]
  return wrk.format("POST", "/api/locations/" .. location .. "/visit/",
    { ["Authorization"] = "Bearer " .. token_for(player), ["Content-Type"] = "application/json" },
    '{"note": "benchmark"}')
end

dofile(os.getenv("WRK_DIR") .. "/report.lua")
local report = done
function done(summary, latency, requests)
  local first_visits = threads * groups * per_group
  if summary.requests > first_visits then
    io.stderr:write(string.format(
      "first visits ran out: %d requests for %d first visits (%d players × %d landmarks); the rest were repeat visits. Raise PLAYERS.\n",
      summary.requests, first_visits, threads * groups * group, #locations))
  end
  report(summary, latency, requests)
end
