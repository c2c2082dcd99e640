-- Every request is some player's first visit to some landmark: thread t takes players t, t+T, t+2T, …
-- and walks each through every landmark, so no (player, landmark) pair repeats.
dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local locations = {}
for line in io.lines(os.getenv("LOCATIONS_FILE")) do locations[#locations + 1] = line end
local n = 0
function request()
  local threads = tonumber(os.getenv("WRK_THREADS"))
  local visit = n
  n = n + 1
  local player = (math.floor(visit / #locations)) * threads + thread_index
  local location = locations[(visit % #locations) + 1]
  return wrk.format("POST", "/api/locations/" .. location .. "/visit/",
    { ["Authorization"] = "Bearer " .. token_for(player), ["Content-Type"] = "application/json" },
    '{"note": "benchmark"}')
end
