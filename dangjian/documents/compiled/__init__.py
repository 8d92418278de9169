"""The shipped report templates, compiled by Jinja ahead of time (templates/compile_templates.py writes them).

Jinja's parsing and code generation of a template take a fresh process about 10 ms, a third of a
report's writing. Each module here holds the code Jinja generates for one part (body, header,
footer) of a shipped template, named by a digest of what generated it: the text Jinja compiles,
Jinja's version and documents/report.py (the sandbox, its code generator and the digest itself).
report.py looks a text's module up by that name and runs its code in the same sandbox; a text, a
Jinja or a report.py that differs finds no module and is compiled as ever, so nothing here can
go stale. The modules are part of the program, written by us and shipped with it; a template a
secretary edits has other text. They are never imported: Jinja runs their code with its
environment (`environment` is a name they expect to be given).
"""
