-- Cycles through the request bodies in $WRK_BODIES (one JSON document a line).
local bodies = {}
local file = assert(io.open(os.getenv("WRK_BODIES"), "r"))
for line in file:lines() do bodies[#bodies + 1] = line end
file:close()

local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i % #bodies) + 1])
end
