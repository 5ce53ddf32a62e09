" provisio policy files.
autocmd BufRead,BufNewFile *.policy setfiletype provisio
