-- Sends requests in batches of `depth` (16 unless given after --), as TechEmpower's plaintext
-- test does: wrk -s pipeline.lua URL -- 16
init = function(args)
  local depth = tonumber(args[1]) or 16
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end
