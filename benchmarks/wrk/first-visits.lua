-- Every request is some player's first visit to some landmark, and requests in flight at once belong to
-- different players, as check-ins from real players do (a player checks in at one landmark at a time;
-- several at once would only queue behind that player's lock). Thread t takes players t, t+T, t+2T, … in
-- groups of 64: each group visits the first landmark, then the second, and so on, so no (player, landmark)
-- pair repeats and the same player comes round again only 64 requests later.
dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local locations = {}
for line in io.lines(os.getenv("LOCATIONS_FILE")) do locations[#locations + 1] = line end
local group = 64
local n = 0
function request()
  local threads = tonumber(os.getenv("WRK_THREADS"))
  local visit = n
  n = n + 1
  local per_group = group * #locations
  local within = visit % per_group
  local player = (math.floor(visit / per_group) * group + within % group) * threads + thread_index
  local location = locations[math.floor(within / group) + 1]
  return wrk.format("POST", "/api/locations/" .. location .. "/visit/",
    { ["Authorization"] = "Bearer " .. token_for(player), ["Content-Type"] = "application/json" },
    '{"note": "benchmark"}')
end
