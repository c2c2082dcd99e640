-- Reads bearer tokens (one per line) from TOKENS_FILE; each thread walks its own slice of them.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end

local thread_count = 0
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

function token_for(n)
  return tokens[(n % #tokens) + 1]
end

function token_count()
  return #tokens
end
