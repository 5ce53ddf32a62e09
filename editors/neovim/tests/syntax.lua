-- The Neovim support in editors/neovim, checked headless on the bundled
-- policies: `*.policy` is detected as provisio, the ftplugin sets `#`
-- comments, and the syntax file gives each construct its group. Run from
-- the repository's root (tests/editors.sh does):
--   nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/neovim' \
--     -c 'filetype plugin on' -c 'syntax on' -c 'luafile editors/neovim/tests/syntax.lua'
-- It prints one line per failed check and `N passed, M failed`, and exits
-- non-zero when a check fails.

local passed, failed = 0, 0

local function check(ok, message)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. message .. '\n')
  end
end

-- The syntax group at the `nth` occurrence of `needle` (plain text) on the
-- first line of the buffer that contains `line_with`.
local function group_at(line_with, needle, nth)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for number, text in ipairs(lines) do
    if text:find(line_with, 1, true) then
      local from = 0
      for _ = 1, (nth or 1) do
        from = text:find(needle, from + 1, true)
        if not from then
          return nil, 'no ' .. needle .. ' on line ' .. number
        end
      end
      return vim.fn.synIDattr(vim.fn.synID(number, from, 1), 'name'), number
    end
  end
  return nil, 'no line with ' .. line_with
end

local function expect(file, cases)
  vim.cmd('silent edit ' .. vim.fn.fnameescape(file))
  check(vim.bo.filetype == 'provisio', file .. ': filetype is "' .. vim.bo.filetype .. '", not provisio')
  for _, case in ipairs(cases) do
    local line_with, needle, nth, want = case[1], case[2], case[3], case[4]
    local got, where = group_at(line_with, needle, nth)
    check(got == want, string.format('%s: `%s` in the line with `%s` (%s) is %s, not %s',
      file, needle, line_with, tostring(where), tostring(got), want))
  end
end

-- Every check; a Lua error in them fails the run rather than leaving Neovim
-- waiting.
local function run()
  expect('rules/wto/mc13-ecommerce.policy', {
    { '# The WTO Ministerial Decision', 'WTO', 1, 'provisioComment' },
    { 'instrument "Work Programme', 'instrument', 1, 'provisioDeclaration' },
    { 'instrument "Work Programme', 'Work', 1, 'provisioString' },
    { 'adopted 2024-03-02', '2024-03-02', 1, 'provisioDate' },
    { 'in force from adoption', 'force', 1, 'provisioContextual' },
    { 'event mc14', 'mc14', 1, 'provisioDeclaredName' },
    { 'in es "el derecho de aduana', 'optional', 1, 'provisioStorage' },
    { 'in es "el derecho de aduana', 'record', 1, 'provisioStorage' },
    { 'in fr "le droit de douane', 'in', 1, 'provisioContextual' },
    { 'in fr "le droit de douane', 'fr', 1, 'provisioLanguage' },
    { 'in fr "le droit de douane', 'droit', 1, 'provisioString' },
    { 'reading mc14_reference', 'mc14_reference', 1, 'provisioDeclaredName' },
    { 'opening (default)', '(default)', 1, 'provisioDefaultMarker' },
    { 'provision para5', 'para5', 1, 'provisioDeclaredName' },
    { 'text "We agree to maintain', 'text', 1, 'provisioClause' },
    { 'text "We agree to maintain', 'We agree', 1, 'provisioLawText' },
    -- The law's text on its third line is still the law's text, `until` and all.
    { 'Conference or 31st March 2026', 'or', 1, 'provisioLawText' },
    { 'prohibition customs_duties', 'prohibition', 1, 'provisioRuleKind' },
    { 'prohibition customs_duties', 'customs_duties', 1, 'provisioDeclaredName' },
    { 'while in_force', 'while', 1, 'provisioConditional' },
    { 'cites "whichever is earlier"', 'cites', 1, 'provisioClause' },
    { 'cites "whichever is earlier"', 'whichever', 1, 'provisioCitation' },
    { 'if reading mc14_reference is opening', 'if', 1, 'provisioConditional' },
    { 'if reading mc14_reference is opening', 'mc14_reference', 1, '' },
    { 'earliest(mc14_day, 2026-03-31)', 'earliest', 1, 'provisioBuiltin' },
    { 'then as_of on or before expiry_date', 'as_of', 1, 'provisioAsOf' },
    { 'then as_of on or before expiry_date', 'before', 1, 'provisioOperatorWord' },
    { 'verdict moratorium_in_force', 'verdict', 1, 'provisioDeclaration' },
    { 'verdict moratorium_in_force', '=', 1, 'provisioOperator' },
    { 'says "The moratorium on customs duties', 'says', 1, 'provisioClause' },
    { 'says "The moratorium on customs duties', 'moratorium', 1, 'provisioSentence' },
    { 'says "The moratorium on customs duties', '{is|', 1, 'provisioPlaceholder' },
    { 'says "The moratorium on customs duties', '|', 1, 'provisioChoice' },
    { 'says "The moratorium on customs duties', '{as_of}', 1, 'provisioPlaceholder' },
    { 'says fr "Le moratoire sur les droits', 'fr', 1, 'provisioSaysLanguage' },
    { 'says fr "Le moratoire sur les droits', 'moratoire', 1, 'provisioSentence' },
    { 'says fr "Le moratoire sur les droits', '{est|', 1, 'provisioPlaceholder' },
  })

  expect('rules/us-corporate-tax/corporate-rates.policy', {
    { '# provisio: allow money_unrounded', 'allow', 1, 'provisioAllow' },
    { 'fact taxable_income', 'money', 1, 'provisioContextual' },
    { 'fact taxable_income', 'USD', 1, 'provisioCurrency' },
    { 'fact year_start', 'date', 1, 'provisioType' },
    { 'over USD 50000: 25%', 'USD', 1, 'provisioCurrency' },
    { 'over USD 50000: 25%', '25%', 1, 'provisioPercent' },
    { 'over USD 50000: 25%', 'over', 1, 'provisioContextual' },
    { 'from 2018-01-01: marginal rates over USD 0: 21% end', 'end', 1, 'provisioStorage' },
    { 'exception personal_service_corporation to', 'personal_service_corporation', 1, 'provisioDeclaredName' },
    { 'then (personal_service_rate as of year_start)', 'rounded', 1, 'provisioContextual' },
    { 'from 2018-01-01: none', 'none', 1, 'provisioNone' },
  })

  expect('rules/us-home-sale/principal-residence.policy', {
    { 'sale_date - 5 years rounded down + 1 day', 'years', 1, 'provisioUnit' },
    { 'sale_date - 5 years rounded down + 1 day', '5', 1, 'provisioNumber' },
  })

  -- A date in a form the checker refuses, in a buffer of its own.
  vim.cmd('enew')
  vim.bo.filetype = 'provisio'
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '  define heard = filed before 2024-3-31' })
  check(group_at('define heard', '2024-3-31', 1) == 'provisioBadDate', '2024-3-31 is not marked provisioBadDate')
  check(vim.bo.commentstring == '# %s', 'commentstring is "' .. vim.bo.commentstring .. '", not "# %s"')
  check(vim.bo.shiftwidth == 2 and vim.bo.expandtab, 'indentation is not two spaces')
end

local ok, err = pcall(run)
if not ok then
  check(false, 'error: ' .. tostring(err))
end
io.stdout:write(string.format('neovim syntax: %d passed, %d failed\n', passed, failed))
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
