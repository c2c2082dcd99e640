-- A player's app session: the map, a landmark's photos, their profile, visits and friends.
dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local locations = {}
for line in io.lines(os.getenv("LOCATIONS_FILE")) do locations[#locations + 1] = line end
local n = 0
function request()
  n = n + 1
  local auth = { ["Authorization"] = "Bearer " .. token_for(n * 7 + thread_index) }
  local step = n % 6
  if step == 0 then return wrk.format("GET", "/api/locations/")
  elseif step == 1 then return wrk.format("GET", "/api/locations/" .. locations[(n % #locations) + 1] .. "/images/")
  elseif step == 2 then return wrk.format("GET", "/api/users/me/", auth)
  elseif step == 3 then return wrk.format("GET", "/api/visits/", auth)
  elseif step == 4 then return wrk.format("GET", "/api/friend-requests/", auth)
  else return wrk.format("GET", "/api/users/friends/", auth) end
end
