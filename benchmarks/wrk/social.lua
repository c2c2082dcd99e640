-- GET the path given as the URL's path for players who have friends with visits: tokens from SOCIAL_FIRST on.
dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local first = tonumber(os.getenv("SOCIAL_FIRST"))
local n = 0
function request()
  n = n + 1
  local player = first + (n * 7919) % (token_count() - first)
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token_for(player) })
end
