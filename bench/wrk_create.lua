-- wrk script: every request creates an Account through the REST API
-- (POST /services/data/v62.0/sobjects/Account), its Name numbered.
-- The Authorization header comes from wrk's -H.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"Name": "Bench ' .. counter .. '", "Industry": "Retail"}')
end
