" Vim syntax file for provisio policy files (.policy), for Vim and for
" Neovim, which does not read the VS Code extension's TextMate grammar.
" It follows grammar/provisio.pest as editors/vscode/syntaxes does, with
" less context: a name is coloured where it is declared, the verbatim `text`
" of a provision, a `cites` phrase and a `says` sentence (with its
" placeholders) each have their own group, and a date written in a form the
" checker refuses (2024-3-31, 31/03/2024) is marked as an error.

if exists('b:current_syntax')
  finish
endif

syn case match
" Texts run over many lines: colour from the start of the file.
syn sync fromstart

" Words: the reserved words of the language (grammar/provisio.pest).
syn keyword provisioDeclaration instrument event fact reading provision define parameter exception verdict assume
syn keyword provisioRuleKind prohibition obligation permission commitment
syn keyword provisioClause symbol adopted binds action default by to
syn keyword provisioConditional if then else when while
syn keyword provisioStorage optional record list one end
syn keyword provisioOperatorWord and or not is before after on of
syn keyword provisioBoolean true false
syn keyword provisioAsOf as_of

" Words that are keywords only in their constructs, so not after a `.`
" (`s1_j_2_A.table` is a rule, not a bracket table).
syn match provisioContextual /\.\@<!\<\(in\|force\|from\|until\|adoption\|inclusive\|exclusive\|opening\|closing\|as\|scenarios\|use\|amends\|type\|replace\|repeal\|insert\|change\|entry\|money\|marginal\|rates\|bracket\|table\|over\|plus\|rounded\|half\|up\|down\|even\|toward\|zero\|the\|nearest\|cents\=\|pence\|penny\|whole\|units\=\|places\=\|count\|sum\|min\|max\|any\|every\|all\|for\|each\|keyed\|where\|satisfies\|satisfy\|within\|with\|least\|greatest\|ties\|first\|last\)\>(\@!/
syn match provisioNone /\.\@<!\<\(none\|no\s\+limit\)\>/
syn match provisioType /\.\@<!\<\(boolean\|integer\|decimal\|date\)\>\s*(\@!/
syn match provisioUnit /\(\d\|)\|\w\)\@<=\s\+\zs\(days\=\|weeks\=\|months\=\|years\=\)\>\ze\s*\([^.(:a-z]\|$\|rounded\)/

" The name a declaration introduces.
syn match provisioDeclaredName /\(\<\(instrument\|event\|fact\|reading\|provision\|define\|parameter\|verdict\|prohibition\|obligation\|permission\|commitment\|assume\|exception\)\s\+\)\@<=\(to\>\)\@!\h\w*\>\(\s\+is\>\)\@!/
syn match provisioDeclaredName /\(^\s*type\s\+\)\@<=\h\w*/
syn match provisioDeclaredName /\(^\s*use\s\+"[^"]*"\s\+as\s\+\)\@<=\h\w*/
syn match provisioDefaultMarker /(\s*default\s*)/

" Calls.
syn match provisioFunction /\<\h\w*\ze\s*(/
syn match provisioBuiltin /\<\(earliest\|latest\|min\|max\|days_between\|weeks_between\|months_between\|years_between\|year_of\|month_of\|day_of\|start_of_year\|end_of_year\|start_of_month\|end_of_month\|date\)\ze\s*(/

" Literals. A date in another form than YYYY-MM-DD is an error for the
" checker; it is defined first so that a right date, defined after, wins.
syn match provisioNumber /\<\d\+\(\.\d\+\)\=\>/
syn match provisioPercent /\<\d\+\(\.\d\+\)\=%/
syn match provisioBadDate /\<\d\+[-/]\d\+[-/]\d\+\>/
syn match provisioDate /\<\d\{4}-\d\{2}-\d\{2}\>/
syn match provisioCurrency /\<[A-Z]\{3}\>\ze\s\+\d/
syn match provisioCurrency /\(\<money\s\+in\s\+\)\@<=[A-Z]\{3}\>/
syn match provisioOperator /<=\|>=\|!=\|[-+*/<>=]/

" Texts. The group of a quoted text follows from the word before it.
syn match provisioEscape contained /\\./
syn region provisioString start=/"/ skip=/\\./ end=/"/ contains=provisioEscape
syn match provisioClause /\<text\>/
syn match provisioClause /\<text\>\ze\_s*"/ nextgroup=provisioLawText skipwhite skipnl
syn region provisioLawText contained start=/"/ skip=/\\./ end=/"/ contains=provisioEscape,@Spell
syn keyword provisioClause cites nextgroup=provisioCitation skipwhite skipnl
syn region provisioCitation contained start=/"/ skip=/\\./ end=/"/ contains=provisioEscape
syn keyword provisioClause says nextgroup=provisioSentence,provisioSaysLanguage skipwhite skipnl
" `says fr "..."`: the verdict's sentence in another language.
syn match provisioSaysLanguage contained /\h\w*\ze\_s*"/ nextgroup=provisioSentence skipwhite skipnl
" `in fr "..."`: a description in another language.
syn match provisioLanguage /\%(\<in\s\+\)\@<=\h\w*\ze\s*"/
syn region provisioSentence contained start=/"/ skip=/\\./ end=/"/ contains=provisioEscape,provisioPlaceholder,provisioBraceEscape,@Spell
syn match provisioPlaceholder contained /{[^{}"]*}/ contains=provisioChoice
syn match provisioChoice contained /|/
syn match provisioBraceEscape contained /{{\|}}/

" Comments, and the `# provisio: allow NAME` lines that silence a lint.
syn keyword provisioTodo contained TODO FIXME XXX
syn match provisioComment /#.*$/ contains=provisioTodo,@Spell
syn match provisioAllow /^\s*#\s*provisio\s*:\s*allow\>.*$/

hi def link provisioDeclaration Keyword
hi def link provisioRuleKind Structure
hi def link provisioClause Keyword
hi def link provisioConditional Conditional
hi def link provisioStorage StorageClass
hi def link provisioOperatorWord Operator
hi def link provisioBoolean Boolean
hi def link provisioAsOf Identifier
hi def link provisioContextual Keyword
hi def link provisioNone Constant
hi def link provisioType Type
hi def link provisioUnit Keyword
hi def link provisioDeclaredName Function
hi def link provisioDefaultMarker Special
hi def link provisioFunction Function
hi def link provisioBuiltin Function
hi def link provisioNumber Number
hi def link provisioPercent Number
hi def link provisioBadDate Error
hi def link provisioDate Number
hi def link provisioCurrency Special
hi def link provisioOperator Operator
hi def link provisioEscape SpecialChar
hi def link provisioString String
hi def link provisioLawText String
hi def link provisioCitation String
hi def link provisioSentence String
hi def link provisioSaysLanguage Constant
hi def link provisioLanguage Constant
hi def link provisioPlaceholder Special
hi def link provisioChoice Delimiter
hi def link provisioBraceEscape SpecialChar
hi def link provisioTodo Todo
hi def link provisioComment Comment
hi def link provisioAllow PreProc

let b:current_syntax = 'provisio'
