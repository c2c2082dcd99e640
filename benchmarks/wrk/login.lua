dofile(os.getenv("WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email": "player0@bench.maplequest.ca", "password": "maple-syrup-42"}'
