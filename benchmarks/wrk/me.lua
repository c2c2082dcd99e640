dofile(os.getenv("WRK_DIR") .. "/tokens.lua")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/api/users/me/", { ["Authorization"] = "Bearer " .. token_for(n) })
end
