-- Neovim's built-in LSP client (headless) opens a rule file with a mistake after Chinese text,
-- starts `recallguard lsp`, and must see the diagnostic at the right place with its code, a hover,
-- and the quick fix. Run by ctest (tests/CMakeLists.txt) as:
--   RECALLGUARD_BINARY=... RECALLGUARD_RULE_FILE=... nvim --headless --clean -c 'luafile nvim_lsp_test.lua'
-- It exits 0 when every check holds and 1 (with the reason on stderr) otherwise.

local binary = os.getenv("RECALLGUARD_BINARY")
local file = os.getenv("RECALLGUARD_RULE_FILE")

local function finish(failure)
  if failure then
    io.stderr:write("nvim_lsp_test: " .. failure .. "\n")
    vim.cmd("cquit! 1")
  else
    io.stderr:write("nvim_lsp_test: ok\n")
    vim.cmd("qall!")
  end
end

local ok, err = pcall(function()
  if not binary or not file then return finish("set RECALLGUARD_BINARY and RECALLGUARD_RULE_FILE") end
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "recallguard",
    cmd = { binary, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
  })
  if not client_id then return finish("the client did not start") end
  vim.lsp.buf_attach_client(buf, client_id)

  local seen = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  if not seen then return finish("no diagnostic within 10 s") end
  local diagnostics = vim.diagnostic.get(buf)
  if #diagnostics ~= 1 then return finish("expected 1 diagnostic, got " .. #diagnostics) end
  local d = diagnostics[1]
  -- The diagnostic as the protocol sent it (Neovim 0.7 converts it back from its own form).
  local lsp = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum)[1] or {}
  local code = d.code or lsp.code
  if code ~= "E-UNKNOWN-COLUMN" then return finish("code " .. tostring(code)) end
  -- The line is `  message "案件 {c.cse_id}"`: Neovim counts bytes, so `cse_id` starts at byte
  -- 2 + 7 + 2 + 6 + 4 = 21 (0-based) once the server's UTF-16 position (17) is converted.
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  local expected = line:find("cse_id", 1, true) - 1
  if d.col ~= expected or d.end_col ~= expected + 6 then
    return finish(string.format("diagnostic at %d:%d-%d, expected columns %d-%d", d.lnum, d.col, d.end_col,
      expected, expected + 6))
  end
  if not d.message:find("did you mean 'case_id'", 1, true) then return finish("message: " .. d.message) end

  -- Hover over `market` (line 11 of the file, 0-based 10) names its table.
  local market_line = vim.api.nvim_buf_get_lines(buf, 10, 11, false)[1]
  local market = market_line:find("market", 1, true)
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 10, character = market },
  }, 5000)
  local hover_text = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value
  if not hover_text or not hover_text:find("column of table `products`", 1, true) then
    return finish("hover: " .. vim.inspect(hover))
  end

  -- The did-you-mean as a code action that replaces the name.
  local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp.range,
    context = { diagnostics = { lsp } },
  }, 5000)
  local action = actions and actions[client_id] and actions[client_id].result and actions[client_id].result[1]
  if not action or action.title ~= "Replace with 'case_id'" then return finish("code action: " .. vim.inspect(actions)) end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  finish(nil)
end)
if not ok then finish("error: " .. tostring(err)) end
